frappe.listview_settings["Culvert"] = {
	add_fields: ["condition_class"],
	get_indicator(doc) {
		const colours = { Good: "green", Fair: "yellow", Poor: "orange", "Very Poor": "red" };
		return doc.condition_class ? [__(doc.condition_class), colours[doc.condition_class], `condition_class,=,${doc.condition_class}`] : null;
	},
	onload(listview) {
		frappe.require("/assets/nonsaad_smart/js/terrain_geodata.js", () => window.nonsaad_terrain_geodata(listview, "Culvert"));
	},
};
