from frappe.model.document import Document


class AssetStockCheckCommitteeMember(Document):
	pass
