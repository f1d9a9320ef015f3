"""Poles per Village: how many poles each village has, by status, and their lamp wattage (removed poles
excluded from the wattage)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum

from nonsaad_smart.smart_core.reporting import column

POLE_DOCTYPE = "Street Light Pole"
STATUSES = ("Working", "Faulty", "Under Repair", "Removed")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = get_rows(filters.lamp_type)
	return columns(), rows, None, chart(rows)


def columns():
	cols = [
		column(_("Village"), "village", "Link", 100, options="Village"),
		column(_("Village Name"), "village_name", "Data", 170),
		column(_("Poles"), "total", "Int", 80),
	]
	for status in STATUSES:
		cols.append(column(_(status), frappe.scrub(status), "Int", 100))
	cols += [
		column(_("LED"), "led", "Int", 70),
		column(_("Total Wattage (W)"), "wattage", "Int", 140),
		column(_("Total Load (kW)"), "kw", "Float", 120, precision=2),
	]
	return cols


def get_rows(lamp_type: str | None = None) -> list[dict]:
	pole = frappe.qb.DocType(POLE_DOCTYPE)
	village = frappe.qb.DocType("Village")
	query = (
		frappe.qb.from_(pole)
		.join(village)
		.on(village.name == pole.village)
		.select(
			pole.village,
			village.village_no,
			village.village_name,
			pole.status,
			pole.lamp_type,
			Count(pole.name).as_("poles"),
			Sum(pole.wattage).as_("wattage"),
		)
		.groupby(pole.village, village.village_no, village.village_name, pole.status, pole.lamp_type)
		.orderby(village.village_no)
	)
	if lamp_type:
		query = query.where(pole.lamp_type == lamp_type)
	by_village: dict[str, dict] = {}
	for r in query.run(as_dict=True):
		row = by_village.setdefault(
			r.village,
			{
				"village": r.village,
				"village_name": f"หมู่ {r.village_no} {r.village_name}",
				"total": 0,
				"led": 0,
				"wattage": 0,
				**{frappe.scrub(s): 0 for s in STATUSES},
			},
		)
		row["total"] += r.poles
		row[frappe.scrub(r.status)] += r.poles
		if r.status != "Removed":
			row["wattage"] += int(r.wattage or 0)
			if r.lamp_type == "LED":
				row["led"] += r.poles
	rows = list(by_village.values())
	for row in rows:
		row["kw"] = row["wattage"] / 1000
	return rows


def chart(rows: list[dict]) -> dict:
	return {
		"data": {
			"labels": [r["village_name"] for r in rows],
			"datasets": [
				{"name": _("Working"), "values": [r["working"] for r in rows]},
				{"name": _("Faulty"), "values": [r["faulty"] + r["under_repair"] for r in rows]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#2e7d32", "#c62828"],
	}
