// Drain: drawn on the map (Geolocation field); condition from its latest survey.
frappe.ui.form.on("Drain", {
	refresh(frm) {
		if (frm.is_new()) setTimeout(() => window.nonsaad_terrain_centre_map(frm), 300);
		if (!frm.is_new()) {
			frm.add_custom_button(__("Condition Survey"), () =>
				frappe.new_doc("Condition Survey", { asset_doctype: "Drain", asset_name: frm.doc.name }), __("Create"));
			frm.add_custom_button(__("Maintenance Work"), () =>
				frappe.new_doc("Maintenance Work", { asset_doctype: "Drain", asset_name: frm.doc.name }), __("Create"));
		}
	},
});

// a new asset's map opens on the municipality (the Geolocation control's default centre is elsewhere)
window.nonsaad_terrain_centre_map = function (frm) {
	const control = frm.fields_dict.geometry;
	if (!control || !control.map || (frm.doc.geometry || "").includes("coordinates")) return;
	frappe.call({ method: "nonsaad_smart.smart_core.gis.map_settings" }).then((r) => {
		const s = r.message || {};
		if (s.center && s.center[0]) control.map.setView(s.center, 15);
	});
};
