"""EMS Eight Minute Compliance: per month, the red (critical) cases that reached the scene and the share
reached within 8 minutes of the call (the national target)."""

from frappe import _

from nonsaad_smart.smart_ems.metrics import by_month, eight_minute_share, responses


def execute(filters=None):
	filters = filters or {}
	rows = responses(filters.get("from_date"), filters.get("to_date"), "Red")
	data = []
	for month, items in sorted(by_month(rows).items()):
		red, within, share = eight_minute_share(items)
		data.append({"month": month, "red_cases": red, "within_8": within, "share": share})
	red, within, share = eight_minute_share(rows)
	if rows:
		data.append({"month": _("Total"), "red_cases": red, "within_8": within, "share": share, "bold": 1})
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 100},
		{"fieldname": "red_cases", "label": _("Red Cases"), "fieldtype": "Int", "width": 110},
		{"fieldname": "within_8", "label": _("Reached within 8 Minutes"), "fieldtype": "Int", "width": 190},
		{"fieldname": "share", "label": _("Within 8 Minutes (%)"), "fieldtype": "Percent", "width": 170},
	]
	chart = {
		"data": {
			"labels": [d["month"] for d in data if not d.get("bold")],
			"datasets": [
				{"name": _("Within 8 Minutes (%)"), "values": [d["share"] for d in data if not d.get("bold")]}
			],
		},
		"type": "bar",
	}
	return columns, data, None, chart
