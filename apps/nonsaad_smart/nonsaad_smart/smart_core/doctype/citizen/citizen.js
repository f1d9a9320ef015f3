// Citizen form: consent buttons (PDPA) and a quick look at the home on the map.
frappe.ui.form.on("Citizen", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0].write) return;
		if (frm.doc.consent_status !== "Given") {
			frm.add_custom_button(__("Record Consent"), () => {
				frm.set_value("consent_given_at", frappe.datetime.now_datetime());
				frm.set_value("consent_withdrawn_at", null);
				frm.save();
			}, __("PDPA"));
		} else {
			frm.add_custom_button(__("Record Withdrawal"), () => {
				frappe.confirm(__("Record that this citizen withdrew consent?"), () => {
					frm.set_value("consent_withdrawn_at", frappe.datetime.now_datetime());
					frm.save();
				});
			}, __("PDPA"));
		}
		if (frm.doc.latitude && frm.doc.longitude) {
			frm.add_custom_button(__("Show on Map"), () => {
				window.open(`https://www.openstreetmap.org/?mlat=${frm.doc.latitude}&mlon=${frm.doc.longitude}#map=17/${frm.doc.latitude}/${frm.doc.longitude}`);
			});
		}
	},
	national_id(frm) {
		// typed with dashes or spaces: keep the digits; the server checks the check digit
		const digits = (frm.doc.national_id || "").replace(/[\s-]/g, "");
		if (digits !== frm.doc.national_id) frm.set_value("national_id", digits);
	},
});
