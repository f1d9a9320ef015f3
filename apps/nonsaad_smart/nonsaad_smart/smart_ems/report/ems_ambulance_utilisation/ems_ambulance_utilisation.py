"""EMS Ambulance Utilisation: per ambulance, the incidents it served, the hours it was busy (dispatched →
back in service) and the share of the period's hours that is."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Date
from frappe.utils import add_months, date_diff, getdate, time_diff_in_seconds, today


def execute(filters=None):
	filters = filters or {}
	from_date = getdate(filters.get("from_date") or add_months(today(), -12))
	to_date = getdate(filters.get("to_date") or today())
	period_hours = (date_diff(to_date, from_date) + 1) * 24
	inc = DocType("EMS Incident")
	rows = (
		frappe.qb.from_(inc)
		.select(inc.ambulance, inc.dispatched, inc.back_in_service)
		.where(
			inc.ambulance.isnotnull()
			& inc.dispatched.isnotnull()
			& (Date(inc.call_received) >= from_date)
			& (Date(inc.call_received) <= to_date)
		)
		.run(as_dict=True)
	)
	busy: dict[str, list] = {}
	for row in rows:
		end = row.back_in_service or frappe.utils.now_datetime()
		busy.setdefault(row.ambulance, []).append(time_diff_in_seconds(end, row.dispatched) / 3600)
	data = []
	for amb in frappe.get_list(
		"Ambulance", fields=["name", "plate", "ambulance_type", "status"], limit_page_length=0
	):
		hours = busy.get(amb.name, [])
		data.append(
			{
				"ambulance": amb.name,
				"plate": amb.plate,
				"ambulance_type": amb.ambulance_type,
				"incidents": len(hours),
				"busy_hours": round(sum(hours), 1),
				"mean_minutes": round(60 * sum(hours) / len(hours), 1) if hours else None,
				"utilisation": round(100 * sum(hours) / period_hours, 2) if period_hours else None,
			}
		)
	columns = [
		{
			"fieldname": "ambulance",
			"label": _("Ambulance"),
			"fieldtype": "Link",
			"options": "Ambulance",
			"width": 110,
		},
		{"fieldname": "plate", "label": _("Plate"), "fieldtype": "Data", "width": 160},
		{"fieldname": "ambulance_type", "label": _("Type"), "fieldtype": "Data", "width": 80},
		{"fieldname": "incidents", "label": _("Incidents"), "fieldtype": "Int", "width": 100},
		{"fieldname": "busy_hours", "label": _("Busy Hours"), "fieldtype": "Float", "width": 110},
		{
			"fieldname": "mean_minutes",
			"label": _("Mean Minutes per Incident"),
			"fieldtype": "Float",
			"width": 190,
		},
		{"fieldname": "utilisation", "label": _("Utilisation (%)"), "fieldtype": "Percent", "width": 130},
	]
	return columns, data
