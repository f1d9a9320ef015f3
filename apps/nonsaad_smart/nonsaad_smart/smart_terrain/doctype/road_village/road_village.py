from frappe.model.document import Document


class RoadVillage(Document):
	pass
