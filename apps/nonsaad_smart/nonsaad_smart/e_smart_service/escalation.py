"""Daily escalation of overdue service requests (scheduler, hooks `scheduler_events["daily"]`).

A request is overdue when it is still open after its due date. Each overdue request is escalated once
per day (escalated_on): a desk notification and an e-mail (smart_core/notify.py) go to the head of the
responsible department (Service Type.department_head), to every enabled user with the Executive role
and to the Smart Settings alert recipients of topic "Overdue Requests" or "All".
"""

import frappe
from frappe import _
from frappe.utils import getdate, today
from frappe.utils.user import get_users_with_role

from nonsaad_smart.e_smart_service.states import OPEN_STATES
from nonsaad_smart.smart_core.notify import notify


def overdue_requests(on_date=None) -> list[dict]:
	day = getdate(on_date or today())
	sr = frappe.qb.DocType("Service Request")
	return (
		frappe.qb.from_(sr)
		.select(sr.name, sr.service_type, sr.service_name, sr.due_date, sr.workflow_state, sr.escalated_on)
		.where(sr.workflow_state.isin(OPEN_STATES) & (sr.due_date < day))
		.orderby(sr.due_date)
		.run(as_dict=True)
	)


def executives() -> list[str]:
	return get_users_with_role("Executive")


def alert_recipients() -> list[str]:
	settings = frappe.get_cached_doc("Smart Settings")
	return [
		r.user
		for r in settings.get("alert_recipients") or []
		if r.topic in ("All", "Overdue Requests") and r.user
	]


def recipients_for(service_type: str) -> list[str]:
	head = frappe.db.get_value("Service Type", service_type, "department_head")
	users = ([head] if head else []) + executives() + alert_recipients()
	return [u for u in dict.fromkeys(users) if u not in ("Administrator", "Guest")]


def escalate_overdue_requests(on_date=None) -> list[str]:
	"""Notify about every open request past its due date (once a day each). Returns the escalated names."""
	day = getdate(on_date or today())
	escalated = []
	for req in overdue_requests(day):
		if req.escalated_on and getdate(req.escalated_on) >= day:
			continue
		late = (day - getdate(req.due_date)).days
		subject = _("Overdue {0} days: {1} {2}").format(late, req.name, req.service_name or "")
		details = _("Status: {0}. Due date: {1}.").format(_(req.workflow_state), req.due_date)
		notify(recipients_for(req.service_type), subject, "Service Request", req.name, details)
		frappe.db.set_value("Service Request", req.name, "escalated_on", day, update_modified=False)
		escalated.append(req.name)
	return escalated
