from frappe.model.document import Document


class ConditionSurveyPhoto(Document):
	pass
