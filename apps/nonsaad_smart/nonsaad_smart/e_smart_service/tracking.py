"""Tracking numbers of service requests: SR-<BE fiscal year>-<5 digits>, e.g. SR-2570-00001.

The counter is a row of `tabSeries` per fiscal year, read with SELECT … FOR UPDATE inside the inserting
transaction (frappe.model.naming.getseries): concurrent inserts queue on the row lock, a rolled-back
insert rolls its increment back too, so numbers have no gaps and no duplicates. The row of the current and
the next fiscal year is created ahead (on every Service Type save and daily), because two transactions
that both create a missing row would deadlock each other.
"""

import frappe
from frappe.model.naming import getseries
from frappe.utils import add_months, getdate, today

from nonsaad_smart.smart_core.thai_date import fiscal_year

DIGITS = 5


def series_key(on_date=None) -> str:
	return f"SR-{fiscal_year(on_date or today())}-"


def ensure_series(on_date=None) -> None:
	"""Create the counter rows of this fiscal year and the next (idempotent)."""
	day = getdate(on_date or today())
	series = frappe.qb.DocType("Series")
	for key in {series_key(day), series_key(add_months(day, 12))}:
		exists = frappe.qb.from_(series).select(series.name).where(series.name == key).run()
		if not exists:
			frappe.qb.into(series).columns(series.name, series.current).insert(key, 0).ignore().run()


def create_counters() -> None:
	"""Daily job (hooks scheduler_events): the counter rows of this fiscal year and the next exist
	before the first request of a new fiscal year is filed."""
	ensure_series()


def next_tracking_number(on_date=None) -> str:
	key = series_key(on_date)
	ensure_series(on_date)
	return key + getseries(key, DIGITS)
