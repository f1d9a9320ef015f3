"""Who holds a role: Frappe's own query (enabled users, Administrator excluded).

Call `frappe.utils.user.get_users_with_role` directly; the name below stays for existing imports."""

import frappe
from frappe.utils.user import get_users_with_role as users_with_role

__all__ = ["TECHNICIAN_ROLE", "technician_only", "users_with_role"]

TECHNICIAN_ROLE = "Repair Technician"


def technician_only(user: str, doctype: str) -> bool:
	"""True when `user` reads `doctype` only as a Repair Technician (no other role with read on it):
	such a user sees only the records assigned to them."""
	if not user or user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	if TECHNICIAN_ROLE not in roles:
		return False
	readers = {p.role for p in frappe.get_meta(doctype).permissions if p.read and not p.permlevel}
	return not (roles & readers) - {TECHNICIAN_ROLE}
