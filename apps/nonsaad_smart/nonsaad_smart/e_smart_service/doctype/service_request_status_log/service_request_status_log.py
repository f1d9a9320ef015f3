from frappe.model.document import Document


class ServiceRequestStatusLog(Document):
	pass
