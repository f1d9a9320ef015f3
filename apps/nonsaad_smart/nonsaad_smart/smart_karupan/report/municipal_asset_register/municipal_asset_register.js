frappe.query_reports["Municipal Asset Register"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: ["", "Asset Category", "Department", "Location"] },
		{ fieldname: "asset_category", label: __("Asset Category"), fieldtype: "Link", options: "Asset Category" },
		{ fieldname: "department", label: __("Department"), fieldtype: "Link", options: "Department" },
		{ fieldname: "location", label: __("Location"), fieldtype: "Link", options: "Location" },
		{ fieldname: "status", label: __("Status"), fieldtype: "Select", options: ["", "Submitted", "Partially Depreciated", "Fully Depreciated", "Sold", "Scrapped"] },
		{ fieldname: "include_disposed", label: __("Include Disposed"), fieldtype: "Check" },
	],
};
