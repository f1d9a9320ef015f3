// Audit Trail (smart_core/audit_trail.py): filters, and the evidence pack of one record or of the period.
frappe.query_reports["Audit Trail"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_days(frappe.datetime.get_today(), -30) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "doctype", label: __("DocType"), fieldtype: "Link", options: "DocType" },
		{ fieldname: "record", label: __("Record"), fieldtype: "Data" },
		{ fieldname: "user", label: __("User"), fieldtype: "Link", options: "User" },
		{
			fieldname: "action",
			label: __("Action"),
			fieldtype: "Select",
			options: ["", "Created", "Changed", "Submitted", "Cancelled", "Viewed", "Printed", "Exported", "Read", "Deleted", "Imported", "Login", "Logout"],
		},
	],
	onload(report) {
		report.page.add_inner_button(__("Evidence Pack"), () => {
			const f = report.get_values() || {};
			if (f.record && !f.doctype) {
				frappe.msgprint(__("Choose the DocType of the record"));
				return;
			}
			const args = f.record ? { doctype: f.doctype, name: f.record } : { doctype: f.doctype || "", from_date: f.from_date, to_date: f.to_date };
			window.open("/api/method/nonsaad_smart.smart_core.evidence.evidence_pack?" + new URLSearchParams(args).toString());
		});
	},
};
