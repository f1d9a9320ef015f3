frappe.query_reports["Rabies Vaccination Coverage"] = {
	filters: [
		{
			fieldname: "on_date",
			label: __("On Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
	],
};
