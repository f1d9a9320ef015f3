"""Row rules of Smart EMS: a user who reads incidents only as EMS Crew sees the incidents they ride on
(their user on the incident's crew rows), nothing else. Other roles follow their DocPerm (hooks return
"" / None where they have no opinion)."""

import frappe

CREW_ROLE = "EMS Crew"


def crew_only(user: str | None) -> bool:
	"""True when `user` reads EMS Incident only through the EMS Crew role."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	if CREW_ROLE not in roles:
		return False
	readers = {p.role for p in frappe.get_meta("EMS Incident").permissions if p.read and not p.permlevel}
	return not (roles & readers) - {CREW_ROLE}


def incident_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if not crew_only(user):
		return ""
	return (
		"`tabEMS Incident`.`name` in (select `parent` from `tabEMS Incident Crew` "
		f"where `parenttype` = 'EMS Incident' and `user` = {frappe.db.escape(user)})"
	)


def incident_has_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if not crew_only(user):
		return None
	return user in {row.user for row in doc.get("crew") or [] if row.user}
