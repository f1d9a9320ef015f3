from frappe.model.document import Document


class SmartAlertRecipient(Document):
	pass
