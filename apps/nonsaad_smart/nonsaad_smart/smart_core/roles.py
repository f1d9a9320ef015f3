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
