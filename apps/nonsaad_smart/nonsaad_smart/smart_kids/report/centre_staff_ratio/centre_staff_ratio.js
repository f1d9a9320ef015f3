frappe.query_reports["Centre Staff Ratio"] = {
	filters: [],
};
