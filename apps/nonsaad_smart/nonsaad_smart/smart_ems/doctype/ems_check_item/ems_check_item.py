"""EMS Check Item: one line of the ambulance's daily check list, kept as data (seeded create-only by
`smart_ems.setup`); a critical item that fails puts the ambulance out of service."""

from frappe.model.document import Document


class EMSCheckItem(Document):
	def validate(self):
		self.item_name = (self.item_name or "").strip()
