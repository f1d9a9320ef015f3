frappe.query_reports["Centre Evaluation Results"] = {
	filters: [
		{ fieldname: "centre", label: __("Centre"), fieldtype: "Link", options: "Child Development Centre" },
	],
};
