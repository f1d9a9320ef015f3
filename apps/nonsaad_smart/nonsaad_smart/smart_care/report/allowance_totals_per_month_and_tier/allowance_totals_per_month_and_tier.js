frappe.query_reports["Allowance Totals per Month and Tier"] = {
	filters: [
		{ fieldname: "fiscal_year", label: __("Fiscal Year (BE)"), fieldtype: "Int" },
		{ fieldname: "allowance_kind", label: __("Allowance Kind"), fieldtype: "Select", options: ["", "Elderly Allowance", "Disability Allowance"] },
	],
};
