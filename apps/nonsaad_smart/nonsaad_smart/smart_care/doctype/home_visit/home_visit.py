"""Home Visit: a caregiver's visit (check-in GPS and time, vital signs, notes, photo, next visit). The photo
goes through the app's File controller (smart_core/uploads.py: type, size, re-encoded without EXIF/GPS)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime

from nonsaad_smart.smart_core.geo import validate_point


class ImplausibleVitalSignError(frappe.ValidationError):
	pass


VITAL_RANGES = {
	"bp_systolic": (50, 260),
	"bp_diastolic": (30, 160),
	"pulse": (20, 250),
	"temperature": (30, 45),
	"blood_sugar": (20, 800),
}


class HomeVisit(Document):
	def validate(self):
		if get_datetime(self.check_in_time) > now_datetime():
			frappe.throw(_("The check-in time cannot be in the future"))
		validate_point(self.latitude, self.longitude, _("Check-in location"))
		for field, (low, high) in VITAL_RANGES.items():
			value = self.get(field)
			if value and not (low <= float(value) <= high):
				frappe.throw(
					_("{0}: {1} is outside {2}–{3}").format(_(self.meta.get_label(field)), value, low, high),
					ImplausibleVitalSignError,
				)
		if self.next_visit and getdate(self.next_visit) < getdate(self.check_in_time):
			frappe.throw(_("The next visit must be after this one"))

	def on_update(self):
		update_last_visit(self.care_person)

	def after_delete(self):
		update_last_visit(self.care_person)


def update_last_visit(care_person: str) -> None:
	last = frappe.get_all(
		"Home Visit",
		filters={"care_person": care_person},
		fields=["max(check_in_time) as last"],
	)
	frappe.db.set_value("Care Person", care_person, "last_visit_on", last[0].last if last else None)
