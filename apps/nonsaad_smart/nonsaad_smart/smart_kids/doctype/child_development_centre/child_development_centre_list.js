frappe.listview_settings["Child Development Centre"] = {
	add_fields: ["over_ratio", "status"],
	get_indicator(doc) {
		if (doc.status === "Closed") return [__("Closed"), "gray", "status,=,Closed"];
		if (doc.over_ratio) return [__("Over the Staff Ratio"), "red", "over_ratio,=,1"];
		return [__("Within the ratio"), "green", "over_ratio,=,0"];
	},
};
