from frappe.model.document import Document


class ServiceRequestReport(Document):
	pass
