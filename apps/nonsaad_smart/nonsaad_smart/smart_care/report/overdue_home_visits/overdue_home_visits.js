frappe.query_reports["Overdue Home Visits"] = {
	filters: [
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
};
