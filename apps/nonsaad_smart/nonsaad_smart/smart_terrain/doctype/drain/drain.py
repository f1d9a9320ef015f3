"""Drain (รางระบายน้ำ): a line on the map; length and ends computed."""

from frappe import _
from frappe.model.document import Document

from nonsaad_smart.smart_terrain.geometry import apply_line


class Drain(Document):
	def validate(self):
		apply_line(self, _("Drain {0}").format(self.drain_name or ""))
