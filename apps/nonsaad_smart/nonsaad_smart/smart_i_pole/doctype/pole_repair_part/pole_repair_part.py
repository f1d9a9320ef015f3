from frappe.model.document import Document


class PoleRepairPart(Document):
	pass
