"""Row-level access to Service Request for citizens (Website Users with the Citizen role).

The User Permission on Citizen (made by Citizen.sync_user_permission) already hides requests linked to
other citizens, but not those without a requester (guest reports, which carry a name and phone). These
hooks close that gap: a website user sees exactly the requests whose requester is their Citizen record.
A Repair Technician (without another role that reads requests) sees and changes only the requests
assigned to them. Other staff (System Users) are not affected here; their DocPerms decide.
"""

import frappe

from nonsaad_smart.smart_core.roles import technician_only


def _citizen_of(user: str) -> str | None:
	if not user or user == "Guest" or frappe.get_cached_value("User", user, "user_type") != "Website User":
		return None
	return frappe.db.get_value("Citizen", {"user": user}, "name") or ""


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if technician_only(user, "Service Request"):
		return f"`tabService Request`.`assigned_to` = {frappe.db.escape(user)}"
	citizen = _citizen_of(user)
	if citizen is None:
		return ""
	return f"`tabService Request`.`requester` = {frappe.db.escape(citizen)}"


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""A citizen: only their own requests; a Repair Technician (without another role that reads requests):
	only those assigned to them. Anyone else: None (no opinion; DocPerms and other hooks decide)."""
	user = user or frappe.session.user
	if technician_only(user, "Service Request"):
		return doc.get("assigned_to") == user
	citizen = _citizen_of(user)
	if citizen is None:
		return None
	return bool(citizen) and doc.requester == citizen
