frappe.ui.form.on("Condition Survey", {
	asset_doctype(frm) {
		frm.set_value("asset_name", "");
	},
	refresh(frm) {
		frm.set_query("asset_doctype", () => ({ filters: { name: ["in", ["Road", "Drain", "Culvert"]] } }));
		if (!frm.is_new() && frm.doc.treatment) {
			frm.add_custom_button(__("Maintenance Work"), () =>
				frappe.new_doc("Maintenance Work", {
					asset_doctype: frm.doc.asset_doctype, asset_name: frm.doc.asset_name, road_segment: frm.doc.road_segment,
					condition_survey: frm.doc.name, treatment: frm.doc.treatment, source: "Condition Survey",
				}), __("Create"));
		}
	},
});
