frappe.query_reports["EMS Crew Certificate Expiry"] = {
	filters: [
		{ fieldname: "within_days", label: __("Expiring within (days)"), fieldtype: "Int", default: 90 },
	],
};
