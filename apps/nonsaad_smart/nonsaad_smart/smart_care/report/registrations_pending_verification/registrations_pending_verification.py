"""Registrations Pending Verification: applications waiting for the Social Welfare Officer (Applied) or for
the Executive's approval (Verified), oldest first."""

import frappe
from frappe import _
from frappe.utils import date_diff, today

from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	filters = frappe._dict(filters or {})
	query = {"workflow_state": ("in", ("Applied", "Verified")), "docstatus": 0}
	if filters.fiscal_year:
		query["fiscal_year"] = int(filters.fiscal_year)
	if filters.allowance_kind:
		query["allowance_kind"] = filters.allowance_kind
	rows = frappe.get_list(
		"Allowance Registration",
		filters=query,
		fields=[
			"name",
			"person_name",
			"village",
			"allowance_kind",
			"fiscal_year",
			"tier",
			"monthly_amount",
			"workflow_state",
			"application_date",
		],
		order_by="application_date asc",
		limit=0,
	)
	for row in rows:
		row.days_waiting = date_diff(today(), row.application_date)
		row.allowance_kind = _(row.allowance_kind)
		row.workflow_state = _(row.workflow_state)
	columns = [
		column(_("Registration"), "name", "Link", 140, options="Allowance Registration"),
		column(_("Name"), "person_name", "Data", 180),
		column(_("Village"), "village", "Link", 110, options="Village"),
		column(_("Allowance Kind"), "allowance_kind", "Data", 160),
		column(_("Fiscal Year (BE)"), "fiscal_year", "Int", 100),
		column(_("Tier"), "tier", "Data", 80),
		column(_("Monthly Amount (baht)"), "monthly_amount", "Currency", 120),
		column(_("Workflow State"), "workflow_state", "Data", 120),
		column(_("Application Date"), "application_date", "Date", 110),
		column(_("Days Waiting"), "days_waiting", "Int", 100),
	]
	return columns, rows
