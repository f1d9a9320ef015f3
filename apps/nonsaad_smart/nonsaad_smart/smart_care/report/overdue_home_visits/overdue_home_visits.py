"""Overdue Home Visits: homebound and bedbound persons with an active care plan and no visit within the
plan's interval (smart_care/visits.py), among the persons the user may read."""

import frappe
from frappe import _

from nonsaad_smart.smart_care.visits import overdue_visits
from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	filters = frappe._dict(filters or {})
	person_filters = {"village": filters.village} if filters.village else {}
	readable = frappe.get_list("Care Person", filters=person_filters, pluck="name", limit=0)
	rows = overdue_visits(persons=readable)
	for row in rows:
		row.adl_group = _(row.adl_group)
	columns = [
		column(_("Care Person"), "care_person", "Link", 110, options="Care Person"),
		column(_("Full Name"), "full_name", "Data", 180),
		column(_("Village"), "village", "Link", 110, options="Village"),
		column(_("ADL Group"), "adl_group", "Data", 100),
		column(_("Visit Every (days)"), "interval", "Int", 110),
		column(_("Last Home Visit"), "last_visit", "Datetime", 150),
		column(_("Due Date"), "due_date", "Date", 110),
		column(_("Days Since"), "days_since", "Int", 90),
		column(_("Care Manager"), "care_manager", "Link", 160, options="User"),
	]
	return columns, rows
