"""Row-level access of Smart Pet for citizens (Website Users with the Citizen role).

A citizen sees exactly their own pets, the vaccinations of their own pets and the bites where they are the
victim or their pet bit; nothing else (a stray report or a community dog is the office's). Staff (System
Users) are not affected here: their DocPerms decide. `has_permission` returns None where it has no opinion.
"""

import frappe

OWN_FIELDS = {
	"Pet": ("pet_owner",),
	"Rabies Vaccination": ("pet_owner",),
	"Bite Incident": ("victim", "animal_owner"),
}


def citizen_of(user: str | None) -> str | None:
	"""The Citizen of a website user ("" when none is linked); None for staff and Administrator."""
	user = user or frappe.session.user
	if not user or user == "Administrator":
		return None
	if user == "Guest":
		return ""
	if frappe.get_cached_value("User", user, "user_type") != "Website User":
		return None
	return frappe.db.get_value("Citizen", {"user": user}, "name") or ""


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	citizen = citizen_of(user)
	if citizen is None or doctype not in OWN_FIELDS:
		return ""
	if not citizen:
		return "1=0"
	value = frappe.db.escape(citizen)
	return "(" + " or ".join(f"`tab{doctype}`.`{f}` = {value}" for f in OWN_FIELDS[doctype]) + ")"


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	citizen = citizen_of(user)
	if citizen is None or doc.doctype not in OWN_FIELDS:
		return None
	return bool(citizen) and any(doc.get(f) == citizen for f in OWN_FIELDS[doc.doctype])
