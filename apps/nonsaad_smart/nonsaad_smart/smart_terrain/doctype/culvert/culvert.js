// Culvert: drawn on the map (Geolocation field); condition from its latest survey.
frappe.ui.form.on("Culvert", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Condition Survey"), () =>
				frappe.new_doc("Condition Survey", { asset_doctype: "Culvert", asset_name: frm.doc.name }), __("Create"));
			frm.add_custom_button(__("Maintenance Work"), () =>
				frappe.new_doc("Maintenance Work", { asset_doctype: "Culvert", asset_name: frm.doc.name }), __("Create"));
		}
	},
});
