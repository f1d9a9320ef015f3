from frappe.model.document import Document


class ServiceTypeDocument(Document):
	pass
