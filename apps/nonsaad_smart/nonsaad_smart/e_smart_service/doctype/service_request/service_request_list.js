frappe.listview_settings["Service Request"] = {
	add_fields: ["workflow_state", "due_date", "report_count"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		const open = ["Submitted", "Accepted", "Assigned", "In Progress"].includes(doc.workflow_state);
		if (open && doc.due_date && doc.due_date < frappe.datetime.get_today()) {
			return [__("Overdue"), "red", "due_date,<," + frappe.datetime.get_today()];
		}
		const colours = { Submitted: "blue", Accepted: "cyan", Assigned: "purple", "In Progress": "orange",
			Resolved: "green", Closed: "gray", Rejected: "red", Duplicate: "darkgrey" };
		return [__(doc.workflow_state), colours[doc.workflow_state] || "gray", "workflow_state,=," + doc.workflow_state];
	},
};
