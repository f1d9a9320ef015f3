"""Row rule of Citizen for citizens (Website Users with the Citizen role): their own record only.

The User Permission made by Citizen.sync_user_permission restricts a citizen who has a record; Frappe
applies it only to users who have one, so a website user with the Citizen role and no linked record (a
new sign-up, a record unlinked) read every resident's record, ID card numbers included (issue 18: the
permission matrix test tries it with a second citizen). These hooks close that gap: a user who reads
Citizen only through the Citizen role sees exactly the record whose `user` is them.
"""

import frappe

CITIZEN_ROLE = "Citizen"


def citizen_only(user: str | None, doctype: str = "Citizen") -> bool:
	"""True when `user` reads `doctype` through the Citizen role alone."""
	if not user or user in ("Administrator", "Guest"):
		return False
	roles = set(frappe.get_roles(user))
	if CITIZEN_ROLE not in roles:
		return False
	readers = {p.role for p in frappe.get_meta(doctype).permissions if p.read and not p.permlevel}
	return not (roles & readers) - {CITIZEN_ROLE}


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if not citizen_only(user):
		return ""
	return f"`tabCitizen`.`user` = {frappe.db.escape(user)}"


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	user = user or frappe.session.user
	if not citizen_only(user):
		return None
	return bool(doc.get("user")) and doc.get("user") == user
