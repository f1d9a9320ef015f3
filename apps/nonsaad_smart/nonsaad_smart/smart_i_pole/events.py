"""What Smart I Pole does when other modules' documents change (wired in hooks.py `doc_events`)."""

import frappe
from frappe import _

POLE_DOCTYPE = "Street Light Pole"
# a request closed without a Pole Repair: resolved (e.g. the PEA fixed it) or rejected (nothing wrong)
SETTLED_STATES = ("Resolved", "Rejected")


def on_service_request_update(doc, method=None):
	"""Keep the pole's status in step with citizens' reports about it.

	Accepted → the pole is Faulty from the time it was reported. Resolved/Rejected while the pole is
	still Faulty, with no repair in progress and no other open report → the pole is Working again.
	"""
	if doc.get("asset_doctype") != POLE_DOCTYPE or not doc.get("asset_name"):
		return
	state = doc.get("workflow_state")
	if not doc.has_value_changed("workflow_state"):
		return
	from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import set_pole_status

	status = frappe.db.get_value(POLE_DOCTYPE, doc.asset_name, "status")
	if state == "Accepted" and status == "Working":
		set_pole_status(
			doc.asset_name,
			"Faulty",
			_("Reported in {0}").format(doc.name),
			since=doc.get("submitted_on") or doc.get("creation"),
		)
	elif state in SETTLED_STATES and status == "Faulty" and not pole_has_open_work(doc.asset_name):
		set_pole_status(
			doc.asset_name,
			"Working",
			_("{0} {1}: no open report or repair left").format(doc.name, _(state)),
		)


def pole_has_open_work(pole: str) -> bool:
	if frappe.get_all("Pole Repair", filters={"pole": pole, "docstatus": 0}, limit=1):
		return True
	from nonsaad_smart.e_smart_service.api import open_request_for_asset

	return bool(open_request_for_asset(POLE_DOCTYPE, pole))
