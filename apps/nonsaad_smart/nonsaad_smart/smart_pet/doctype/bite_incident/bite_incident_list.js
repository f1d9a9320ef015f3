frappe.listview_settings["Bite Incident"] = {
	add_fields: ["late_report", "workflow_state", "observation_until"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		if (doc.workflow_state === "Closed") return [__("Closed"), "gray", "workflow_state,=,Closed"];
		if (doc.late_report) return [__("Reported After 24 Hours"), "red", "late_report,=,1"];
		return [__(doc.workflow_state || "Reported"), "orange", `workflow_state,=,${doc.workflow_state}`];
	},
};
