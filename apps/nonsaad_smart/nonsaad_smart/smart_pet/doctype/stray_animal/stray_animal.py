"""Stray Animal: found (GPS + photo), impounded, held 5 days for its owner (Rabies Act 1992), then an
outcome; a claimed animal is registered as a Pet and linked."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, get_datetime, getdate, now_datetime, today

from nonsaad_smart.smart_core.geo import validate_point


class InvalidStrayError(frappe.ValidationError):
	pass


CLAIM_DAYS = 5


def claim_deadline(impounded_on):
	return add_days(getdate(impounded_on), CLAIM_DAYS) if impounded_on else None


class StrayAnimal(Document):
	def validate(self):
		if get_datetime(self.found_at) > now_datetime():
			frappe.throw(_("The time found cannot be in the future"), InvalidStrayError)
		validate_point(self.latitude, self.longitude, _("Place found"))
		if self.impounded and not self.impounded_on:
			self.impounded_on = today()
		if not self.impounded:
			self.impounded_on = None
		self.claim_deadline = claim_deadline(self.impounded_on)
		if self.outcome == "Claimed" and not self.pet:
			frappe.throw(
				_("Register the claimed animal as a Pet of its owner and link it here"), InvalidStrayError
			)
		if self.outcome != "Open" and not self.outcome_date:
			self.outcome_date = today()
		if (
			self.outcome in ("Adopted", "Transferred")
			and self.claim_deadline
			and getdate(self.outcome_date) < getdate(self.claim_deadline)
		):
			frappe.throw(
				_(
					"The owner may claim the animal until {0}: it cannot be adopted or transferred before"
				).format(frappe.format(self.claim_deadline, "Date")),
				InvalidStrayError,
			)
