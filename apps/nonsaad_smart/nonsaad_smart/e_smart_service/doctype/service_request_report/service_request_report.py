from frappe.model.document import Document

from nonsaad_smart.smart_core.escaping import EscapedTextMixin


class ServiceRequestReport(EscapedTextMixin, Document):
	"""One more report of the same problem (name, phone, note typed by a citizen: printed escaped)."""
