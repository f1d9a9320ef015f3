"""Row-level access of Smart Care (PDPA need-to-know).

- A Caregiver sees and edits only the Care Persons they are assigned to (a row of the person's caregivers
  table), and only those persons' ADL Assessments, Care Plans and Home Visits.
- A Care Manager sees their caseload: the persons whose care manager they are (and their records).
- The Social Welfare Officer (and System Manager) sees everyone; other roles follow their DocPerms.

`query_conditions` filters every list (desk, /api/resource, reports through get_list, the map layer,
counts through smart_core/field_access.py) and `has_permission` every single record (form, REST get,
print, save). Both return "no opinion" ("" / None) for roles without a row rule.
"""

import frappe

PERSON = "Care Person"
CAREGIVER_TABLE = "Care Person Caregiver"
UNRESTRICTED = ("System Manager", "Social Welfare Officer", "Administrator")
# DocTypes whose rows belong to a Care Person through their `care_person` field
PERSON_RECORDS = ("ADL Assessment", "Care Plan", "Home Visit")


def _row_rule(user: str) -> str | None:
	"""'caregiver' / 'manager' / 'both' for users bound to a caseload, None for unrestricted users."""
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & set(UNRESTRICTED):
		return None
	caregiver, manager = "Caregiver" in roles, "Care Manager" in roles
	if caregiver and manager:
		return "both"
	if manager:
		return "manager"
	if caregiver:
		return "caregiver"
	return None


def _person_condition(user: str, rule: str, person_column: str) -> str:
	user_sql = frappe.db.escape(user)
	parts = []
	if rule in ("manager", "both"):
		parts.append(
			f"{person_column} in (select p.name from `tabCare Person` p where p.care_manager = {user_sql})"
		)
	if rule in ("caregiver", "both"):
		parts.append(
			f"{person_column} in (select c.parent from `tab{CAREGIVER_TABLE}` c "
			f"where c.parenttype = 'Care Person' and c.parentfield = 'caregivers' and c.user = {user_sql})"
		)
	return "(" + " or ".join(parts) + ")"


def person_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	rule = _row_rule(user)
	return _person_condition(user, rule, "`tabCare Person`.`name`") if rule else ""


def record_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	rule = _row_rule(user)
	if not rule or not doctype:
		return ""
	return _person_condition(user, rule, f"`tab{doctype}`.`care_person`")


def may_see_person(care_person: str | None, user: str | None = None) -> bool:
	"""True when the user's row rule lets them see this person (unrestricted users: always)."""
	user = user or frappe.session.user
	rule = _row_rule(user)
	if not rule:
		return True
	if not care_person:
		return False
	manager = frappe.db.get_value(PERSON, care_person, "care_manager")
	if rule in ("manager", "both") and manager == user:
		return True
	if rule in ("caregiver", "both") and frappe.db.exists(
		CAREGIVER_TABLE,
		{"parent": care_person, "parenttype": PERSON, "parentfield": "caregivers", "user": user},
	):
		return True
	return False


def person_has_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	if doc.is_new():
		return None
	return None if may_see_person(doc.name, user) else False


def record_has_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	care_person = doc.get("care_person") if hasattr(doc, "get") else None
	if ptype == "create" and not care_person:
		return None
	return None if may_see_person(care_person, user) else False
