"""Executive Weekly Summary: the Executive overview's figures as a report, the body of the weekly Auto Email
Report each Executive gets (smart_core/overview.py `sync_weekly_report`).

Filters: `month` (optional; a past month compares whole months, the current month the month so far against
the same days of last month and of the same month last year) and `viewer`, set only by the Auto Email
Report: the scheduler runs it as Administrator, and the figures are those the viewer may see. Anyone else
asking for another viewer's figures is refused."""

import frappe
from frappe import _

from nonsaad_smart.smart_core import overview


def execute(filters=None):
	filters = frappe._dict(filters or {})
	session_user = frappe.session.user
	viewer = filters.get("viewer") or session_user
	if viewer != session_user and session_user != "Administrator":
		frappe.throw(_("You may read only your own summary"), frappe.PermissionError)
	previous_lang = frappe.local.lang
	try:
		if viewer != session_user:
			frappe.set_user(viewer)
			frappe.local.lang = "th"  # the e-mail is in Thai
		data = overview.overview_figures(filters.get("month"))
		columns = _columns(data["periods"])
		rows = overview.weekly_rows(data)
		note = data["note"]
	finally:
		if frappe.session.user != session_user:
			frappe.set_user(session_user)
		frappe.local.lang = previous_lang
	return columns, rows, note


def _columns(periods: dict) -> list[dict]:
	return [
		{"fieldname": "service", "label": _("Service"), "fieldtype": "Data", "width": 160},
		{"fieldname": "figure", "label": _("Figure"), "fieldtype": "Data", "width": 260},
		*(
			{"fieldname": key, "label": periods[key]["label"], "fieldtype": "Data", "width": 150}
			for key in overview.PERIODS
		),
		{"fieldname": "vs_last_month", "label": _("Change vs last month"), "fieldtype": "Data", "width": 130},
		{"fieldname": "vs_last_year", "label": _("Change vs last year"), "fieldtype": "Data", "width": 130},
	]
