frappe.query_reports["Open Pole Faults"] = {
	filters: [
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
		{ fieldname: "as_of", label: __("As Of"), fieldtype: "Datetime" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "outage_days" && data && data.outage_days >= 3) {
			value = `<span style="color: var(--red-600); font-weight: bold">${value}</span>`;
		}
		return value;
	},
};
