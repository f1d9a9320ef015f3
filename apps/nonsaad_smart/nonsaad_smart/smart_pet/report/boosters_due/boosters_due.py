"""Boosters Due: the living pets whose yearly rabies vaccination falls due in a month (default next month),
by village – the worklist of the next campaign (owner and house for the door-to-door round)."""

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, get_last_day, getdate, today

from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	filters = frappe._dict(filters or {})
	start = get_first_day(getdate(filters.get("month") or add_months(today(), 1)))
	end = get_last_day(start)
	conditions = [["status", "=", "Alive"], ["next_due", "between", [start, end]]]
	if filters.get("village"):
		conditions.append(["village", "=", filters.village])
	rows = frappe.get_list(
		"Pet",
		filters=conditions,
		fields=["village", "name", "pet_name", "species", "owner_name", "last_vaccinated_on", "next_due"],
		order_by="village asc, next_due asc",
		limit=0,
	)
	per_village = {}
	for row in rows:
		per_village[row.village] = per_village.get(row.village, 0) + 1
	chart = {
		"data": {
			"labels": list(per_village),
			"datasets": [{"name": _("Boosters Due"), "values": list(per_village.values())}],
		},
		"type": "bar",
	}
	return columns(), rows, None, chart


def columns():
	return [
		column(_("Village"), "village", "Link", 100, options="Village"),
		column(_("Pet"), "name", "Link", 110, options="Pet"),
		column(_("Pet Name"), "pet_name", "Data", 140),
		column(_("Species"), "species", "Data", 80),
		column(_("Owner Name"), "owner_name", "Data", 180),
		column(_("Last Vaccinated On"), "last_vaccinated_on", "Date", 120),
		column(_("Next Vaccination Due"), "next_due", "Date", 120),
	]
