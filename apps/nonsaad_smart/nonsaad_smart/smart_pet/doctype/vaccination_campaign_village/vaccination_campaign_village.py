from frappe.model.document import Document


class VaccinationCampaignVillage(Document):
	pass
