"""LINE Webhook Event: an event id seen once (replays are refused by its unique name, line/webhook.py)."""

from frappe.model.document import Document


class LINEWebhookEvent(Document):
	pass
