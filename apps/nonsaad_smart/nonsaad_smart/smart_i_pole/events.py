"""What Smart I Pole does when other modules' documents change (wired in hooks.py `doc_events`)."""

import frappe
from frappe import _

POLE_DOCTYPE = "Street Light Pole"


def on_service_request_update(doc, method=None):
	"""A citizen's report about a pole is accepted: the pole is Faulty from the time it was reported."""
	if doc.get("asset_doctype") != POLE_DOCTYPE or not doc.get("asset_name"):
		return
	if doc.get("workflow_state") != "Accepted" or not doc.has_value_changed("workflow_state"):
		return
	if frappe.db.get_value(POLE_DOCTYPE, doc.asset_name, "status") != "Working":
		return
	from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import set_pole_status

	set_pole_status(
		doc.asset_name,
		"Faulty",
		_("Reported in {0} (มีผู้แจ้งไฟฟ้าส่องสว่างชำรุด)").format(doc.name),
		since=doc.get("submitted_on") or doc.get("creation"),
	)
