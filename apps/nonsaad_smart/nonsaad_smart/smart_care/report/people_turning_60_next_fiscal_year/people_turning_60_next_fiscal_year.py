"""People Turning 60 Next Fiscal Year: residents who reach 60 in the next BE fiscal year (born 1 October
to 30 September, 60 years earlier) and are not yet care persons: whom to invite in the registration
window. Read through frappe.get_list on Citizen (the user's right to birth dates and addresses)."""

import frappe
from frappe import _
from frappe.utils import today

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_core.thai_date import fiscal_year, fiscal_year_bounds


def execute(filters=None):
	filters = frappe._dict(filters or {})
	next_fy = fiscal_year(today()) + 1
	start, end = fiscal_year_bounds(next_fy)
	born_from, born_to = start.replace(year=start.year - 60), end.replace(year=end.year - 60)
	query = [["birth_date", "between", [born_from, born_to]]]
	if filters.village:
		query.append(["village", "=", filters.village])
	rows = frappe.get_list(
		"Citizen",
		filters=query,
		fields=["name", "full_name", "birth_date", "village", "village_no", "house_no", "phone"],
		order_by="village_no asc, birth_date asc",
		limit=0,
	)
	registered = set(
		frappe.get_all(
			"Care Person", filters={"citizen": ("in", [r.name for r in rows] or [""])}, pluck="citizen"
		)
	)
	rows = [r for r in rows if r.name not in registered]
	for row in rows:
		row.fiscal_year = next_fy
	columns = [
		column(_("Citizen"), "name", "Link", 110, options="Citizen"),
		column(_("Full Name"), "full_name", "Data", 180),
		column(_("Birth Date"), "birth_date", "Date", 110),
		column(_("Village No."), "village_no", "Int", 80),
		column(_("House No."), "house_no", "Data", 90),
		column(_("Phone"), "phone", "Data", 110),
		column(_("Fiscal Year (BE)"), "fiscal_year", "Int", 100),
	]
	return columns, rows
