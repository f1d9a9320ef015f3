"""Working-day arithmetic on a Holiday List (weekends + Thai public holidays).

SLA deadlines under the Administrative Facilitation Act count working days only.
"""

import datetime

import frappe
from frappe.utils import add_days, getdate


def holidays_of(holiday_list: str | None) -> set[datetime.date]:
	"""Dates in the Holiday List (its weekly offs are rows too, as ERPNext stores them)."""
	if not holiday_list:
		return set()
	from nonsaad_smart.smart_core.cache import cached

	def build():
		holiday = frappe.qb.DocType("Holiday")
		rows = (
			frappe.qb.from_(holiday).select(holiday.holiday_date).where(holiday.parent == holiday_list).run()
		)
		return frozenset(getdate(r[0]) for r in rows)

	# cached per process until a Holiday List changes (smart_core/cache.py); a copy for the caller
	return set(cached(f"holidays:{holiday_list}", ("Holiday List",), build))


def default_holiday_list() -> str | None:
	from nonsaad_smart.smart_core.cache import cached

	return cached(
		"default_holiday_list",
		("Smart Settings",),
		lambda: frappe.db.get_single_value("Smart Settings", "holiday_list"),
	)


def is_working_day(day, holidays: set[datetime.date]) -> bool:
	d = getdate(day)
	return d.weekday() < 5 and d not in holidays


def add_working_days(start, days: int, holiday_list: str | None = None) -> datetime.date:
	"""The date `days` working days after `start` (start itself not counted).

	add_working_days(Friday, 1) is the next Monday, or later when Monday is a holiday.
	"""
	holidays = holidays_of(holiday_list or default_holiday_list())
	current = getdate(start)
	remaining = int(days)
	step = 1 if remaining >= 0 else -1
	while remaining:
		current = getdate(add_days(current, step))
		if is_working_day(current, holidays):
			remaining -= step
	return current


def working_days_between(start, end, holiday_list: str | None = None) -> int:
	"""Working days after `start` up to and including `end` (0 when end <= start)."""
	holidays = holidays_of(holiday_list or default_holiday_list())
	current, end = getdate(start), getdate(end)
	count = 0
	while current < end:
		current = getdate(add_days(current, 1))
		if is_working_day(current, holidays):
			count += 1
	return count


def first_working_day_on_or_after(day, holiday_list: str | None = None) -> datetime.date:
	holidays = holidays_of(holiday_list or default_holiday_list())
	current = getdate(day)
	while not is_working_day(current, holidays):
		current = getdate(add_days(current, 1))
	return current
