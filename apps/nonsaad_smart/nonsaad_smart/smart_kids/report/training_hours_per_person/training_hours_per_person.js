frappe.query_reports["Training Hours per Person"] = {
	filters: [
		{ fieldname: "fiscal_year", label: __("Fiscal Year (BE)"), fieldtype: "Int", reqd: 1, default: nonsaad.fiscal_year(frappe.datetime.get_today()) },
		{ fieldname: "centre", label: __("Centre"), fieldtype: "Link", options: "Child Development Centre" },
	],
};
