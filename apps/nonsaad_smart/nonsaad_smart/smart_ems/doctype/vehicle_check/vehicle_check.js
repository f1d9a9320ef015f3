// Vehicle Check: a new check starts with every enabled item of the check list (EMS Check Item) to tick.
frappe.ui.form.on("Vehicle Check", {
	onload(frm) {
		if (!frm.is_new() || (frm.doc.items || []).length) return;
		frappe.db
			.get_list("EMS Check Item", {
				filters: { enabled: 1 },
				fields: ["name", "critical"],
				order_by: "sort_order asc",
				limit: 100,
			})
			.then((items) => {
				items.forEach((item) => frm.add_child("items", { check_item: item.name, critical: item.critical, ok: 0 }));
				frm.refresh_field("items");
			});
	},
});
