frappe.query_reports["Suspected Duplicate Citizens"] = { filters: [] };
