// Triage colours in the list of incidents.
frappe.listview_settings["EMS Incident"] = {
	add_fields: ["triage", "status"],
	get_indicator(doc) {
		const colours = { Red: "red", Yellow: "yellow", Green: "green", White: "gray", Black: "darkgrey" };
		return [__(doc.status) + " · " + __(doc.triage), colours[doc.triage] || "blue", "triage,=," + doc.triage];
	},
};
