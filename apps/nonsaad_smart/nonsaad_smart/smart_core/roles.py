"""Who holds a role (for notifications and reminders)."""

import frappe


def users_with_role(role: str) -> list[str]:
	"""Enabled users that have `role` (each once)."""
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where((has_role.role == role) & (has_role.parenttype == "User") & (user.enabled == 1))
		.run(pluck=True)
	)


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
