// Ambulance status at a glance.
frappe.listview_settings["Ambulance"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colours = { Available: "green", "Out of Service": "red" };
		return [__(doc.status), colours[doc.status] || "orange", "status,=," + doc.status];
	},
};
