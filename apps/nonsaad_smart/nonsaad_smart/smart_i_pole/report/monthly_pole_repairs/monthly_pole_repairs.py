"""Monthly Pole Repairs: completed (submitted) repairs per month of a BE fiscal year (Oct–Sep): count,
how many fixed the light, parts cost and average repair time. Months are named in BE (ต.ค. 2568)."""

import datetime

import frappe
from frappe import _
from frappe.utils import cint, flt, get_datetime, getdate, today

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_core.thai_date import BE_OFFSET, MONTHS_TH_SHORT, fiscal_year, fiscal_year_bounds

COMPLETING_OUTCOMES = ("Repaired", "Replaced Lamp")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	fy = cint(filters.fiscal_year) or fiscal_year(today())
	rows = get_rows(fy, filters.village)
	return columns(), [*rows, total_row(rows, fy)], None, chart(rows)


def columns():
	return [
		column(_("Month (BE)"), "month", "Data", 120),
		column(_("Repairs"), "repairs", "Int", 90),
		column(_("Light Fixed"), "fixed", "Int", 100),
		column(_("Not Fixed"), "not_fixed", "Int", 100),
		column(_("Total Cost"), "total_cost", "Currency", 130, options="THB"),
		column(_("Avg. Repair Time (hours)"), "avg_hours", "Float", 170, precision=1),
	]


def month_label(year: int, month: int) -> str:
	return f"{MONTHS_TH_SHORT[month - 1]} {year + BE_OFFSET}"


def fiscal_months(fy: int) -> list[tuple[int, int]]:
	start, _end = fiscal_year_bounds(fy)
	return [((start.year + (start.month + i - 1) // 12), (start.month + i - 1) % 12 + 1) for i in range(12)]


def get_rows(fy: int, village: str | None = None) -> list[dict]:
	start, end = fiscal_year_bounds(fy)
	rep = frappe.qb.DocType("Pole Repair")
	query = (
		frappe.qb.from_(rep)
		.select(rep.start_datetime, rep.end_datetime, rep.outcome, rep.total_cost)
		.where(
			(rep.docstatus == 1)
			& (rep.end_datetime >= datetime.datetime.combine(start, datetime.time.min))
			& (rep.end_datetime <= datetime.datetime.combine(end, datetime.time.max))
		)
	)
	if village:
		query = query.where(rep.village == village)
	months = {ym: {"repairs": 0, "fixed": 0, "total_cost": 0.0, "hours": 0.0} for ym in fiscal_months(fy)}
	for r in query.run(as_dict=True):
		ended = getdate(r.end_datetime)
		m = months[(ended.year, ended.month)]
		m["repairs"] += 1
		m["fixed"] += 1 if r.outcome in COMPLETING_OUTCOMES else 0
		m["total_cost"] += flt(r.total_cost)
		m["hours"] += (get_datetime(r.end_datetime) - get_datetime(r.start_datetime)).total_seconds() / 3600
	return [
		{
			"month": month_label(*ym),
			"repairs": m["repairs"],
			"fixed": m["fixed"],
			"not_fixed": m["repairs"] - m["fixed"],
			"total_cost": flt(m["total_cost"], 2),
			"avg_hours": flt(m["hours"] / m["repairs"], 1) if m["repairs"] else 0,
		}
		for ym, m in months.items()
	]


def total_row(rows: list[dict], fy: int) -> dict:
	repairs = sum(r["repairs"] for r in rows)
	hours = sum(r["avg_hours"] * r["repairs"] for r in rows)
	return {
		"month": _("Fiscal Year {0}").format(fy),
		"repairs": repairs,
		"fixed": sum(r["fixed"] for r in rows),
		"not_fixed": sum(r["not_fixed"] for r in rows),
		"total_cost": flt(sum(r["total_cost"] for r in rows), 2),
		"avg_hours": flt(hours / repairs, 1) if repairs else 0,
		"bold": 1,
	}


def chart(rows: list[dict]) -> dict:
	return {
		"data": {
			"labels": [r["month"] for r in rows],
			"datasets": [{"name": _("Repairs"), "values": [r["repairs"] for r in rows]}],
		},
		"type": "bar",
	}
