"""Response-time figures of Smart EMS, shared by the reports, the workspace cards and the executive
overview: per month, the response interval (call → at scene) of incidents that reached the scene."""

import math

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Date
from frappe.utils import add_months, get_first_day, get_last_day, getdate, today

from nonsaad_smart.smart_ems.chain import RED_TARGET_MINUTES


def percentile(values: list[float], p: float) -> float | None:
	"""The p-th percentile (0–100) by linear interpolation between the closest ranks (as numpy's default)."""
	if not values:
		return None
	ordered = sorted(values)
	k = (len(ordered) - 1) * p / 100
	lo, hi = math.floor(k), math.ceil(k)
	if lo == hi:
		return round(ordered[lo], 1)
	return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), 1)


def responses(from_date=None, to_date=None, triage=None) -> list[dict]:
	"""Incidents with a response interval between the dates (by the call's day)."""
	inc = DocType("EMS Incident")
	query = (
		frappe.qb.from_(inc)
		.select(inc.name, inc.call_received, inc.triage, inc.response_minutes, inc.village, inc.ambulance)
		.where(inc.response_minutes.isnotnull() & (inc.status != "Cancelled"))
		.orderby(inc.call_received)
	)
	if from_date:
		query = query.where(Date(inc.call_received) >= getdate(from_date))
	if to_date:
		query = query.where(Date(inc.call_received) <= getdate(to_date))
	if triage:
		query = query.where(inc.triage == triage)
	return query.run(as_dict=True)


def by_month(rows: list[dict]) -> dict[str, list[dict]]:
	months: dict[str, list[dict]] = {}
	for row in rows:
		months.setdefault(getdate(row.call_received).strftime("%Y-%m"), []).append(row)
	return months


def eight_minute_share(rows: list[dict]) -> tuple[int, int, float | None]:
	"""(red cases, reached within 8 minutes, %) of these rows."""
	red = [r for r in rows if r.triage == "Red"]
	within = sum(1 for r in red if r.response_minutes <= RED_TARGET_MINUTES)
	return len(red), within, (round(100 * within / len(red), 1) if red else None)


def eight_minute_compliance(from_date=None, to_date=None) -> float:
	"""% of red cases reached within 8 minutes of the call between the dates (0 when there were none)."""
	_red, _within, share = eight_minute_share(responses(from_date, to_date, "Red"))
	return share or 0.0


def this_month() -> tuple:
	return get_first_day(today()), get_last_day(today())


def last_twelve_months() -> tuple:
	return get_first_day(add_months(today(), -11)), get_last_day(today())
