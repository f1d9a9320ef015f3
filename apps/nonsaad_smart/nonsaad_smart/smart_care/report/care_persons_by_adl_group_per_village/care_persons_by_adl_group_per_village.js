frappe.query_reports["Care Persons by ADL Group per Village"] = {
	filters: [
	],
};
