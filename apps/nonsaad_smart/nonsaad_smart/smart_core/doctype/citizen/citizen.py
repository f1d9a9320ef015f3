"""Citizen: one record per resident, keyed by a validated national ID (PDPA: masked for most roles)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from nonsaad_smart.smart_core.citizen360 import warn_duplicates
from nonsaad_smart.smart_core.contact import normalize_phone
from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.thai_id import mask_national_id, normalize_national_id

ADDRESS_DEFAULTS = ("subdistrict", "district", "province", "postcode")


class DuplicateNationalIDError(frappe.ValidationError):
	pass


class Citizen(Document):
	@property
	def age(self) -> int | None:
		if not self.birth_date:
			return None
		born, now = getdate(self.birth_date), getdate(today())
		return now.year - born.year - ((now.month, now.day) < (born.month, born.day))

	def validate(self):
		self.validate_national_id()
		self.full_name = " ".join(p for p in (self.salutation, self.first_name, self.last_name) if p)
		self.phone = normalize_phone(self.phone)
		self.validate_birth_date()
		self.set_address_defaults()
		validate_point(self.latitude, self.longitude, _("Home location"))
		self.set_consent_status()
		warn_duplicates(self)

	def on_update(self):
		self.sync_user_permission()

	def validate_national_id(self):
		self.national_id = normalize_national_id(self.national_id)
		self.national_id_masked = mask_national_id(self.national_id)
		other = frappe.db.get_value(
			"Citizen", {"national_id": self.national_id, "name": ("!=", self.name or "")}, "name"
		)
		if other:
			frappe.throw(
				_("A citizen with national ID {0} is already registered as {1}").format(
					self.national_id_masked, other
				),
				DuplicateNationalIDError,
				title=_("Duplicate National ID"),
			)

	def validate_birth_date(self):
		if self.birth_date and getdate(self.birth_date) > getdate(today()):
			frappe.throw(_("Birth date cannot be in the future"))

	def set_address_defaults(self):
		settings = frappe.get_cached_doc("Smart Settings")
		for field in ADDRESS_DEFAULTS:
			if not self.get(field):
				self.set(field, settings.get(field))

	def set_consent_status(self):
		if (
			self.consent_withdrawn_at
			and self.consent_given_at
			and self.consent_withdrawn_at < self.consent_given_at
		):
			frappe.throw(_("Consent cannot be withdrawn before it was given"))
		if self.consent_withdrawn_at:
			self.consent_status = "Withdrawn"
		elif self.consent_given_at:
			self.consent_status = "Given"
		else:
			self.consent_status = "Not Asked"

	def sync_user_permission(self):
		"""A citizen's website user sees only this Citizen and what links to it (User Permission)."""
		previous = self.get_doc_before_save()
		old_user = previous.user if previous else None
		if old_user and old_user != self.user:
			frappe.db.delete(
				"User Permission", {"user": old_user, "allow": "Citizen", "for_value": self.name}
			)
		if self.user and not frappe.db.exists(
			"User Permission", {"user": self.user, "allow": "Citizen", "for_value": self.name}
		):
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": self.user,
					"allow": "Citizen",
					"for_value": self.name,
					"apply_to_all_doctypes": 1,
				}
			).insert(ignore_permissions=True)


def give_consent(citizen: str, purpose: str | None = None) -> None:
	doc = frappe.get_doc("Citizen", citizen)
	doc.consent_given_at = now_datetime()
	doc.consent_withdrawn_at = None
	if purpose:
		doc.consent_purpose = purpose
	doc.save()
