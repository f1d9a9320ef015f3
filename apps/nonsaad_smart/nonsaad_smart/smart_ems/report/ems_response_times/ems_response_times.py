"""EMS Response Times: per month, the distribution of the response interval (call → at scene): count,
median, 90th percentile, mean and the slowest, optionally of one triage colour."""

from frappe import _

from nonsaad_smart.smart_ems.metrics import by_month, percentile, responses


def execute(filters=None):
	filters = filters or {}
	rows = responses(filters.get("from_date"), filters.get("to_date"), filters.get("triage"))
	data = []
	for month, items in sorted(by_month(rows).items()):
		values = [r.response_minutes for r in items]
		data.append(
			{
				"month": month,
				"incidents": len(values),
				"median": percentile(values, 50),
				"p90": percentile(values, 90),
				"mean": round(sum(values) / len(values), 1),
				"slowest": max(values),
			}
		)
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 100},
		{"fieldname": "incidents", "label": _("Incidents"), "fieldtype": "Int", "width": 100},
		{"fieldname": "median", "label": _("Median (min)"), "fieldtype": "Float", "width": 120},
		{"fieldname": "p90", "label": _("90th Percentile (min)"), "fieldtype": "Float", "width": 160},
		{"fieldname": "mean", "label": _("Mean (min)"), "fieldtype": "Float", "width": 110},
		{"fieldname": "slowest", "label": _("Slowest (min)"), "fieldtype": "Float", "width": 120},
	]
	chart = {
		"data": {
			"labels": [d["month"] for d in data],
			"datasets": [
				{"name": _("Median (min)"), "values": [d["median"] for d in data]},
				{"name": _("90th Percentile (min)"), "values": [d["p90"] for d in data]},
			],
		},
		"type": "line",
	}
	return columns, data, None, chart
