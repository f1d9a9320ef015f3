"""The municipality's public performance (page /performance, Executive overview): how well the office
keeps its promises, per service type and month and per officer team (the service type's department).

- **SLA compliance**: of the requests resolved in a month, the share resolved on or before their due date
  (submission + the service type's SLA in working days, see `working_days.py`);
- **median days to resolve**: calendar days from submission to resolution (the median, not the mean:
  one request left open for a year does not hide a month of quick work);
- **ratings**: the citizens' 1–5 rating when they confirm or reopen (average and number of ratings);
- **reopen rate**: of the requests resolved, the share the citizen reopened at least once ("fixed on
  paper only").

Counted over every request (no permission filter: only counts and medians are shown, never a request).
A request resolved and then reopened counts at its last resolution.
"""

import statistics
from collections import defaultdict

import frappe
from frappe.utils import add_days, add_months, get_first_day, getdate, today

from nonsaad_smart.e_smart_service.states import CLOSED, RESOLVED

RESOLVED_STATES = (RESOLVED, CLOSED)
DEFAULT_MONTHS = 12
CACHE_SECONDS = 600


def _resolved_rows(from_date) -> list[frappe._dict]:
	sr = frappe.qb.DocType("Service Request")
	return (
		frappe.qb.from_(sr)
		.select(
			sr.service_type,
			sr.service_name,
			sr.department,
			sr.submitted_on,
			sr.due_date,
			sr.resolved_on,
			sr.rating,
			sr.reopen_count,
		)
		.where(sr.workflow_state.isin(RESOLVED_STATES) & sr.resolved_on.isnotnull())
		.where(sr.resolved_on >= from_date)
		.run(as_dict=True)
	)


def _figures(rows: list) -> dict:
	on_time = sum(1 for r in rows if r.due_date and getdate(r.resolved_on) <= getdate(r.due_date))
	days = [(r.resolved_on - r.submitted_on).total_seconds() / 86400 for r in rows if r.submitted_on]
	ratings = [r.rating for r in rows if r.rating]
	reopened = sum(1 for r in rows if (r.reopen_count or 0) > 0)
	return {
		"resolved": len(rows),
		"on_time": on_time,
		"sla_percent": round(100.0 * on_time / len(rows), 1) if rows else None,
		"median_days": round(statistics.median(days), 1) if days else None,
		"ratings": len(ratings),
		"average_rating": round(sum(ratings) / len(ratings), 2) if ratings else None,
		"reopened": reopened,
		"reopen_percent": round(100.0 * reopened / len(rows), 1) if rows else None,
	}


def service_performance(months: int = DEFAULT_MONTHS) -> dict:
	"""{"from": date, "by_type_and_month": [...], "by_type": [...], "by_team": [...], "overall": {...}}.

	Each row holds the figures of `_figures` plus its keys (month "YYYY-MM", service_type, service_name,
	department). Months count back from the first day of this month.
	"""
	from_date = get_first_day(add_months(today(), -(months - 1)))
	rows = _resolved_rows(from_date)
	by_month, by_type, by_team = defaultdict(list), defaultdict(list), defaultdict(list)
	names = {}
	for r in rows:
		month = getdate(r.resolved_on).strftime("%Y-%m")
		by_month[(month, r.service_type)].append(r)
		by_type[r.service_type].append(r)
		by_team[r.department or ""].append(r)
		names[r.service_type] = r.service_name
	return {
		"from": from_date,
		"by_type_and_month": [
			{"month": month, "service_type": code, "service_name": names[code], **_figures(group)}
			for (month, code), group in sorted(by_month.items())
		],
		"by_type": [
			{"service_type": code, "service_name": names[code], **_figures(group)}
			for code, group in sorted(by_type.items())
		],
		"by_team": [{"department": team, **_figures(group)} for team, group in sorted(by_team.items())],
		"overall": _figures(rows),
	}


def _cache_key(months: int) -> str:
	return f"nonsaad:service-performance:{months}"


def clear_performance_cache(months: int = DEFAULT_MONTHS) -> None:
	"""Drop the page's cached figures (tests, and an officer who wants today's figures at once)."""
	frappe.cache.delete_value(_cache_key(months))


def cached_service_performance(months: int = DEFAULT_MONTHS) -> dict:
	"""The same, computed at most every 10 minutes (the public page)."""
	key = _cache_key(months)
	value = frappe.cache.get_value(key)
	if value is None:
		value = service_performance(months)
		frappe.cache.set_value(key, value, expires_in_sec=CACHE_SECONDS)
	return value


# --- figures of the Executive overview (hooks nonsaad_overview_figures: method(from_date, to_date)) -----
def _between(from_date, to_date) -> dict:
	return _figures(_resolved_between(from_date, to_date))


def _resolved_between(from_date, to_date) -> list[frappe._dict]:
	sr = frappe.qb.DocType("Service Request")
	return (
		frappe.qb.from_(sr)
		.select(sr.service_type, sr.service_name, sr.department, sr.submitted_on, sr.due_date)
		.select(sr.resolved_on, sr.rating, sr.reopen_count)
		.where(sr.workflow_state.isin(RESOLVED_STATES) & sr.resolved_on.isnotnull())
		.where((sr.resolved_on >= getdate(from_date)) & (sr.resolved_on < add_days(getdate(to_date), 1)))
		.run(as_dict=True)
	)


RATING_COLUMNS = (
	"Resolved",
	"On time (%)",
	"Median days to resolve",
	"Ratings",
	"Average rating (1-5)",
	"Reopened (%)",
)


def _rating_row(label: str, figures: dict) -> list:
	return [
		label,
		figures["resolved"],
		figures["sla_percent"],
		figures["median_days"],
		figures["ratings"],
		figures["average_rating"],
		figures["reopen_percent"],
	]


def ratings_by_service_type(from_date, to_date) -> dict:
	"""The Executive overview's table: per service type, what was resolved in the period and what the
	citizens said of it (ratings, reopened)."""
	groups, names = defaultdict(list), {}
	for r in _resolved_between(from_date, to_date):
		groups[r.service_type].append(r)
		names[r.service_type] = r.service_name or r.service_type
	return {
		"columns": ["Service type", *RATING_COLUMNS],
		"rows": [_rating_row(names[code], _figures(rows)) for code, rows in sorted(groups.items())],
	}


def ratings_by_team(from_date, to_date) -> dict:
	"""The same per officer team (the service type's department)."""
	groups = defaultdict(list)
	for r in _resolved_between(from_date, to_date):
		groups[r.department or ""].append(r)
	rows = [_rating_row(team_label(team), _figures(group)) for team, group in sorted(groups.items())]
	return {"columns": ["Team", *RATING_COLUMNS], "rows": rows}


def team_label(department: str | None) -> str:
	"""A team's name as people read it: the department's name, or "No department"."""
	if not department:
		return frappe._("No department")
	return frappe.db.get_value("Department", department, "department_name") or department


def average_rating(from_date, to_date) -> float:
	"""The citizens' average rating (1–5) of the requests resolved in the period (0 when none rated)."""
	return _between(from_date, to_date)["average_rating"] or 0.0


def reopen_rate(from_date, to_date) -> float:
	"""% of the requests resolved in the period that the citizen reopened at least once."""
	return _between(from_date, to_date)["reopen_percent"] or 0.0
