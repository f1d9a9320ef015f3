import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt


class TerrainSettings(Document):
	def validate(self):
		if (
			flt(self.executive_approval_above) < 0
			or flt(self.snap_distance_m) <= 0
			or (self.import_max_kb or 0) <= 0
		):
			frappe.throw(_("Amounts, distances and limits must be positive"), frappe.ValidationError)


def terrain_setting(field: str, default=None):
	value = frappe.db.get_single_value("Terrain Settings", field)
	return value if value not in (None, "", 0) else default
