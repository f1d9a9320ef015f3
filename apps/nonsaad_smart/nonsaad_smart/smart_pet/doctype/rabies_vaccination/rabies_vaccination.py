"""Rabies Vaccination: one dose given to a pet. The next is due a year later; the first dose belongs at
2–4 months of age (Rabies Act 1992 / DLD): outside that window the record is kept with a warning."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_years, getdate, today

from nonsaad_smart.smart_pet.doctype.pet.pet import age_in_months, birth_date_of, refresh_vaccination_dates


class InvalidVaccinationError(frappe.ValidationError):
	pass


FIRST_DOSE_MONTHS = (2, 4)


def next_due_date(vaccination_date):
	"""A year after the dose (29 February gives 28 February)."""
	return add_years(getdate(vaccination_date), 1)


def first_dose_warning(age_months: int | None) -> str | None:
	"""The warning for a first dose given at `age_months`, or None when inside 2–4 months (or unknown)."""
	if age_months is None:
		return None
	low, high = FIRST_DOSE_MONTHS
	if age_months < low:
		return _(
			"First dose at {0} months: the first rabies vaccination is given at 2–4 months of age"
		).format(age_months)
	if age_months > high:
		return _("First dose at {0} months: later than the 2–4 months of age the Rabies Act asks for").format(
			age_months
		)
	return None


class RabiesVaccination(Document):
	def validate(self):
		if getdate(self.vaccination_date) > getdate(today()):
			frappe.throw(_("The vaccination date cannot be in the future"), InvalidVaccinationError)
		pet = frappe.db.get_value(
			"Pet",
			self.pet,
			["status", "birth_date", "estimated_age_months", "registered_on", "pet_name"],
			as_dict=True,
		)
		if not pet:
			frappe.throw(_("Unknown pet: {0}").format(self.pet), InvalidVaccinationError)
		if pet.status == "Dead" and self.is_new():
			frappe.throw(_("{0} is recorded as dead").format(pet.pet_name), InvalidVaccinationError)
		self.next_due = next_due_date(self.vaccination_date)
		self.first_dose = int(
			not frappe.db.exists(
				"Rabies Vaccination",
				{
					"pet": self.pet,
					"docstatus": 1,
					"vaccination_date": ["<=", self.vaccination_date],
					"name": ["!=", self.name or ""],
				},
			)
		)
		birth = birth_date_of(pet.birth_date, pet.estimated_age_months, pet.registered_on)
		self.age_months = age_in_months(birth, self.vaccination_date)
		self.dose_warning = first_dose_warning(self.age_months) if self.first_dose else None
		if self.dose_warning:
			frappe.msgprint(self.dose_warning, title=_("First dose"), indicator="orange", alert=True)

	def on_submit(self):
		self.after_change()

	def on_cancel(self):
		self.after_change()

	def after_change(self):
		refresh_vaccination_dates(self.pet)
		if self.campaign:
			frappe.get_doc("Vaccination Campaign", self.campaign).update_result()
