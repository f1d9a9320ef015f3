"""Child table of Smart EMS (its rules live in the parent's controller)."""

from frappe.model.document import Document


class EMSTimeCorrection(Document):
	pass
