// Smart I Pole on the Service Request form (hooks doctype_js): open the pole, start its repair.
frappe.ui.form.on("Service Request", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.asset_doctype !== "Street Light Pole" || !frm.doc.asset_name) return;
		frm.add_custom_button(
			__("Pole {0}", [frm.doc.asset_name]),
			() => frappe.set_route("Form", "Street Light Pole", frm.doc.asset_name),
			__("Street Light Pole")
		);
		// accepted and not yet resolved: the states come from E-Smart Service (frappe.boot, api.boot_session)
		const in_hand = (frappe.boot.nonsaad_service_request || {}).in_hand_states || [];
		const open = in_hand.includes(frm.doc.workflow_state);
		if (open && frappe.model.can_create("Pole Repair")) {
			frm.add_custom_button(
				__("Pole Repair"),
				() =>
					frappe.new_doc("Pole Repair", {
						pole: frm.doc.asset_name,
						source: "Service Request",
						service_request: frm.doc.name,
						fault_description: frm.doc.description,
					}),
				__("Create")
			);
		}
	},
});
