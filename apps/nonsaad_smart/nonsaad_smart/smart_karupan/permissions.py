"""Row-level access of Smart Karupan (hooks `has_permission`, `permission_query_conditions`).

A Stock Check Committee member sees only the checks they sit on, and their lines; edits lines only while
the check is running. Roles that see the whole register (Supplies Officer, Executive, Auditor, admins) are
not restricted here: the hooks return None / "" (no opinion) and the DocPerms decide.
"""

import frappe

from nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check import (
	checks_of_member,
	committee_of,
)
from nonsaad_smart.smart_karupan.workflows import CHECKING


def sees_all(user: str) -> bool:
	roles = set(frappe.get_roles(user))
	return user == "Administrator" or bool(
		roles & {"System Manager", "Municipal Admin", "Supplies Officer", "Executive", "Auditor"}
	)


def member_checks_condition(user: str | None, column: str) -> str:
	"""SQL condition: `column` (a stock check name) is one of the checks the user sits on."""
	user = user or frappe.session.user
	if sees_all(user):
		return ""
	checks = checks_of_member(user)
	if not checks:
		return "1=0"
	names = ", ".join(frappe.db.escape(c) for c in checks)
	return f"{column} in ({names})"


def get_permission_query_conditions(user=None):
	return member_checks_condition(user, "`tabAsset Stock Check`.name")


def has_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if sees_all(user):
		return None
	return user in [row.user for row in doc.committee]


def line_query_conditions(user=None):
	return member_checks_condition(user, "`tabAsset Stock Check Line`.stock_check")


def line_has_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if sees_all(user):
		return None
	if user not in committee_of(doc.stock_check):
		return False
	if ptype in ("write", "create", "delete", "submit", "cancel"):
		# the committee edits lines only while the check is running
		return frappe.db.get_value("Asset Stock Check", doc.stock_check, "workflow_state") == CHECKING
	return True
