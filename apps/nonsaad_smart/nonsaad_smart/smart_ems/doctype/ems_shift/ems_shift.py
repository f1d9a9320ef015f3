"""EMS Shift: who is on duty with which ambulance, when. Every crew member needs a valid certificate on
the shift's first day; an ambulance has one shift at a time, a crew member rides one ambulance at a time."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import get_datetime

from nonsaad_smart.smart_ems.crew import ensure_assignable


class ShiftOverlapError(frappe.ValidationError):
	pass


class EMSShift(Document):
	def validate(self):
		if get_datetime(self.shift_end) <= get_datetime(self.shift_start):
			frappe.throw(_("The shift must end after it starts"), ShiftOverlapError)
		names = [row.crew_member for row in self.crew]
		if len(names) != len(set(names)):
			frappe.throw(_("A crew member is listed twice on the shift"), ShiftOverlapError)
		ensure_assignable(names, get_datetime(self.shift_start).date())
		self.check_overlaps(names)

	def overlapping(self):
		shift = DocType("EMS Shift")
		return (
			(shift.name != (self.name or ""))
			& (shift.shift_start < self.shift_end)
			& (shift.shift_end > self.shift_start)
		)

	def check_overlaps(self, names):
		shift = DocType("EMS Shift")
		other = (
			frappe.qb.from_(shift)
			.select(shift.name)
			.where(self.overlapping() & (shift.ambulance == self.ambulance))
			.run(pluck=True)
		)
		if other:
			frappe.throw(
				_("Ambulance {0} already has shift {1} at that time").format(self.ambulance, other[0]),
				ShiftOverlapError,
			)
		row = DocType("EMS Shift Crew")
		busy = (
			frappe.qb.from_(shift)
			.join(row)
			.on((row.parent == shift.name) & (row.parenttype == "EMS Shift"))
			.select(row.crew_member, shift.name, shift.ambulance)
			.where(self.overlapping() & row.crew_member.isin(names or [""]))
			.run(as_dict=True)
		)
		if busy:
			frappe.throw(
				_("Crew member {0} is already on shift {1} with ambulance {2}").format(
					busy[0].crew_member, busy[0].name, busy[0].ambulance
				),
				ShiftOverlapError,
			)
