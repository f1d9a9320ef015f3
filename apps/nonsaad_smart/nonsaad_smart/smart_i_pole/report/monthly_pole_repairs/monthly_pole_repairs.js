frappe.query_reports["Monthly Pole Repairs"] = {
	filters: [
		{
			fieldname: "fiscal_year",
			label: __("Fiscal Year (BE)"),
			fieldtype: "Int",
			default: window.nonsaad && nonsaad.fiscal_year ? nonsaad.fiscal_year(frappe.datetime.get_today()) : null,
			reqd: 1,
		},
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
};
