"""Care Persons by ADL Group per Village: active persons counted per village and ADL group, through
frappe.get_list (a caregiver or care manager counts only the persons they may read)."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.reporting import column

GROUPS = ("Bedbound", "Homebound", "Social")


def execute(filters=None):
	counts = frappe.get_list(
		"Care Person",
		filters={"status": "Active"},
		fields=["village", "adl_group", "count(name) as persons"],
		group_by="village, adl_group",
		limit=0,
	)
	villages = {v.name: v for v in frappe.get_all("Village", fields=["name", "village_no", "village_name"])}
	rows: dict[str, dict] = {}
	for c in counts:
		v = villages.get(c.village)
		row = rows.setdefault(
			c.village or "",
			{
				"village_no": v.village_no if v else 0,
				"village": v.village_name if v else "",
				"Bedbound": 0,
				"Homebound": 0,
				"Social": 0,
				"not_assessed": 0,
				"total": 0,
			},
		)
		row[c.adl_group if c.adl_group in GROUPS else "not_assessed"] += c.persons
		row["total"] += c.persons
	data = sorted(rows.values(), key=lambda r: r["village_no"])
	columns = [
		column(_("Village No."), "village_no", "Int", 90),
		column(_("Village"), "village", "Data", 160),
		column(_("Bedbound"), "Bedbound", "Int", 100),
		column(_("Homebound"), "Homebound", "Int", 100),
		column(_("Social"), "Social", "Int", 100),
		column(_("Not assessed"), "not_assessed", "Int", 110),
		column(_("Total"), "total", "Int", 90),
	]
	return columns, data
