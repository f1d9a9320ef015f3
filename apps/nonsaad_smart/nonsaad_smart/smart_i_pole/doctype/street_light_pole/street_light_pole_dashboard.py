import frappe
from frappe import _


def get_data():
	transactions = [{"label": _("Repairs"), "items": ["Pole Repair"]}]
	data = {
		"fieldname": "pole",
		"transactions": transactions,
	}
	if frappe.db.exists("DocType", "Service Request"):
		transactions.append({"label": _("Citizen Reports"), "items": ["Service Request"]})
		data["non_standard_fieldnames"] = {"Service Request": "asset_name"}
		data["dynamic_links"] = {"asset_name": ["Street Light Pole", "asset_doctype"]}
	return data
