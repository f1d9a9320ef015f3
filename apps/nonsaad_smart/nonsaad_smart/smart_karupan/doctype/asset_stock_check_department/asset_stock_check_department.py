from frappe.model.document import Document


class AssetStockCheckDepartment(Document):
	pass
