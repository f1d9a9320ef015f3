"""Centre Staff: a person (Citizen) working at a child development centre, with position, qualification,
teaching licence and status. Heads of centre and teachers need a teaching licence: its number and expiry
are copied from their newest Teaching Licence certificate (Staff Certificate)."""

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from nonsaad_smart.smart_kids.training import current_fiscal_year, hours_by_staff, target_hours

LICENSED_POSITIONS = ("Head of Centre", "Teacher")
LICENCE_RE = re.compile(r"[0-9A-Z/-]{6,20}")


class DuplicateStaffError(frappe.ValidationError):
	pass


class InvalidStaffError(frappe.ValidationError):
	pass


class CentreStaff(Document):
	def validate(self):
		self.check_person()
		self.check_dates()
		self.check_licence()

	def on_update(self):
		if (
			self.has_value_changed("status")
			or self.has_value_changed("centre")
			or self.has_value_changed("position")
		):
			refresh_staff_count(self.centre)
			previous = self.get_doc_before_save()
			if previous and previous.centre != self.centre:
				refresh_staff_count(previous.centre)

	def check_person(self):
		if self.status == "Left":
			return
		other = frappe.db.get_value(
			"Centre Staff",
			{"citizen": self.citizen, "status": ["!=", "Left"], "name": ["!=", self.name or ""]},
			["name", "centre"],
			as_dict=True,
		)
		if other:
			frappe.throw(
				_("{0} already works at {1} ({2}); record that they left first").format(
					self.full_name or self.citizen, other.centre, other.name
				),
				DuplicateStaffError,
			)
		if self.user and frappe.db.exists(
			"Centre Staff", {"user": self.user, "status": ["!=", "Left"], "name": ["!=", self.name or ""]}
		):
			frappe.throw(
				_("User {0} is linked to another staff record").format(self.user), DuplicateStaffError
			)

	def check_dates(self):
		if self.appointment_date and getdate(self.appointment_date) > getdate(today()):
			frappe.throw(_("The appointment date cannot be in the future"), InvalidStaffError)
		if self.status == "Left":
			if not self.left_on:
				frappe.throw(_("Give the date the staff member left"), InvalidStaffError)
			if self.appointment_date and getdate(self.left_on) < getdate(self.appointment_date):
				frappe.throw(_("The leaving date cannot be before the appointment date"), InvalidStaffError)
		else:
			self.left_on = None

	def check_licence(self):
		self.licence_number = (self.licence_number or "").strip().upper() or None
		if self.position not in LICENSED_POSITIONS or self.status == "Left":
			return
		if not self.licence_number or not self.licence_expiry:
			# recorded from the Teaching Licence certificate when it is entered (Staff Certificate)
			frappe.msgprint(
				_("A {0} needs a teaching licence: record it as a Staff Certificate").format(
					_(self.position)
				),
				indicator="orange",
				alert=True,
			)
			return
		if not LICENCE_RE.fullmatch(self.licence_number):
			frappe.throw(
				_("Teaching licence number {0} must be 6–20 digits or capital letters").format(
					self.licence_number
				),
				InvalidStaffError,
			)
		if getdate(self.licence_expiry) < getdate(today()):
			frappe.msgprint(
				_("The teaching licence of {0} expired on {1}").format(self.full_name, self.licence_expiry),
				indicator="orange",
				alert=True,
			)

	@frappe.whitelist()
	def training_summary(self) -> dict:
		"""Hours this fiscal year against the target, for the form."""
		fy = current_fiscal_year()
		hours = hours_by_staff(fy, [self.name]).get(self.name, 0.0)
		target = target_hours(fy, self.position)
		return {"fiscal_year": fy, "hours": hours, "target": target, "met": bool(target) and hours >= target}


def refresh_staff_count(centre: str | None) -> None:
	if not centre or not frappe.db.exists("Child Development Centre", centre):
		return
	from nonsaad_smart.smart_kids.doctype.child_development_centre.child_development_centre import (
		STAFF_POSITIONS_IN_RATIO,
	)

	count = frappe.db.count(
		"Centre Staff", {"centre": centre, "status": "Active", "position": ["in", STAFF_POSITIONS_IN_RATIO]}
	)
	frappe.db.set_value("Child Development Centre", centre, "active_staff", count, update_modified=False)
