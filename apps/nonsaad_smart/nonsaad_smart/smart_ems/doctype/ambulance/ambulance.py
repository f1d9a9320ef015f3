"""Ambulance: a vehicle of the emergency unit, on the asset register as an ERPNext Asset.

Its status and current incident are written only by the dispatch rule (`smart_ems.dispatch`, under a row
lock) and the vehicle check; saving the form never overwrites them."""

import frappe
from frappe.model.document import Document
from frappe.utils import flt

from nonsaad_smart.smart_core.geo import validate_point

SYSTEM_FIELDS = ("status", "current_incident", "check_failed", "out_of_service_reason")


class Ambulance(Document):
	def validate(self):
		self.plate = (self.plate or "").strip()
		if not self.is_new():
			current = frappe.db.get_value("Ambulance", self.name, SYSTEM_FIELDS, as_dict=True)
			for field in SYSTEM_FIELDS:
				self.set(field, current.get(field))
		if flt(self.latitude) or flt(self.longitude):  # 0/0: no position known yet
			validate_point(self.latitude, self.longitude, self.plate)
		if self.has_value_changed("latitude") or self.has_value_changed("longitude"):
			self.position_updated = frappe.utils.now_datetime()
