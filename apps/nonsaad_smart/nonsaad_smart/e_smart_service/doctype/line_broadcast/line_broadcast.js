frappe.ui.form.on("LINE Broadcast", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Draft" && frappe.user.has_role("Executive")
			&& frm.doc.owner !== frappe.session.user) {
			frm.add_custom_button(__("Approve and Send"), () =>
				frm.call("approve").then(() => frm.reload_doc()));
		}
	},
});
