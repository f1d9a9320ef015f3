"""Culvert (ท่อลอด): a point where water passes under a road."""

from frappe import _
from frappe.model.document import Document

from nonsaad_smart.smart_terrain.geometry import apply_point


class Culvert(Document):
	def validate(self):
		apply_point(self, _("Culvert {0}").format(self.culvert_name or ""))
