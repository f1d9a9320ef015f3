frappe.query_reports["Registrations Pending Verification"] = {
	filters: [
		{ fieldname: "fiscal_year", label: __("Fiscal Year (BE)"), fieldtype: "Int" },
		{ fieldname: "allowance_kind", label: __("Allowance Kind"), fieldtype: "Select", options: ["", "Elderly Allowance", "Disability Allowance"] },
	],
};
