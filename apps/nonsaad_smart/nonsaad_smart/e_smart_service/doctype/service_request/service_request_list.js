frappe.listview_settings["Service Request"] = {
	add_fields: ["workflow_state", "due_date", "report_count"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		// the states and their colours come from the server (e_smart_service.api.boot_session)
		const { open_states = [], colours = {} } = frappe.boot.nonsaad_service_request || {};
		const open = open_states.includes(doc.workflow_state);
		if (open && doc.due_date && doc.due_date < frappe.datetime.get_today()) {
			return [__("Overdue"), "red", "due_date,<," + frappe.datetime.get_today()];
		}
		return [__(doc.workflow_state), colours[doc.workflow_state] || "gray", "workflow_state,=," + doc.workflow_state];
	},
};
