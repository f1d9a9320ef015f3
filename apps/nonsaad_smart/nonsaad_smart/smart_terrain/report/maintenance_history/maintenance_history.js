frappe.query_reports["Maintenance History"] = {
	filters: [
		{ fieldname: "asset_doctype", label: __("Asset Type"), fieldtype: "Select", options: ["", "Road", "Drain", "Culvert"] },
		{ fieldname: "asset_name", label: __("Asset"), fieldtype: "Dynamic Link", options: "asset_doctype" },
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
		{ fieldname: "fiscal_year_be", label: __("Fiscal Year (BE)"), fieldtype: "Int" },
	],
};
