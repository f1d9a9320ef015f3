"""Test factories of Smart Care (one place per DocType, used by every Smart Care test)."""

import frappe
from frappe.model.workflow import apply_workflow

from nonsaad_smart.smart_care import workflows as wf
from nonsaad_smart.tests.utils import make_citizen, make_user

SWO = "swo.care@test.nonsaad.go.th"
SWO2 = "swo2.care@test.nonsaad.go.th"
EXECUTIVE = "exec.care@test.nonsaad.go.th"
MANAGER = "manager.care@test.nonsaad.go.th"
MANAGER2 = "manager2.care@test.nonsaad.go.th"
CAREGIVER = "caregiver.care@test.nonsaad.go.th"
CAREGIVER2 = "caregiver2.care@test.nonsaad.go.th"


def make_team() -> dict:
	return {
		"swo": make_user(SWO, ["Social Welfare Officer"]),
		"swo2": make_user(SWO2, ["Social Welfare Officer"]),
		"executive": make_user(EXECUTIVE, ["Executive"]),
		"manager": make_user(MANAGER, ["Care Manager"]),
		"manager2": make_user(MANAGER2, ["Care Manager"]),
		"caregiver": make_user(CAREGIVER, ["Caregiver"]),
		"caregiver2": make_user(CAREGIVER2, ["Caregiver"]),
	}


def make_care_person(birth_date="1950-05-01", kind="Elderly", caregivers=(), care_manager=None, **kwargs):
	citizen = make_citizen(birth_date=birth_date)
	values = {
		"doctype": "Care Person",
		"citizen": citizen.name,
		"kind": kind,
		"consent_basis": "Explicit consent (section 26)",
		"consent_date": "2025-01-15",
		"bank": "Krungthai Bank",
		"bank_account_no": "9876543210",
		"care_manager": care_manager,
		"caregivers": [{"user": u} for u in caregivers],
	}
	if kind != "Elderly":
		values.update({"disability_type": "Physical or mobility", "disability_card_no": "DC-0001"})
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_registration(care_person: str, fiscal_year: int = 2569, kind="Elderly Allowance", **kwargs):
	return frappe.get_doc(
		{
			"doctype": "Allowance Registration",
			"care_person": care_person,
			"allowance_kind": kind,
			"fiscal_year": fiscal_year,
			"application_date": "2025-09-01",
			**kwargs,
		}
	).insert(ignore_permissions=True)


def as_user(user: str, fn, *args):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return fn(*args)
	finally:
		frappe.set_user(previous)


def activate(registration, team: dict):
	"""Applied → Verified (SWO) → Approved (Executive) → Active (SWO), as the real users."""
	doc = as_user(team["swo"], apply_workflow, registration, "Verify")
	doc = as_user(team["executive"], apply_workflow, doc, "Approve")
	return as_user(team["swo"], apply_workflow, doc, "Activate")


def make_active_registration(care_person: str, team: dict, fiscal_year: int = 2569, **kwargs):
	reg = make_registration(care_person, fiscal_year, **kwargs)
	doc = activate(reg, team)
	assert doc.workflow_state == wf.ACTIVE
	return doc


def adl_scores(total: int) -> dict:
	from nonsaad_smart.smart_care.rules import scores_for_total

	return scores_for_total(total)


def make_adl(care_person: str, total: int, assessment_date="2026-01-10"):
	return frappe.get_doc(
		{
			"doctype": "ADL Assessment",
			"care_person": care_person,
			"assessment_date": assessment_date,
			**adl_scores(total),
		}
	).insert(ignore_permissions=True)
