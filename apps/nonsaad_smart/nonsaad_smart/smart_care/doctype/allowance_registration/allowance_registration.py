"""Allowance Registration: one person's monthly allowance of one kind in one BE fiscal year.

Workflow (fixtures/workflow.json): Applied → Verified (Social Welfare Officer) → Approved (Executive,
submits; the workflow's allow_self_approval 0 stops the record's creator, and this controller the officer
who verified it) → Active → Suspended / Ended (with date and evidence). Tier and amount are computed from
the Allowance Rate table. `active_key` is person|kind|fiscal year while Active and NULL otherwise: its
unique index makes "one active registration per person, kind and year" a rule of the database."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from nonsaad_smart.smart_care import workflows as wf
from nonsaad_smart.smart_care.allowance import is_disability, rate_for
from nonsaad_smart.smart_care.rules import ELDERLY_MIN_AGE, age_in_fiscal_year


class NotEligibleError(frappe.ValidationError):
	pass


class DuplicateActiveRegistrationError(frappe.ValidationError):
	pass


class SelfApprovalError(frappe.PermissionError):
	pass


class MissingEndEvidenceError(frappe.ValidationError):
	pass


class AllowanceRegistration(Document):
	def validate(self):
		self.compute_rate()
		self.track_verification()
		self.set_active_key()

	def before_submit(self):
		if (
			self.verified_by
			and self.verified_by == frappe.session.user
			and frappe.session.user != "Administrator"
		):
			frappe.throw(
				_("You verified this registration: another person must approve it"), SelfApprovalError
			)
		self.approved_by = frappe.session.user
		self.approved_on = today()

	def before_update_after_submit(self):
		state = self.workflow_state
		if state == wf.ACTIVE and not self.active_from:
			self.active_from = today()
		if state in (wf.SUSPENDED, wf.ENDED) and self.has_value_changed("workflow_state"):
			if not (self.end_date and self.end_reason):
				frappe.throw(_("Give the reason and the date"), MissingEndEvidenceError)
			if state == wf.ENDED and not (self.end_evidence or self.end_note):
				frappe.throw(_("Attach the evidence or write a note"), MissingEndEvidenceError)
		self.set_active_key()

	def compute_rate(self):
		person = frappe.db.get_value(
			"Care Person",
			self.care_person,
			["birth_date", "kind", "disability_card_no", "disability_card_expiry", "status"],
			as_dict=True,
		)
		if not person or not person.birth_date:
			frappe.throw(_("The person's birth date is not known"), NotEligibleError)
		if is_disability(self.allowance_kind):
			if person.kind == "Elderly" or not person.disability_card_no:
				frappe.throw(_("A disability allowance needs a disability card"), NotEligibleError)
			if person.disability_card_expiry and getdate(person.disability_card_expiry) < getdate(
				self.application_date or today()
			):
				frappe.throw(_("The disability card has expired"), NotEligibleError)
		elif person.kind == "Person with Disability":
			frappe.throw(_("The person is not registered as elderly"), NotEligibleError)
		age = age_in_fiscal_year(person.birth_date, self.fiscal_year)
		if not is_disability(self.allowance_kind) and age < ELDERLY_MIN_AGE:
			frappe.throw(
				_("Age {0} in fiscal year {1}: the elderly allowance starts at {2}").format(
					age, self.fiscal_year, ELDERLY_MIN_AGE
				),
				NotEligibleError,
			)
		age, rate = rate_for(self.allowance_kind, self.fiscal_year, person.birth_date)
		self.age_in_fiscal_year = age
		self.allowance_rate = rate.name
		self.tier = rate.tier
		self.monthly_amount = rate.amount

	def track_verification(self):
		if self.workflow_state == wf.VERIFIED and self.has_value_changed("workflow_state"):
			self.verified_by = frappe.session.user
			self.verified_on = today()

	def set_active_key(self):
		if self.workflow_state in wf.PAID_STATES and self.docstatus == 1:
			self.active_key = active_key(self.care_person, self.allowance_kind, self.fiscal_year)
			other = frappe.db.get_value(
				"Allowance Registration", {"active_key": self.active_key, "name": ("!=", self.name)}
			)
			if other:
				frappe.throw(
					_("{0} already has an active {1} registration in fiscal year {2}: {3}").format(
						self.person_name, _(self.allowance_kind), self.fiscal_year, other
					),
					DuplicateActiveRegistrationError,
				)
		else:
			self.active_key = None


def active_key(care_person: str, kind: str, fiscal_year) -> str:
	return f"{care_person}|{kind}|{fiscal_year}"
