frappe.query_reports["EMS Response Times"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -12) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "triage", label: __("Triage"), fieldtype: "Select", options: ["", "Red", "Yellow", "Green", "White", "Black"] },
	],
};
