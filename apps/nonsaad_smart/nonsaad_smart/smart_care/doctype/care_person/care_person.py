"""Care Person: an elderly or disabled resident (a Citizen) with the care team that may see them.

Sensitive (PDPA section 26): health, disability and bank data. The full national ID and bank account are
permlevel-1 fields only the Social Welfare Officer reads; everyone else reads the masked copies kept here.
The care manager and the caregivers listed here are the row-level rule (smart_care/permissions.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from nonsaad_smart.smart_care.rules import mask_account, normalize_account
from nonsaad_smart.smart_core.contact import normalize_phone
from nonsaad_smart.smart_core.thai_id import mask_national_id


class MissingDisabilityCardError(frappe.ValidationError):
	pass


class CarePerson(Document):
	def validate(self):
		self.national_id = frappe.db.get_value("Citizen", self.citizen, "national_id")
		self.national_id_masked = mask_national_id(self.national_id)
		self.bank_account_no = normalize_account(self.bank, self.bank_account_no)
		self.bank_account_masked = mask_account(self.bank_account_no)
		self.family_contact_phone = normalize_phone(self.family_contact_phone, _("Family Contact Phone"))
		if self.kind != "Elderly" and not (self.disability_type and self.disability_card_no):
			frappe.throw(
				_("A disabled person needs the disability type and the disability card number"),
				MissingDisabilityCardError,
			)
		if self.consent_date and getdate(self.consent_date) > getdate(today()):
			frappe.throw(_("The consent date cannot be in the future"))
		if self.has_value_changed("consent_date") or not self.consent_recorded_by:
			self.consent_recorded_by = frappe.session.user
		seen = set()
		for row in self.caregivers:
			if row.user in seen:
				frappe.throw(_("Caregiver {0} is listed twice").format(row.user))
			seen.add(row.user)

	def caregiver_users(self) -> set[str]:
		return {row.user for row in self.caregivers}
