// Centre Evaluation: a new evaluation lists every enabled indicator of the standard, to be scored 1–4.
frappe.ui.form.on("Centre Evaluation", {
	onload(frm) {
		if (!frm.is_new() || (frm.doc.scores || []).length) return;
		frappe.db
			.get_list("ECD Standard Indicator", {
				filters: { enabled: 1 },
				fields: ["name", "part", "indicator"],
				order_by: "code asc",
				limit: 0,
			})
			.then((rows) => {
				for (const row of rows) {
					frm.add_child("scores", { indicator: row.name, part: row.part, indicator_text: row.indicator });
				}
				frm.refresh_field("scores");
			});
	},
});
