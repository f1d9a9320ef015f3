"""LINE Settings: the Messaging API channel of the municipality's Official Account (see docs/line.md)."""

from urllib.parse import urlparse

import frappe
from frappe import _
from frappe.model.document import Document


class InvalidEndpointError(frappe.ValidationError):
	pass


class LINESettings(Document):
	def validate(self):
		for field in ("api_base_url", "content_base_url"):
			url = (self.get(field) or "").strip().rstrip("/")
			parts = urlparse(url)
			if url and (parts.scheme not in ("http", "https") or not parts.netloc or parts.query):
				frappe.throw(
					_("{0}: give an address like https://api.line.me").format(_(self.meta.get_label(field))),
					InvalidEndpointError,
				)
			self.set(field, url or None)
		if self.replay_window_seconds is not None and self.replay_window_seconds < 0:
			self.replay_window_seconds = 0
