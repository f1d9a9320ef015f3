"""Row-level access to Pole Repair: a Repair Technician reads and writes only the repairs assigned to them.

Staff who plan the work (Public Works Officer, Municipal Admin, Executive, Auditor) keep their DocPerms.
"""

import frappe

from nonsaad_smart.smart_core.roles import technician_only


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if not technician_only(user, "Pole Repair"):
		return ""
	return f"`tabPole Repair`.`technician` = {frappe.db.escape(user)}"


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	user = user or frappe.session.user
	if not technician_only(user, "Pole Repair"):
		return True
	return (not doc.get("technician") and ptype == "create") or doc.get("technician") == user
