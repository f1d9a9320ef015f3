"""ECD Standard Indicator: a sub-standard of the national early-childhood centre standard (2019)."""

from frappe.model.document import Document


class ECDStandardIndicator(Document):
	pass
