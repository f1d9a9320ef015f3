frappe.listview_settings["Village"] = {
	add_fields: ["village_no"],
	hide_name_column: true,
};
