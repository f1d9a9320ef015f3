"""Stray Animals and Outcomes: strays found per month and village, how many impounded, and their outcome
(claimed, adopted, transferred, died, released, still open)."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from nonsaad_smart.smart_core.reporting import column

OUTCOMES = ("Open", "Claimed", "Adopted", "Transferred", "Died", "Released")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.get("from_date") or add_months(today(), -12))
	to_date = getdate(filters.get("to_date") or today())
	strays = frappe.get_list(
		"Stray Animal",
		filters=[["found_at", "between", [from_date, to_date]]],
		fields=["found_at", "village", "impounded", "outcome"],
		limit=0,
	)
	groups = {}
	for s in strays:
		key = (getdate(s.found_at).strftime("%Y-%m"), s.village or "")
		row = groups.setdefault(
			key,
			{
				"month": key[0],
				"village": key[1],
				"found": 0,
				"impounded": 0,
				**{o.lower(): 0 for o in OUTCOMES},
			},
		)
		row["found"] += 1
		row["impounded"] += s.impounded or 0
		row[(s.outcome or "Open").lower()] += 1
	rows = [groups[k] for k in sorted(groups)]
	chart = {
		"data": {
			"labels": [_(o) for o in OUTCOMES],
			"datasets": [
				{"name": _("Strays"), "values": [sum(r[o.lower()] for r in rows) for o in OUTCOMES]}
			],
		},
		"type": "donut",
	}
	return columns(), rows, None, chart


def columns():
	return [
		column(_("Month"), "month", "Data", 90),
		column(_("Village"), "village", "Link", 110, options="Village"),
		column(_("Found"), "found", "Int", 80),
		column(_("Impounded"), "impounded", "Int", 90),
		*[column(_(o), o.lower(), "Int", 90) for o in OUTCOMES],
	]
