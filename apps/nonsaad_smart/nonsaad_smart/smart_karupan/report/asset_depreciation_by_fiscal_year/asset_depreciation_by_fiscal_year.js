frappe.query_reports["Asset Depreciation by Fiscal Year"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "asset_category", label: __("Asset Category"), fieldtype: "Link", options: "Asset Category" },
		{ fieldname: "department", label: __("Department"), fieldtype: "Link", options: "Department" },
		{ fieldname: "from_fiscal_year", label: __("From Fiscal Year (BE)"), fieldtype: "Int" },
		{ fieldname: "to_fiscal_year", label: __("To Fiscal Year (BE)"), fieldtype: "Int" },
	],
};
