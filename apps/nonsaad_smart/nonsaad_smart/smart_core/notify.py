"""Desk notifications (the bell) and their e-mail, one way for every module's reminders and escalations.

Built on Frappe's own `enqueue_create_notification`: it writes one Notification Log per enabled user
who has notifications switched on (in a background job; at once in tests). Frappe never e-mails an
"Alert", so the same subject goes out by e-mail through the queue when the site has an outgoing account.
"""

import frappe
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

NOT_NOTIFIED = ("Administrator", "Guest")


def notify(
	users: list[str], subject: str, doctype: str, name: str, email_content: str | None = None
) -> list[str]:
	"""Notify `users` about document `doctype`/`name`; returns who was addressed (sorted, each once)."""
	users = sorted({u for u in users if u and u not in NOT_NOTIFIED})
	if not users:
		return []
	enqueue_create_notification(
		users,
		{
			"type": "Alert",
			"document_type": doctype,
			"document_name": name,
			"subject": subject,
			"email_content": email_content,
		},
	)
	send_email(users, subject, email_content or subject, doctype, name)
	return users


def send_email(users: list[str], subject: str, message: str, doctype: str, name: str) -> None:
	emails = frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="email")
	emails = [e for e in emails if e]
	if emails and frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		frappe.sendmail(
			recipients=emails,
			subject=subject,
			message=message,
			reference_doctype=doctype,
			reference_name=name,
			delayed=True,
		)
