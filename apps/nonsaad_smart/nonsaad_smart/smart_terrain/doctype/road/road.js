// Road: draw the road on the map (Geolocation field, Leaflet.draw polyline); length and ends on save.
frappe.ui.form.on("Road", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Condition Survey"), () =>
				frappe.new_doc("Condition Survey", { asset_doctype: "Road", asset_name: frm.doc.name }), __("Create"));
			frm.add_custom_button(__("Maintenance Work"), () =>
				frappe.new_doc("Maintenance Work", { asset_doctype: "Road", asset_name: frm.doc.name }), __("Create"));
			frm.add_custom_button(__("Maintenance History"), () =>
				frappe.set_route("query-report", "Maintenance History", { asset_doctype: "Road", asset_name: frm.doc.name }));
		}
	},
});
