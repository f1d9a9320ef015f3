"""E-Smart Service figures for the Executive's dashboard, over the current Thai fiscal year (1 Oct –
30 Sep, named by its BE year): SLA compliance (a Number Card of type Custom) and requests per village (the
Dashboard Chart Source "Service Requests per Village").

Both read through `frappe.get_list`, so a reader sees only the requests their role may see.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from nonsaad_smart.smart_core.reporting import check_dashboard_reader
from nonsaad_smart.smart_core.thai_date import fiscal_year, fiscal_year_bounds

# a request is finished when the office resolved it (the citizen may still confirm: Closed)
FINISHED_STATES = ("Resolved", "Closed")


def fiscal_year_filter(fy_be: int | None = None) -> list:
	"""get_list filter: submitted within the BE fiscal year (today's by default)."""
	start, end = fiscal_year_bounds(fy_be or fiscal_year(today()))
	return [["submitted_on", ">=", f"{start} 00:00:00"], ["submitted_on", "<=", f"{end} 23:59:59.999999"]]


def sla_figures(fy_be: int | None = None) -> tuple[int, int]:
	"""(finished on or before the due date, finished) for requests submitted in the fiscal year."""
	rows = frappe.get_list(
		"Service Request",
		filters=[
			["workflow_state", "in", FINISHED_STATES],
			["resolved_on", "is", "set"],
			*fiscal_year_filter(fy_be),
		],
		fields=["resolved_on", "due_date"],
		limit_page_length=0,
	)
	on_time = sum(1 for r in rows if r.due_date and getdate(r.resolved_on) <= getdate(r.due_date))
	return on_time, len(rows)


@frappe.whitelist()
def sla_compliance(filters=None) -> dict:
	"""Share (%) of this fiscal year's finished requests that were finished within their due date."""
	check_dashboard_reader("Service Request")
	on_time, finished = sla_figures()
	return {
		"value": round(on_time * 100 / finished, 1) if finished else 0,
		"fieldtype": "Percent",
		"route": ["List", "Service Request", "Report"],
		"route_options": {"workflow_state": ["in", list(FINISHED_STATES)]},
	}


def requests_per_village(fy_be: int | None = None) -> dict:
	"""Chart data: this fiscal year's requests per village (every village, in village order)."""
	check_dashboard_reader("Service Request")
	fy_be = fy_be or fiscal_year(today())
	counts = {
		r.village: r.count
		for r in frappe.get_list(
			"Service Request",
			filters=fiscal_year_filter(fy_be),
			fields=["village", "count(name) as count"],
			group_by="village",
			order_by="village asc",
			limit_page_length=0,
		)
	}
	villages = frappe.get_all("Village", fields=["name", "village_no"], order_by="village_no asc")
	labels = [_("Moo {0}").format(v.village_no) for v in villages]  # short: the chart's axis is narrow
	values = [counts.pop(v.name, 0) for v in villages]
	others = sum(counts.values())
	if others:
		labels.append(_("No village"))
		values.append(others)
	return {
		"labels": labels,
		"datasets": [{"name": _("Fiscal Year {0}").format(fy_be), "values": values}],
	}


def sla_compliance_between(from_date, to_date) -> float:
	"""Executive overview figure (smart_core/overview.py): share (%) of the requests resolved between the two
	dates (inclusive) that were resolved within their due date; 0 when none was resolved."""
	check_dashboard_reader("Service Request")
	rows = frappe.get_list(
		"Service Request",
		filters=[
			["workflow_state", "in", FINISHED_STATES],
			["resolved_on", "between", [from_date, to_date]],
		],
		fields=["resolved_on", "due_date"],
		limit_page_length=0,
	)
	on_time = sum(1 for r in rows if r.due_date and getdate(r.resolved_on) <= getdate(r.due_date))
	return round(on_time * 100 / len(rows), 1) if rows else 0
