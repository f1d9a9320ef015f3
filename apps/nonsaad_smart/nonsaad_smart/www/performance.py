"""/performance: the office's public performance – SLA compliance per service type and month, median
days to resolve, citizens' ratings and reopen rates per service type and per officer team.

Counts and medians only (e_smart_service.api.service_performance); recomputed at most every 10 minutes.
"""

import frappe
from frappe import _

from nonsaad_smart.e_smart_service.api import cached_service_performance, team_label
from nonsaad_smart.smart_core.thai_date import BE_OFFSET, MONTHS_TH_SHORT, format_be_date

no_cache = 1


def be_month(month: str) -> str:
	"""'2026-11' -> 'พ.ย. 2569'."""
	year, number = month.split("-")
	return f"{MONTHS_TH_SHORT[int(number) - 1]} {int(year) + BE_OFFSET}"


def get_context(context):
	figures = cached_service_performance()
	for row in figures["by_type_and_month"]:
		row["month_be"] = be_month(row["month"])
	for row in figures["by_team"]:
		row["team"] = team_label(row["department"])
	context.figures = figures
	context.from_be = format_be_date(figures["from"], "medium")
	context.title = _("Service performance")
	context.no_breadcrumbs = True
	context.show_sidebar = False
