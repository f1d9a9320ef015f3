"""Pet: a dog or cat registered with the municipality (Rabies Act 1992, section 6). The owner's home gives
the village and the place when they are left empty; the microchip number is ISO 11784/11785 (15 digits)."""

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, cint, get_last_day, getdate, today

from nonsaad_smart.smart_core.geo import validate_point


class InvalidPetError(frappe.ValidationError):
	pass


class InvalidMicrochipError(InvalidPetError):
	pass


MICROCHIP = re.compile(r"^\d{15}$")


def normalize_microchip(value: str | None) -> str:
	"""The number as stored: digits only (scanners print it in groups: "764 0981 0012 3456")."""
	return re.sub(r"[\s\-.]", "", value or "")


def check_microchip(value: str | None) -> str:
	"""A 15-digit ISO 11784 number or empty; anything else raises InvalidMicrochipError."""
	number = normalize_microchip(value)
	if number and not MICROCHIP.match(number):
		frappe.throw(
			_("The microchip number must be 15 digits (ISO 11784): {0}").format(value),
			InvalidMicrochipError,
			title=_("Microchip number not accepted"),
		)
	return number


def birth_date_of(birth_date, estimated_age_months, registered_on) -> object | None:
	"""The birth date, or the one the estimated age at registration gives."""
	if birth_date:
		return getdate(birth_date)
	if cint(estimated_age_months) > 0 and registered_on:  # 0: not given (an Int field stores no null)
		return getdate(add_months(getdate(registered_on), -cint(estimated_age_months)))
	return None


def age_in_months(birth, on_date) -> int | None:
	"""Whole calendar months from `birth` to `on_date` (born 15 March: 3 months on 15 June)."""
	if not birth:
		return None
	birth, on_date = getdate(birth), getdate(on_date)
	months = (on_date.year - birth.year) * 12 + on_date.month - birth.month
	if on_date.day < birth.day and on_date != get_last_day(on_date):
		months -= 1
	return max(months, 0)


class Pet(Document):
	def validate(self):
		self.pet_name = (self.pet_name or "").strip()
		self.microchip = check_microchip(self.microchip) or None
		if self.microchip:
			other = frappe.db.exists("Pet", {"microchip": self.microchip, "name": ["!=", self.name or ""]})
			if other:
				frappe.throw(
					_("Microchip number {0} is already registered ({1})").format(self.microchip, other),
					InvalidMicrochipError,
					title=_("Microchip number not accepted"),
				)
		self.tag_number = (self.tag_number or "").strip().upper() or None
		if self.birth_date and getdate(self.birth_date) > getdate(today()):
			frappe.throw(_("The birth date cannot be in the future"), InvalidPetError)
		if self.estimated_age_months not in (None, "") and cint(self.estimated_age_months) < 0:
			frappe.throw(_("The estimated age cannot be negative"), InvalidPetError)
		self.fill_from_owner()
		validate_point(self.latitude, self.longitude, _("Pet location"))

	def fill_from_owner(self):
		if not self.pet_owner:
			return
		home = frappe.db.get_value(
			"Citizen", self.pet_owner, ["village", "latitude", "longitude"], as_dict=True
		)
		if not home:
			return
		if not self.village:
			self.village = home.village
		if not self.latitude and not self.longitude and home.latitude and home.longitude:
			self.latitude, self.longitude = home.latitude, home.longitude

	def estimated_birth_date(self):
		return birth_date_of(self.birth_date, self.estimated_age_months, self.registered_on or today())


def refresh_vaccination_dates(pet: str) -> None:
	"""The pet shows its last submitted vaccination and the next due date."""
	last = frappe.get_all(
		"Rabies Vaccination",
		filters={"pet": pet, "docstatus": 1},
		fields=["vaccination_date", "next_due"],
		order_by="vaccination_date desc",
		limit=1,
	)
	values = (
		{"last_vaccinated_on": last[0].vaccination_date, "next_due": last[0].next_due}
		if last
		else {"last_vaccinated_on": None, "next_due": None}
	)
	frappe.db.set_value("Pet", pet, values, update_modified=False)
