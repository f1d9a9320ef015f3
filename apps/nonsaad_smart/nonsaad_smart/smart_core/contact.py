"""Thai phone numbers: 0 + 8 digits (landline) or 0 + 9 digits (mobile); +66 is accepted and rewritten."""

import re

import frappe
from frappe import _


class InvalidPhoneError(frappe.ValidationError):
	pass


def normalize_phone(value: str | None, label: str | None = None) -> str:
	"""Return the phone as 0XXXXXXXXX, or raise InvalidPhoneError. Empty stays empty."""
	if not value:
		return ""
	digits = re.sub(r"[\s\-().]", "", value)
	if digits.startswith("+66"):
		digits = "0" + digits[3:]
	if not re.fullmatch(r"0\d{8,9}", digits):
		frappe.throw(
			_("{0}: {1} is not a Thai phone number, e.g. 0812345678").format(label or _("Phone"), value),
			InvalidPhoneError,
			title=_("Invalid phone number"),
		)
	return digits
