"""Who holds a role: Frappe's own query (enabled users, Administrator excluded).

Call `frappe.utils.user.get_users_with_role` directly; the name below stays for existing imports."""

import frappe
from frappe.utils.user import get_users_with_role as users_with_role

__all__ = ["TECHNICIAN_ROLE", "search_users_with_roles", "technician_only", "users_with_role"]

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


def search_users_with_roles(roles, txt: str, start: int = 0, page_len: int = 20) -> list[tuple]:
	"""Enabled users holding one of `roles` whose id or full name contains `txt`, as a Link field's
	search answers (name, full name): for fields that take only the people who do the work."""
	user = frappe.qb.DocType("User")
	has_role = frappe.qb.DocType("Has Role")
	return (
		frappe.qb.from_(user)
		.join(has_role)
		.on(has_role.parent == user.name)
		.select(user.name, user.full_name)
		.where(
			(has_role.role.isin(list(roles)))
			& (has_role.parenttype == "User")
			& (user.enabled == 1)
			& ((user.name.like(f"%{txt}%")) | (user.full_name.like(f"%{txt}%")))
		)
		.distinct()
		.orderby(user.full_name)
		.limit(page_len)
		.offset(start)
		.run()
	)
