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
	# each municipality's site may have its own letters (Smart Settings, issue 20); Non Sa-at keeps "SR"
	prefix = (frappe.db.get_single_value("Smart Settings", "tracking_prefix") or "SR").strip().upper()
	return f"{prefix}-{fiscal_year(on_date or today())}-"


# counter rows this process has seen (rows are never deleted; getseries creates a missing one anyway):
# a request does not read them again
_SEEN_SERIES: set[tuple[str, str]] = set()


def ensure_series(on_date=None, trust_seen: bool = True) -> None:
	"""Create the counter rows of this fiscal year and the next (idempotent); `trust_seen=False` reads
	them again even when this process has seen them (the daily job)."""
	day = getdate(on_date or today())
	series = frappe.qb.DocType("Series")
	for key in {series_key(day), series_key(add_months(day, 12))}:
		if trust_seen and (frappe.local.site, key) in _SEEN_SERIES:
			continue
		exists = frappe.qb.from_(series).select(series.name).where(series.name == key).run()
		if not exists:
			frappe.qb.into(series).columns(series.name, series.current).insert(key, 0).ignore().run()
		else:
			_SEEN_SERIES.add((frappe.local.site, key))


def create_counters() -> None:
	"""Daily job (hooks scheduler_events): the counter rows of this fiscal year and the next exist
	before the first request of a new fiscal year is filed."""
	ensure_series(trust_seen=False)


def next_tracking_number(on_date=None) -> str:
	key = series_key(on_date)
	ensure_series(on_date)
	return key + getseries(key, DIGITS)
