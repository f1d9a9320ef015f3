frappe.listview_settings["Asset Stock Check Line"] = {
	add_fields: ["result"],
	get_indicator(doc) {
		const colors = { "Found In Use": "green", "Found Unused": "blue", Damaged: "orange", Lost: "red", "Not Needed": "purple" };
		if (!doc.result) return [__("Unchecked"), "gray", "result,is,not set"];
		return [__(doc.result), colors[doc.result], `result,=,${doc.result}`];
	},
};
