// Citizen form: consent buttons (PDPA) and a quick look at the home on the map.
frappe.ui.form.on("Citizen", {
	refresh(frm) {
		if (!frm.is_new()) nonsaad_citizen_360(frm);
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

// Citizen 360 (smart_core/citizen360.py): the records linked to this person, in a dashboard section;
// the full page, and a merge of a duplicate into another record for who may delete citizens
function nonsaad_citizen_360(frm) {
	const section = frm.dashboard.add_section('<div class="nonsaad-c360-form"></div>', __("Citizen 360"));
	frm.dashboard.show();
	frappe.require("/assets/nonsaad_smart/js/citizen_360.js", () =>
		nonsaad.render_citizen_360(section.find(".nonsaad-c360-form").get(0), frm.doc.name)
	);
	frm.add_custom_button(__("Citizen 360"), () => frappe.set_route("citizen-360", frm.doc.name));
	if (!frappe.model.can_delete("Citizen")) return;
	frm.add_custom_button(__("Merge into..."), () => {
		frappe.prompt(
			[{ fieldname: "target", label: __("Citizen to keep"), fieldtype: "Link", options: "Citizen", reqd: 1 }],
			({ target }) => {
				frappe.confirm(__("Merge {0} into {1}? Every linked record moves to {1} and {0} is deleted.", [frm.doc.name, target]), () => {
					frappe.call({
						method: "nonsaad_smart.smart_core.citizen360.merge_citizens",
						args: { source: frm.doc.name, target },
						freeze: true,
					}).then((r) => frappe.set_route("Form", "Citizen", r.message));
				});
			},
			__("Merge duplicate citizen"),
			__("Merge")
		);
	}, __("PDPA"));
}
