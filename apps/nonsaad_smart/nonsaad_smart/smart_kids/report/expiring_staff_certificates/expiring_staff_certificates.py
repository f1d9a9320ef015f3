"""Expiring Staff Certificates: certificates that expire within the given number of days (or expired)."""

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, today

from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	filters = frappe._dict(filters or {})
	days = int(filters.days or 90)
	conditions = [["expires_on", "<=", add_days(today(), days)]]
	if filters.centre:
		conditions.append(["centre", "=", filters.centre])
	rows = frappe.get_list(
		"Staff Certificate",
		filters=conditions,
		fields=["name", "staff", "staff_name", "centre", "kind", "certificate_number", "expires_on"],
		order_by="expires_on asc",
		limit=0,
	)
	for row in rows:
		row["kind"] = _(row.kind)
		row["days_left"] = date_diff(row.expires_on, today())
	return columns(), rows


def columns():
	return [
		column(_("Certificate"), "name", "Link", 110, options="Staff Certificate"),
		column(_("Staff Name"), "staff_name", "Data", 180),
		column(_("Centre"), "centre", "Link", 110, options="Child Development Centre"),
		column(_("Kind"), "kind", "Data", 140),
		column(_("Certificate No."), "certificate_number", "Data", 140),
		column(_("Expires On"), "expires_on", "Date", 110),
		column(_("Days Left"), "days_left", "Int", 90),
	]
