frappe.query_reports["Staff by Qualification"] = {
	filters: [],
};
