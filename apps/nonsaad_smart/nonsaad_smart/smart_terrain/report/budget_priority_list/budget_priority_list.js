frappe.query_reports["Budget Priority List"] = {
	filters: [{ fieldname: "budget_ceiling", label: __("Budget Ceiling (Baht)"), fieldtype: "Currency", default: 5000000 }],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname === "cumulative_cost" && !data.within_budget) value = `<span class="text-muted">${value}</span>`;
		return value;
	},
};
