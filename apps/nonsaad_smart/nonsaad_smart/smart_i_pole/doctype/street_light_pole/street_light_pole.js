// Street Light Pole: next free code per village, the public QR page, a new repair from the pole.
frappe.ui.form.on("Street Light Pole", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Public Page (QR)"), () => window.open(`/pole/${encodeURIComponent(frm.doc.name)}`));
		frm.add_custom_button(__("QR Label"), () =>
			window.open(
				"/api/method/nonsaad_smart.smart_i_pole.labels.qr_label_sheet?names=" +
					encodeURIComponent(JSON.stringify([frm.doc.name]))
			)
		);
		if (frm.doc.status !== "Removed" && frappe.model.can_create("Pole Repair")) {
			frm.add_custom_button(__("New Repair"), () =>
				frappe.new_doc("Pole Repair", { pole: frm.doc.name, source: "Inspection" })
			);
		}
	},
	village(frm) {
		if (!frm.is_new() || !frm.doc.village) return;
		frappe
			.call("nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole.next_pole_code", {
				village: frm.doc.village,
			})
			.then((r) => r.message && frm.set_value("pole_code", r.message));
	},
});
