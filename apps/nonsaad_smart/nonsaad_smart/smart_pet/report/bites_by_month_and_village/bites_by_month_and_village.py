"""Bites by Month and Village: bite incidents per month of the bite and village, with how many were
reported after 24 hours, referred to the health centre, and whose animal died or tested positive."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.get("from_date") or add_months(today(), -12))
	to_date = getdate(filters.get("to_date") or today())
	incidents = frappe.get_list(
		"Bite Incident",
		filters=[["bitten_at", "between", [from_date, to_date]]],
		fields=["bitten_at", "village", "late_report", "referred", "outcome"],
		limit=0,
	)
	groups = {}
	for b in incidents:
		key = (getdate(b.bitten_at).strftime("%Y-%m"), b.village or "")
		row = groups.setdefault(
			key, {"month": key[0], "village": key[1], "bites": 0, "late": 0, "referred": 0, "rabid": 0}
		)
		row["bites"] += 1
		row["late"] += b.late_report or 0
		row["referred"] += b.referred or 0
		row["rabid"] += 1 if b.outcome in ("Died", "Tested Positive") else 0
	rows = [groups[k] for k in sorted(groups)]
	months = sorted({r["month"] for r in rows})
	chart = {
		"data": {
			"labels": months,
			"datasets": [
				{
					"name": _("Bites"),
					"values": [sum(r["bites"] for r in rows if r["month"] == m) for m in months],
				}
			],
		},
		"type": "line",
	}
	return columns(), rows, None, chart


def columns():
	return [
		column(_("Month"), "month", "Data", 90),
		column(_("Village"), "village", "Link", 110, options="Village"),
		column(_("Bites"), "bites", "Int", 80),
		column(_("Reported After 24 Hours"), "late", "Int", 120),
		column(_("Referred to Health Centre"), "referred", "Int", 120),
		column(_("Animal Died or Tested Positive"), "rabid", "Int", 140),
	]
