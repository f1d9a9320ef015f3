from frappe.model.document import Document


class AssetStockCheckLocation(Document):
	pass
