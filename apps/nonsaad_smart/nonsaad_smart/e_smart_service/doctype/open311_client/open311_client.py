"""Open311 Client: an integrator with its own API key for POST requests (GeoReport v2).

The key is kept encrypted (Password field) and as a SHA-256 hash, which is what a request is matched
against; it is shown once, right after it was generated.
"""

import hashlib
import secrets

import frappe
from frappe import _
from frappe.model.document import Document


class Open311Client(Document):
	def validate(self):
		key = self.api_key
		if self.is_new() and not key:
			key = secrets.token_urlsafe(24)
			self.api_key = key
			frappe.msgprint(
				_("API key of {0}: {1} — copy it now, it is not shown again").format(self.client_name, key),
				title=_("Open311 API key"),
			)
		if key and not set(key) <= {"*"}:
			if len(key) < 20:
				frappe.throw(_("An API key needs at least 20 characters"))
			self.api_key_hash = hash_key(key)
			self.key_hint = key[-4:]


def hash_key(key: str) -> str:
	return hashlib.sha256(key.encode()).hexdigest()


def client_for_key(key: str | None) -> str | None:
	"""The enabled client owning this key, else None."""
	if not key or len(key) > 200:
		return None
	return frappe.db.get_value("Open311 Client", {"api_key_hash": hash_key(key), "enabled": 1}, "name")
