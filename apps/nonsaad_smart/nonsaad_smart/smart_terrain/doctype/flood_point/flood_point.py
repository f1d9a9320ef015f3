"""Flood Point (จุดน้ำท่วมขัง): where water stands after rain, from a survey or a citizen's report."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from nonsaad_smart.smart_terrain.geometry import apply_point


class FloodDatesError(frappe.ValidationError):
	pass


class FloodPoint(Document):
	def validate(self):
		apply_point(self, _("Flood point {0}").format(self.place or ""))
		if self.last_seen and getdate(self.last_seen) < getdate(self.first_seen):
			frappe.throw(_("Last seen cannot be before first seen"), FloodDatesError)
		if self.depth_cm is not None and self.depth_cm < 0:
			frappe.throw(_("The depth cannot be negative"), frappe.ValidationError)
