"""EMS Incidents per Village: incidents, red cases and the median response per village (หมู่)."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Date
from frappe.utils import getdate

from nonsaad_smart.smart_ems.metrics import percentile


def execute(filters=None):
	filters = filters or {}
	inc = DocType("EMS Incident")
	query = (
		frappe.qb.from_(inc)
		.select(inc.village, inc.triage, inc.response_minutes)
		.where(inc.status != "Cancelled")
	)
	if filters.get("from_date"):
		query = query.where(Date(inc.call_received) >= getdate(filters["from_date"]))
	if filters.get("to_date"):
		query = query.where(Date(inc.call_received) <= getdate(filters["to_date"]))
	groups = {}
	for row in query.run(as_dict=True):
		groups.setdefault(row.village or "", []).append(row)
	names = {
		v.name: f"หมู่ {v.village_no} {v.village_name}"
		for v in frappe.get_all("Village", fields=["name", "village_no", "village_name"])
	}
	data = []
	for village, rows in sorted(groups.items(), key=lambda g: -len(g[1])):
		times = [r.response_minutes for r in rows if r.response_minutes is not None]
		data.append(
			{
				"village": village or None,
				"village_name": names.get(village, _("Not set")),
				"incidents": len(rows),
				"red": sum(1 for r in rows if r.triage == "Red"),
				"median": percentile(times, 50),
			}
		)
	columns = [
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 120,
		},
		{"fieldname": "village_name", "label": _("Village Name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "incidents", "label": _("Incidents"), "fieldtype": "Int", "width": 100},
		{"fieldname": "red", "label": _("Red Cases"), "fieldtype": "Int", "width": 100},
		{"fieldname": "median", "label": _("Median (min)"), "fieldtype": "Float", "width": 120},
	]
	chart = {
		"data": {
			"labels": [d["village_name"] for d in data],
			"datasets": [{"name": _("Incidents"), "values": [d["incidents"] for d in data]}],
		},
		"type": "bar",
	}
	return columns, data, None, chart
