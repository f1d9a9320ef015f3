"""Helpers for Script Reports and dashboard figures."""

import frappe
from frappe import _


def column(
	label: str,
	fieldname: str,
	fieldtype: str = "Data",
	width: int = 120,
	options: str | None = None,
	precision: int | None = None,
) -> dict:
	"""A Script Report column; pass the label already translated (`_("…")`) so it is extracted."""
	col = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}
	if options is not None:
		col["options"] = options
	if precision is not None:
		col["precision"] = precision
	return col


def check_dashboard_reader(doctype: str) -> None:
	"""A dashboard figure (Number Card, chart) over `doctype` is for office users who may read it: a
	website user (citizen) gets none, even of the rows they may read."""
	if frappe.session.user == "Guest" or frappe.get_cached_value(
		"User", frappe.session.user, "user_type"
	) != ("System User"):
		frappe.throw(_("Dashboards are for the municipality's staff"), frappe.PermissionError)
	frappe.has_permission(doctype, "read", throw=True)
