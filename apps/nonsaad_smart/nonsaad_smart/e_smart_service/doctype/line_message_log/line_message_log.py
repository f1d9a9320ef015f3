"""LINE Message Log: one outbound LINE message, its attempts and last error (line/outbound.py)."""

from frappe.model.document import Document


class LINEMessageLog(Document):
	pass
