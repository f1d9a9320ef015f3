frappe.listview_settings["Asset Disposal Request"] = {
	add_fields: ["workflow_state", "deadline", "completed_on"],
	get_indicator(doc) {
		if (doc.deadline && !doc.completed_on && frappe.datetime.get_today() > doc.deadline) {
			return [__("Overdue"), "red", "deadline,<,Today"];
		}
		const colors = { Draft: "gray", "Pending Approval": "orange", Approved: "blue", Completed: "green", Rejected: "red" };
		return [__(doc.workflow_state || "Draft"), colors[doc.workflow_state] || "gray", `workflow_state,=,${doc.workflow_state}`];
	},
};
