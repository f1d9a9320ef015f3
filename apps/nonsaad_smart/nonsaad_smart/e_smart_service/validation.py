"""Checks on what citizens and integrators send: text without markup (photos: smart_core/uploads.py).

Guest web-form inserts skip permission checks, so everything is checked here, before a row is written.
"""

import re

import frappe
from frappe import _

MAX_TEXT = 2000
MAX_NAME = 140
# a tag, an event handler or a script URL: markup has no place in a complaint
MARKUP = re.compile(
	r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*script|javascript\s*:|\bon[a-z]+\s*=\s*['\"]", re.IGNORECASE
)


class MissingFieldError(frappe.ValidationError):
	pass


class UnsafeTextError(frappe.ValidationError):
	pass


def require(value, label: str) -> None:
	if value is None or (isinstance(value, str) and not value.strip()):
		frappe.throw(
			_("{0} is required").format(label),
			MissingFieldError,
			title=_("Missing information"),
		)


def clean_text(value, label: str, max_length: int = MAX_TEXT) -> str:
	"""Trimmed text; markup or over-long text is refused (not silently changed)."""
	if value is None:
		return ""
	text = str(value).strip()
	if MARKUP.search(text):
		frappe.throw(
			_("{0}: HTML or script is not allowed").format(label),
			UnsafeTextError,
			title=_("Text not accepted"),
		)
	if len(text) > max_length:
		frappe.throw(
			_("{0}: at most {1} characters").format(label, max_length),
			UnsafeTextError,
			title=_("Text not accepted"),
		)
	return text
