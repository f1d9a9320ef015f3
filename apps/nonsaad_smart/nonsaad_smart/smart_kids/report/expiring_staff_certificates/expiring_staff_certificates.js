frappe.query_reports["Expiring Staff Certificates"] = {
	filters: [
		{ fieldname: "days", label: __("Expiring within (days)"), fieldtype: "Int", default: 90 },
		{ fieldname: "centre", label: __("Centre"), fieldtype: "Link", options: "Child Development Centre" },
	],
};
