frappe.query_reports["Boosters Due"] = {
	filters: [
		{
			fieldname: "month",
			label: __("Month"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), 1),
		},
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
};
