// Executive Weekly Summary: the overview's figures (smart_core/overview.py); also the weekly e-mail's body
frappe.query_reports["Executive Weekly Summary"] = {
	filters: [
		{
			fieldname: "month",
			label: __("Month (a past month compares whole months)"),
			fieldtype: "Date",
		},
	],
};
