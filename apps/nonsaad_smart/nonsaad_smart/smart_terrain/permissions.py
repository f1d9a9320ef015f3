"""Row-level access to Maintenance Work: a Repair Technician reads and writes only the works they lead.

Staff who plan the work (Public Works Officer, Municipal Admin, Executive, Auditor) keep their DocPerms.
"""

import frappe

from nonsaad_smart.smart_core.roles import technician_only

WORK = "Maintenance Work"


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if not technician_only(user, WORK):
		return ""
	return f"`tabMaintenance Work`.`technician` = {frappe.db.escape(user)}"


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	user = user or frappe.session.user
	if not technician_only(user, WORK):
		return True
	return doc.get("technician") == user
