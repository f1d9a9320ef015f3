from frappe.model.document import Document


class CarePersonCaregiver(Document):
	pass
