from frappe.model.document import Document


class AssetStockCheckSummary(Document):
	pass
