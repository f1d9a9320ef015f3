frappe.ui.form.on("Pet", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Alive") {
			frm.add_custom_button(__("Rabies Vaccination"), () => {
				frappe.new_doc("Rabies Vaccination", { pet: frm.doc.name });
			}, __("Create"));
		}
	},
});
