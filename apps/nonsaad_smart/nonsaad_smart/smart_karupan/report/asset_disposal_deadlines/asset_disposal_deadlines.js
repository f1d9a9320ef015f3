frappe.query_reports["Asset Disposal Deadlines"] = {
	filters: [
		{ fieldname: "stock_check", label: __("Stock Check"), fieldtype: "Link", options: "Asset Stock Check" },
		{ fieldname: "open_only", label: __("Open Only"), fieldtype: "Check", default: 1 },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.overdue && column.fieldname === "deadline" ? `<span style="color:red">${value}</span>` : value;
	},
};
