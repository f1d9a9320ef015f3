frappe.query_reports["People Turning 60 Next Fiscal Year"] = {
	filters: [
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
};
