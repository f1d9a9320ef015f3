"""Daily jobs of Smart Pet (hooks scheduler_events daily).

- `send_booster_reminders`: the owner of a living pet whose yearly vaccination falls due in the next
  14 days gets a notification and an e-mail (smart_core.notify), once per due date (`reminder_sent_for`).
- `send_observation_alerts`: a bite incident under observation with a day without an observation note
  (from the day after the bite to yesterday) alerts the Public Health Officers, once a day per incident.
"""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from nonsaad_smart.smart_core.notify import notify
from nonsaad_smart.smart_core.roles import users_with_role
from nonsaad_smart.smart_core.thai_date import format_be_date
from nonsaad_smart.smart_pet.workflows import OPEN_STATES

REMINDER_DAYS = 14
OFFICER = "Public Health Officer"


def send_booster_reminders(on_date=None) -> int:
	"""Remind owners of boosters due within REMINDER_DAYS; returns the number of pets reminded."""
	on_date = getdate(on_date or today())
	pets = frappe.get_all(
		"Pet",
		filters=[
			["status", "=", "Alive"],
			["pet_owner", "is", "set"],
			["next_due", "between", [on_date, add_days(on_date, REMINDER_DAYS)]],
		],
		fields=["name", "pet_name", "pet_owner", "next_due", "reminder_sent_for"],
	)
	sent = 0
	for pet in pets:
		if pet.reminder_sent_for and getdate(pet.reminder_sent_for) == getdate(pet.next_due):
			continue
		user = frappe.db.get_value("Citizen", pet.pet_owner, "user")
		if user:
			subject = _("The rabies vaccination of {0} is due on {1}").format(
				pet.pet_name, format_be_date(pet.next_due, "medium")
			)
			body = _(
				"Please bring {0} to the municipality's vaccination point or a campaign in your village before {1}."
			).format(pet.pet_name, format_be_date(pet.next_due, "medium"))
			notify([user], subject, "Pet", pet.name, email_content=body)
			sent += 1
		frappe.db.set_value("Pet", pet.name, "reminder_sent_for", pet.next_due, update_modified=False)
	return sent


def send_observation_alerts(on_date=None) -> int:
	"""Alert the officers of missed observation days; returns the number of incidents alerted."""
	on_date = getdate(on_date or today())
	names = frappe.get_all(
		"Bite Incident",
		filters=[
			["workflow_state", "in", OPEN_STATES],
			["observation_until", ">=", add_days(on_date, -1)],
		],
		pluck="name",
	)
	officers = users_with_role(OFFICER)
	alerted = 0
	for name in names:
		doc = frappe.get_doc("Bite Incident", name)
		if doc.last_alert_on and getdate(doc.last_alert_on) >= on_date:
			continue
		missing = doc.missed_days(on_date)
		if not missing:
			continue
		subject = _("Bite {0}: no observation of the animal on {1}").format(
			doc.name, ", ".join(format_be_date(d, "medium") for d in missing)
		)
		notify(officers, subject, "Bite Incident", doc.name)
		doc.db_set("last_alert_on", on_date, update_modified=False)
		alerted += 1
	return alerted
