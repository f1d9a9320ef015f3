"""Training hours per person per Thai fiscal year (Oct–Sep, named by the BE year it ends in), against
the Training Hour Target kept as data."""

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from nonsaad_smart.smart_core.thai_date import fiscal_year


def target_hours(fy_be: int, position: str | None = None) -> float:
	"""The target in force in fiscal year `fy_be` for `position`: the newest row from that year or before,
	a row for the position itself winning over the row for every position (empty position)."""
	rows = frappe.get_all(
		"Training Hour Target",
		filters=[["fiscal_year", "<=", int(fy_be)]],
		fields=["fiscal_year", "position", "hours"],
		order_by="fiscal_year desc",
	)
	for wanted in (position, None):
		for row in rows:
			if (row.position or None) == (wanted or None):
				return flt(row.hours)
	return 0.0


def hours_by_staff(fy_be: int, staff: list[str] | None = None) -> dict[str, float]:
	"""{staff: training hours in the fiscal year} for the trainings this user may read."""
	filters = [["fiscal_year", "=", int(fy_be)]]
	if staff is not None:
		if not staff:
			return {}
		filters.append(["staff", "in", staff])
	rows = frappe.get_list(
		"Staff Training",
		filters=filters,
		fields=["staff", "sum(hours) as hours"],
		group_by="staff",
	)
	return {r.staff: flt(r.hours) for r in rows}


def total_hours(fy_be: int) -> float:
	"""Training hours of every staff member in the fiscal year (for the workspace card)."""
	training = frappe.qb.DocType("Staff Training")
	value = (
		frappe.qb.from_(training).select(Sum(training.hours)).where(training.fiscal_year == int(fy_be)).run()
	)
	return flt(value[0][0]) if value else 0.0


def current_fiscal_year() -> int:
	return fiscal_year(frappe.utils.today())
