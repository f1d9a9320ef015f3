frappe.listview_settings["Stray Animal"] = {
	add_fields: ["outcome", "claim_deadline"],
	get_indicator(doc) {
		if (doc.outcome !== "Open") return [__(doc.outcome), "gray", `outcome,=,${doc.outcome}`];
		return [__("Open"), "orange", "outcome,=,Open"];
	},
};
