from frappe.model.document import Document


class RoadSegment(Document):
	pass
