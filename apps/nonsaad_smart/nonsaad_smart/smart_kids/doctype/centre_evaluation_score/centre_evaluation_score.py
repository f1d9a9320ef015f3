"""Child table row: see the parent DocType."""

from frappe.model.document import Document


class CentreEvaluationScore(Document):
	pass
