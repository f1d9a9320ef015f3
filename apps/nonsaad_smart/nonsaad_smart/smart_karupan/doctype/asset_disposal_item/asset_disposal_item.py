from frappe.model.document import Document


class AssetDisposalItem(Document):
	pass
