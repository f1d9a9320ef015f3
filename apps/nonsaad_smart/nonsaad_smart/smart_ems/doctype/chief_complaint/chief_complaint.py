"""Chief Complaint: the groups of the national criteria-based dispatch (CBD) codes, kept as data (seeded
create-only by `smart_ems.setup`); the dispatcher picks one on every incident."""

from frappe.model.document import Document


class ChiefComplaint(Document):
	def validate(self):
		self.code = (self.code or "").strip()
