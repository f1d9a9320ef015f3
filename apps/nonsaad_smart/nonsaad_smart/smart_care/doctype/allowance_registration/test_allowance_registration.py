"""Allowance Registration: tier and amount from the rate table at fiscal-year edges, the one-active rule
(controller and database unique index), the workflow as real users, no self-approval, end with evidence."""

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_care.allowance import NoAllowanceRateError
from nonsaad_smart.smart_care.doctype.allowance_registration.allowance_registration import (
	DuplicateActiveRegistrationError,
	MissingEndEvidenceError,
	NotEligibleError,
	SelfApprovalError,
)
from nonsaad_smart.smart_care.tests.factories import (
	activate,
	as_user,
	make_active_registration,
	make_care_person,
	make_registration,
	make_team,
	make_user,
)


class TestAllowanceRegistration(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.team = make_team()

	def test_tier_at_fiscal_year_edges(self):
		turning_70 = make_care_person("1956-03-15").name  # 70 during fiscal year 2569
		reg = make_registration(turning_70, 2569)
		self.assertEqual((reg.age_in_fiscal_year, reg.tier, reg.monthly_amount), (70, "70-79", 700))
		self.assertEqual(make_registration(turning_70, 2568).monthly_amount, 600)
		late = make_care_person("1956-10-01").name  # 70 on 1 October 2026: fiscal year 2570
		self.assertEqual(make_registration(late, 2569).monthly_amount, 600)
		self.assertEqual(make_registration(late, 2570).monthly_amount, 700)
		leap = make_care_person("1936-02-29").name
		self.assertEqual(make_registration(leap, 2569).tier, "90+")
		self.assertEqual(make_registration(leap, 2569).monthly_amount, 1000)
		child = make_care_person("2012-06-01", kind="Person with Disability").name
		reg = make_registration(child, 2569, kind="Disability Allowance")
		self.assertEqual((reg.tier, reg.monthly_amount), ("0-17", 1000))
		self.assertEqual(
			make_registration(child, 2574, kind="Disability Allowance").monthly_amount, 800
		)  # 19

	def test_rate_change_is_a_new_row(self):
		person = make_care_person("1958-01-01").name  # 87 in 2588, 88 in 2589
		self.assertEqual(make_registration(person, 2589).monthly_amount, 800)
		frappe.get_doc(
			{
				"doctype": "Allowance Rate",
				"allowance_kind": "Elderly Allowance",
				"valid_from_fiscal_year": 2589,
				"age_from": 60,
				"age_to": 0,
				"amount": 1500,
			}
		).insert()
		self.assertEqual(make_registration(person, 2588).monthly_amount, 800)  # the old table still holds
		self.assertEqual(make_registration(person, 2589).monthly_amount, 1500)
		self.assertEqual(make_registration(person, 2590).monthly_amount, 1500)
		with self.assertRaises(NoAllowanceRateError):
			make_registration(make_care_person("1920-01-01").name, 2550)  # before any rate

	def test_not_eligible(self):
		young = make_care_person("1970-01-01").name
		with self.assertRaises(NotEligibleError):
			make_registration(young, 2569)
		with self.assertRaises(NotEligibleError):
			make_registration(young, 2569, kind="Disability Allowance")

	def test_workflow_roles_and_no_self_approval(self):
		person = make_care_person().name
		reg = make_registration(person)
		self.assertEqual(reg.workflow_state, "Applied")
		# only the Social Welfare Officer verifies; only the Executive approves
		with self.assertRaises(WorkflowTransitionError):
			as_user(self.team["executive"], apply_workflow, reg, "Verify")
		verified = as_user(self.team["swo"], apply_workflow, reg, "Verify")
		self.assertEqual(verified.verified_by, self.team["swo"])
		with self.assertRaises(WorkflowTransitionError):
			as_user(self.team["swo"], apply_workflow, verified, "Approve")
		approved = as_user(self.team["executive"], apply_workflow, verified, "Approve")
		self.assertEqual((approved.docstatus, approved.approved_by), (1, self.team["executive"]))

		# the record's creator may not approve it (workflow allow_self_approval 0) ...
		own = frappe.get_doc(as_user(self.team["executive"], make_registration, make_care_person().name))
		self.assertEqual(own.owner, self.team["executive"])
		own = as_user(self.team["swo"], apply_workflow, own, "Verify")
		with self.assertRaisesRegex(frappe.ValidationError, "Self approval"):
			as_user(self.team["executive"], apply_workflow, own, "Approve")
		# ... nor the officer who verified it (someone holding both roles)
		both = make_user("both.care@test.nonsaad.go.th", ["Social Welfare Officer", "Executive"])
		reg = make_registration(make_care_person().name)
		reg = as_user(both, apply_workflow, reg, "Verify")
		with self.assertRaises(SelfApprovalError):
			as_user(both, apply_workflow, reg, "Approve")
		self.assertEqual(frappe.db.get_value("Allowance Registration", reg.name, "docstatus"), 0)

	def test_one_active_per_person_kind_year(self):
		person = make_care_person().name
		first = make_active_registration(person, self.team)
		self.assertTrue(first.active_key)
		second = make_registration(person)
		with self.assertRaises(DuplicateActiveRegistrationError):
			activate(second, self.team)
		# another fiscal year is fine
		make_active_registration(person, self.team, fiscal_year=2570)
		# the database refuses it even when the controller is bypassed
		with self.assertRaises(Exception) as refused:
			frappe.db.sql(
				"update `tabAllowance Registration` set active_key = %s where name = %s",
				(first.active_key, second.name),
			)
		self.assertTrue(frappe.db.is_unique_key_violation(refused.exception))

	def test_suspend_and_end_need_date_and_evidence(self):
		reg = make_active_registration(make_care_person().name, self.team)
		with self.assertRaises(MissingEndEvidenceError):
			as_user(self.team["swo"], apply_workflow, reg, "Suspend")
		reg.reload()
		reg.db_set({"end_reason": "Other", "end_date": "2026-03-01"})
		suspended = as_user(self.team["swo"], apply_workflow, reg, "Suspend")
		self.assertIsNone(suspended.active_key)  # suspended: another registration could be activated
		with self.assertRaises(MissingEndEvidenceError):
			as_user(self.team["swo"], apply_workflow, suspended, "End")
		suspended.reload()
		suspended.db_set(
			{"end_reason": "Deceased", "end_date": "2026-04-02", "end_note": "ใบมรณบัตรเลขที่ 123/2569"}
		)
		ended = as_user(self.team["swo"], apply_workflow, suspended, "End")
		self.assertEqual(ended.workflow_state, "Ended")
