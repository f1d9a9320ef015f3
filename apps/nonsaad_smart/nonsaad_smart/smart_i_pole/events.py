"""What Smart I Pole does when a citizen's request about a pole changes: the callbacks of its asset
register (hooks `nonsaad_asset_registers`), dispatched by E-Smart Service (`e_smart_service/assets.py`).
Decides on the event's flags (`accepted`, `settled`), never on Service Request state names."""

import frappe
from frappe import _

POLE_DOCTYPE = "Street Light Pole"


def on_request_update(event) -> None:
	"""Keep the pole's status in step with citizens' reports about it.

	Accepted → the pole is Faulty from the time it was reported. Settled (resolved, e.g. the PEA fixed it,
	or rejected: nothing wrong) while the pole is still Faulty, with no repair in progress and no other
	open report → the pole is Working again.
	"""
	from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import set_pole_status

	status = frappe.db.get_value(POLE_DOCTYPE, event.asset_name, "status")
	if event.accepted and status == "Working":
		set_pole_status(
			event.asset_name,
			"Faulty",
			_("Reported in {0}").format(event.request),
			since=event.submitted_on,
		)
	elif event.settled and status == "Faulty" and not pole_has_open_work(event.asset_name):
		set_pole_status(
			event.asset_name,
			"Working",
			_("{0} {1}: no open report or repair left").format(event.request, _(event.state)),
		)


def pole_has_open_work(pole: str) -> bool:
	if frappe.get_all("Pole Repair", filters={"pole": pole, "docstatus": 0}, limit=1):
		return True
	from nonsaad_smart.e_smart_service.api import open_request_for_asset

	return bool(open_request_for_asset(POLE_DOCTYPE, pole))
