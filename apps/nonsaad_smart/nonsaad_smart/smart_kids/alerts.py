"""Certificate expiry alerts (daily scheduler job): 90, 30 and 7 days before a Staff Certificate expires,
its centre's head and every Education Officer get a notification (Frappe's Notification Log, e-mailed
where the user wants it). Each stage is sent once per certificate (`alert_stage`), so running the job twice
a day sends nothing new; a renewed certificate (new expiry date) starts again."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.utils import add_days, date_diff, getdate, today

from nonsaad_smart.smart_core.roles import users_with_role
from nonsaad_smart.smart_core.thai_date import format_be_date

STAGES = (7, 30, 90)  # days before expiry, most urgent first


def alert_stage(expires_on, on_date) -> int | None:
	"""The alert due for a certificate expiring on `expires_on`, seen on `on_date`: 7, 30, 90 or None."""
	days = date_diff(getdate(expires_on), getdate(on_date))
	if days < 0:
		return None
	for stage in STAGES:
		if days <= stage:
			return stage
	return None


def recipients(centre: str | None) -> list[str]:
	users = set(users_with_role("Education Officer"))
	head = frappe.db.get_value("Child Development Centre", centre, "head_user") if centre else None
	if head:
		users.add(head)
	return sorted(users)


def send_staff_certificate_alerts(on_date=None) -> int:
	"""Send the alerts due on `on_date` (default today); returns how many certificates were alerted."""
	on_date = getdate(on_date or today())
	rows = frappe.get_all(
		"Staff Certificate",
		filters=[["expires_on", "between", [on_date, add_days(on_date, max(STAGES))]]],
		fields=["name", "staff_name", "centre", "kind", "certificate_number", "expires_on", "alert_stage"],
	)
	sent = 0
	for row in rows:
		stage = alert_stage(row.expires_on, on_date)
		if not stage or (row.alert_stage and row.alert_stage <= stage):
			continue
		users = recipients(row.centre)
		if users:
			enqueue_create_notification(
				users,
				{
					"type": "Alert",
					"document_type": "Staff Certificate",
					"document_name": row.name,
					"subject": _("{0} of {1} ({2}) expires on {3}: {4} days left").format(
						_(row.kind),
						row.staff_name,
						row.certificate_number,
						format_be_date(row.expires_on, "long"),
						date_diff(row.expires_on, on_date),
					),
				},
			)
		frappe.db.set_value("Staff Certificate", row.name, "alert_stage", stage, update_modified=False)
		sent += 1
	return sent
