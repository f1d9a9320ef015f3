"""The time chain of an EMS incident (the NIEMS/ITEMS and NEMSIS time stamps): call received → dispatched →
left base → at scene → left scene → at hospital → back in service.

Stamps are taken in this order only, with the server's clock; a stamp never lies before the one before it.
"No transport" (treated or refused at scene) skips "at hospital". Intervals are minutes between stamps;
the response interval (call → at scene) is what the national 8-minute target for red cases measures.
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, time_diff_in_seconds

STEPS = (
	"call_received",
	"dispatched",
	"left_base",
	"at_scene",
	"left_scene",
	"at_hospital",
	"back_in_service",
)
STEP_LABELS = {
	"call_received": "Call Received",
	"dispatched": "Dispatched",
	"left_base": "Left Base",
	"at_scene": "At Scene",
	"left_scene": "Left Scene",
	"at_hospital": "At Hospital",
	"back_in_service": "Back in Service",
}
# the steps crew press on the phone screen (the call and the dispatch are the dispatcher's)
BUTTON_STEPS = ("left_base", "at_scene", "left_scene", "at_hospital", "back_in_service")
# incident status after a step
INCIDENT_STATUS = {
	"dispatched": "Dispatched",
	"left_base": "Dispatched",
	"at_scene": "At Scene",
	"left_scene": "Transporting",
	"at_hospital": "At Hospital",
	"back_in_service": "Closed",
}
# ambulance status after a step (back in service: Available, or Out of Service after a failed check)
AMBULANCE_STATUS = {
	"dispatched": "Dispatched",
	"left_base": "Dispatched",
	"at_scene": "At Scene",
	"left_scene": "Transporting",
	"at_hospital": "At Hospital",
}
AWAITING_DISPATCH = "Awaiting Dispatch"
ACTIVE_STATUSES = ("Dispatched", "At Scene", "Transporting", "At Hospital")
RED_TARGET_MINUTES = 8


class TimeChainOrderError(frappe.ValidationError):
	pass


def chain_of(doc) -> tuple[str, ...]:
	"""The steps this incident goes through ("at hospital" left out when there is no transport)."""
	return tuple(s for s in STEPS if not (s == "at_hospital" and doc.get("no_transport")))


def next_step(doc) -> str | None:
	"""The first step not stamped yet, None when the chain is complete (or the incident was cancelled)."""
	if doc.get("status") == "Cancelled":
		return None
	for step in chain_of(doc):
		if not doc.get(step):
			return step
	return None


def check_order(doc) -> None:
	"""Stamps are in order: no stamp after an empty step, none earlier than the one before it."""
	previous, gap = None, None
	for step in chain_of(doc):
		value = doc.get(step)
		if not value:
			gap = gap or step
			continue
		if gap and doc.get("status") != "Cancelled":
			frappe.throw(
				_("{0} cannot be recorded before {1}").format(_(STEP_LABELS[step]), _(STEP_LABELS[gap])),
				TimeChainOrderError,
			)
		if previous and get_datetime(value) < get_datetime(doc.get(previous)):
			frappe.throw(
				_("{0} cannot be earlier than {1}").format(_(STEP_LABELS[step]), _(STEP_LABELS[previous])),
				TimeChainOrderError,
			)
		previous = step


def minutes(start, end) -> float | None:
	if not start or not end:
		return None
	return round(time_diff_in_seconds(end, start) / 60, 1)


def compute_intervals(doc) -> None:
	doc.response_minutes = minutes(doc.call_received, doc.at_scene)
	doc.within_8_minutes = int(
		doc.response_minutes is not None and doc.response_minutes <= RED_TARGET_MINUTES
	)
	doc.dispatch_minutes = minutes(doc.call_received, doc.dispatched)
	doc.travel_minutes = minutes(doc.left_base, doc.at_scene)
	doc.on_scene_minutes = minutes(doc.at_scene, doc.left_scene)
	doc.transport_minutes = minutes(doc.left_scene, doc.at_hospital)
	doc.total_minutes = minutes(doc.call_received, doc.back_in_service)


def chain_state(doc) -> dict:
	"""What the phone screen shows: each step with its time, and the next one."""
	return {
		"incident": doc.name,
		"status": doc.status,
		"triage": doc.triage,
		"next_step": next_step(doc),
		"no_transport": doc.no_transport,
		"steps": [
			{"step": s, "label": _(STEP_LABELS[s]), "time": doc.get(s) and str(doc.get(s))}
			for s in chain_of(doc)
		],
	}
