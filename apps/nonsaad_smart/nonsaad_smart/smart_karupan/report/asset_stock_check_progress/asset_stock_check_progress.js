frappe.query_reports["Asset Stock Check Progress"] = {
	filters: [
		{ fieldname: "stock_check", label: __("Stock Check"), fieldtype: "Link", options: "Asset Stock Check" },
		{ fieldname: "fiscal_year", label: __("Fiscal Year (BE)"), fieldtype: "Int" },
	],
};
