"""Staff Training: a course a centre staff member attended. Its hours count in the Thai fiscal year
(Oct–Sep, BE) in which it ended."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import date_diff, flt, getdate, today

from nonsaad_smart.smart_core.thai_date import fiscal_year

MAX_HOURS_PER_DAY = 12


class InvalidTrainingError(frappe.ValidationError):
	pass


class StaffTraining(Document):
	def validate(self):
		self.course = (self.course or "").strip()
		start, end = getdate(self.start_date), getdate(self.end_date)
		if end < start:
			frappe.throw(_("The end date cannot be before the start date"), InvalidTrainingError)
		if end > getdate(today()):
			frappe.throw(_("Record a training once it has ended"), InvalidTrainingError)
		days = date_diff(end, start) + 1
		if flt(self.hours) <= 0 or flt(self.hours) > days * MAX_HOURS_PER_DAY:
			frappe.throw(
				_("Hours must be more than 0 and at most {0} for {1} day(s)").format(
					days * MAX_HOURS_PER_DAY, days
				),
				InvalidTrainingError,
			)
		self.fiscal_year = fiscal_year(end)
