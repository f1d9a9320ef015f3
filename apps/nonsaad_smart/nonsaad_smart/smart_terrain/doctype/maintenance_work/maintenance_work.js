frappe.ui.form.on("Maintenance Work", {
	setup(frm) {
		frm.set_query("technician", () => ({ query: "nonsaad_smart.smart_terrain.doctype.maintenance_work.maintenance_work.technician_query" }));
		frm.set_query("treatment", () => ({ filters: { applies_to: frm.doc.asset_doctype } }));
	},
	asset_doctype(frm) {
		frm.set_value("asset_name", "");
		frm.set_value("treatment", "");
	},
});
