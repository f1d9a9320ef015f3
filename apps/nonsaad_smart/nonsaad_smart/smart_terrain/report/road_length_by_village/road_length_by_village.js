frappe.query_reports["Road Length by Village"] = {
	filters: [{ fieldname: "surface", label: __("Surface"), fieldtype: "Select", options: ["", "Asphalt", "Concrete", "Laterite", "Earth"] }],
};
