frappe.ui.form.on("Rabies Vaccination", {
	refresh(frm) {
		if (frm.doc.dose_warning) frm.dashboard.set_headline_alert(frappe.utils.escape_html(frm.doc.dose_warning), "orange");
	},
});
