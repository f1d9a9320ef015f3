frappe.listview_settings["Asset Stock Check"] = {
	add_fields: ["workflow_state", "due_date", "progress"],
	get_indicator(doc) {
		const colors = { Draft: "gray", Checking: "orange", "Reported to Executive": "blue", Acknowledged: "green" };
		if (doc.docstatus === 0 && doc.due_date && frappe.datetime.get_today() > doc.due_date) {
			return [__("Overdue"), "red", "due_date,<,Today"];
		}
		return [__(doc.workflow_state || "Draft"), colors[doc.workflow_state] || "gray", `workflow_state,=,${doc.workflow_state}`];
	},
};
