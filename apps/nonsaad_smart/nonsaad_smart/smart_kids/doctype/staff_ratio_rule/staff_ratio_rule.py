"""Staff Ratio Rule: the most children per caregiver in an age group (kept as data with its source)."""

import frappe
from frappe import _
from frappe.model.document import Document


class StaffRatioRule(Document):
	def validate(self):
		if int(self.max_children_per_caregiver or 0) < 1:
			frappe.throw(_("Children per caregiver must be at least 1"))

	def on_update(self):
		from nonsaad_smart.smart_kids.ratio import refresh_all_centres

		refresh_all_centres()
