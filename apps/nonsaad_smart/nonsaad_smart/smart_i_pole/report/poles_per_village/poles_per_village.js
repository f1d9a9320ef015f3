frappe.query_reports["Poles per Village"] = {
	filters: [
		{
			fieldname: "lamp_type",
			label: __("Lamp Type"),
			fieldtype: "Select",
			options: ["", "LED", "High-Pressure Sodium", "CFL", "Solar"],
		},
	],
};
