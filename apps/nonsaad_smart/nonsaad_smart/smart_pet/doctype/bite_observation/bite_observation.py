from frappe.model.document import Document


class BiteObservation(Document):
	pass
