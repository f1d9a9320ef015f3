"""Staff by Qualification: active staff per centre and highest qualification, and how many studied early
childhood education."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.reporting import column

QUALIFICATIONS = ("Below Bachelor's Degree", "Bachelor's Degree", "Master's Degree", "Doctorate")


def execute(filters=None):
	staff = frappe.get_list(
		"Centre Staff",
		filters={"status": ["!=", "Left"]},
		fields=["centre", "qualification", "early_childhood_major"],
		limit=0,
	)
	by_centre: dict[str, dict] = {}
	for s in staff:
		row = by_centre.setdefault(
			s.centre,
			{
				"centre": s.centre,
				"total": 0,
				"early_childhood": 0,
				"unknown": 0,
				**{key(q): 0 for q in QUALIFICATIONS},
			},
		)
		row["total"] += 1
		row["early_childhood"] += 1 if s.early_childhood_major else 0
		row[key(s.qualification) if s.qualification in QUALIFICATIONS else "unknown"] += 1
	return columns(), sorted(by_centre.values(), key=lambda r: r["centre"])


def key(qualification: str) -> str:
	return frappe.scrub(qualification.replace("'", ""))


def columns():
	cols = [
		column(_("Centre"), "centre", "Link", 110, options="Child Development Centre"),
		column(_("Staff"), "total", "Int", 80),
	]
	cols += [column(_(q), key(q), "Int", 120) for q in QUALIFICATIONS]
	cols += [
		column(_("Not Recorded"), "unknown", "Int", 100),
		column(_("Early Childhood Education Major"), "early_childhood", "Int", 140),
	]
	return cols
