"""The crew's buttons and the corrections of the time chain (whitelisted; each checks its own rights).

- `stamp(incident, step)`: the next step only, at the server's time, one tap. The crew of the incident (its
  crew rows' users) and the dispatchers may press; anyone else gets `NotYourIncidentError`. The incident
  row is locked, so a double tap records once and the second tap is refused as out of order.
- `correct_time(incident, step, new_time, reason)`: only `CORRECTION_ROLES`; the new time stays between its
  neighbours and not in the future; a row in the incident's Time Corrections (who, when, old, new, why)
  and the Version log keep the trail.
- `stand_down(incident, reason)`: a dispatcher cancels; the ambulance and crew are released.
"""

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

from nonsaad_smart.smart_ems.chain import (
	ACTIVE_STATUSES,
	AMBULANCE_STATUS,
	AWAITING_DISPATCH,
	INCIDENT_STATUS,
	STEP_LABELS,
	STEPS,
	TimeChainOrderError,
	chain_of,
	chain_state,
	next_step,
)
from nonsaad_smart.smart_ems.dispatch import (
	DISPATCH_ROLES,
	lock_incident,
	release,
	retry_on_deadlock,
	set_ambulance_status,
)

CORRECTION_ROLES = ("EMS Dispatcher", "Municipal Admin", "System Manager")


class NotYourIncidentError(frappe.PermissionError):
	pass


class CorrectionNotAllowedError(frappe.PermissionError):
	pass


class InvalidCorrectionError(frappe.ValidationError):
	pass


def is_dispatcher(user: str | None = None) -> bool:
	return bool(set(DISPATCH_ROLES) & set(frappe.get_roles(user)))


def ensure_may_stamp(doc) -> None:
	user = frappe.session.user
	if is_dispatcher(user):
		return
	if user in {row.user for row in doc.crew if row.user}:
		return
	frappe.throw(
		_("Only the crew of incident {0} may record its times").format(doc.name), NotYourIncidentError
	)


@frappe.whitelist(methods=["POST"])
def stamp(incident: str, step: str, no_transport: int = 0) -> dict:
	return retry_on_deadlock(_stamp, incident, step, no_transport)


def _stamp(incident: str, step: str, no_transport: int = 0) -> dict:
	doc = lock_incident(incident)
	ensure_may_stamp(doc)
	expected = next_step(doc)
	if cint(no_transport) and step == "back_in_service" and expected == "at_hospital":
		doc.no_transport = 1
		expected = next_step(doc)
	if step not in STEP_LABELS or step != expected or step in ("call_received", "dispatched"):
		frappe.throw(
			_("The next step of {0} is {1}, not {2}").format(
				doc.name, _(STEP_LABELS.get(expected, "none")), _(STEP_LABELS.get(step, str(step)))
			),
			TimeChainOrderError,
			title=_("Out of order"),
		)
	doc.set(step, now_datetime())
	doc.status = INCIDENT_STATUS[step]
	if step == "back_in_service" and not doc.outcome:
		doc.outcome = "Treated at Scene" if doc.no_transport else "Transported"
	doc.flags.time_chain_update = True
	doc.save(ignore_permissions=True)
	if step == "back_in_service":
		release(doc.name, doc.ambulance)
	elif doc.ambulance:
		set_ambulance_status(doc.ambulance, doc.name, AMBULANCE_STATUS[step])
	return chain_state(doc)


@frappe.whitelist()
def incident_chain(incident: str) -> dict:
	doc = frappe.get_doc("EMS Incident", incident)
	doc.check_permission("read")
	state = chain_state(doc)
	state["may_stamp"] = is_dispatcher() or frappe.session.user in {r.user for r in doc.crew if r.user}
	return state


@frappe.whitelist(methods=["POST"])
def correct_time(incident: str, step: str, new_time: str, reason: str) -> dict:
	return retry_on_deadlock(_correct_time, incident, step, new_time, reason)


def _correct_time(incident: str, step: str, new_time: str, reason: str) -> dict:
	if not set(CORRECTION_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only an EMS Dispatcher may correct a time stamp"), CorrectionNotAllowedError)
	reason = (reason or "").strip()
	if len(reason) < 5:
		frappe.throw(_("Give the reason for the correction"), InvalidCorrectionError)
	doc = lock_incident(incident)
	chain = chain_of(doc)
	if step not in chain or not doc.get(step):
		frappe.throw(
			_("{0} has not been recorded yet").format(_(STEP_LABELS.get(step, str(step)))),
			InvalidCorrectionError,
		)
	try:
		value = get_datetime(new_time)
	except Exception:
		value = None
	if not value:
		frappe.throw(_("Give the corrected time"), InvalidCorrectionError)
	if value > now_datetime():
		frappe.throw(_("A time stamp cannot be in the future"), TimeChainOrderError)
	index = chain.index(step)
	before = [s for s in chain[:index] if doc.get(s)]
	after = [s for s in chain[index + 1 :] if doc.get(s)]
	if before and value < get_datetime(doc.get(before[-1])):
		frappe.throw(
			_("{0} cannot be earlier than {1}").format(_(STEP_LABELS[step]), _(STEP_LABELS[before[-1]])),
			TimeChainOrderError,
		)
	if after and value > get_datetime(doc.get(after[0])):
		frappe.throw(
			_("{0} cannot be later than {1}").format(_(STEP_LABELS[step]), _(STEP_LABELS[after[0]])),
			TimeChainOrderError,
		)
	doc.append(
		"corrections",
		{
			"step": STEP_LABELS[step],
			"old_time": doc.get(step),
			"new_time": value,
			"reason": reason,
			"corrected_by": frappe.session.user,
			"corrected_on": now_datetime(),
		},
	)
	doc.set(step, value)
	doc.flags.time_chain_update = True
	doc.save(ignore_permissions=True, ignore_version=False)  # the Version log always keeps a correction
	return chain_state(doc)


@frappe.whitelist(methods=["POST"])
def stand_down(incident: str, reason: str | None = None) -> dict:
	return retry_on_deadlock(_stand_down, incident, reason)


def _stand_down(incident: str, reason: str | None = None) -> dict:
	if not is_dispatcher():
		frappe.throw(_("Only an EMS Dispatcher may stand an ambulance down"), frappe.PermissionError)
	doc = lock_incident(incident)
	if doc.status not in (AWAITING_DISPATCH, *ACTIVE_STATUSES):
		frappe.throw(_("Incident {0} is already {1}").format(doc.name, _(doc.status)), TimeChainOrderError)
	if doc.dispatched and not doc.back_in_service:
		doc.back_in_service = max(now_datetime(), *(get_datetime(doc.get(s)) for s in STEPS if doc.get(s)))
	doc.status = "Cancelled"
	doc.outcome = "Cancelled"
	if reason:
		doc.handover_notes = "\n".join(filter(None, [doc.handover_notes, reason]))
	doc.flags.time_chain_update = True
	doc.save(ignore_permissions=True)
	release(doc.name, doc.ambulance)
	return chain_state(doc)
