"""Thai national ID (เลขประจำตัวประชาชน): 13 digits, the last one a check digit.

Accepted input: the 13 digits, optionally grouped with spaces or dashes as printed on the card
(1-2345-67890-12-3). Anything else (letters, 12 or 14 digits, a wrong check digit) is rejected.
"""

import re

import frappe
from frappe import _
from stdnum.th import pin

_SEPARATORS = re.compile(r"[\s-]")


class InvalidNationalIDError(frappe.ValidationError):
	pass


def check_digit(first12: str) -> int:
	"""Check digit of the first 12 digits: (11 - Σ d[i]·(13-i) mod 11) mod 10."""
	total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
	return (11 - total % 11) % 10


def normalize_national_id(value: str | None) -> str:
	"""Return the 13 bare digits, or raise InvalidNationalIDError with a Thai/English message."""
	raw = _SEPARATORS.sub("", value or "")
	if not raw.isdigit() or len(raw) != 13:
		frappe.throw(
			_("National ID must be 13 digits: {0}").format(value or ""),
			InvalidNationalIDError,
			title=_("Invalid National ID"),
		)
	if raw[0] in "0" or not pin.is_valid(raw) or int(raw[12]) != check_digit(raw[:12]):
		frappe.throw(
			_("National ID {0} is not valid: the check digit does not match").format(value),
			InvalidNationalIDError,
			title=_("Invalid National ID"),
		)
	return raw


def is_valid_national_id(value: str | None) -> bool:
	try:
		normalize_national_id(value)
	except InvalidNationalIDError:
		return False
	return True


def format_national_id(value: str) -> str:
	"""1234567890123 -> 1-2345-67890-12-3 (as printed on the card)."""
	v = value or ""
	if len(v) != 13:
		return v
	return f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}"


def mask_national_id(value: str | None) -> str:
	"""Keep the last three digits only: x-xxxx-xxxxx-12-3."""
	v = _SEPARATORS.sub("", value or "")
	if len(v) != 13:
		return "x-xxxx-xxxxx-xx-x" if v else ""
	return f"x-xxxx-xxxxx-{v[10:12]}-{v[12]}"


def make_national_id(first12: str) -> str:
	"""A valid ID from 12 leading digits (for demo data and tests)."""
	if len(first12) != 12 or not first12.isdigit():
		raise ValueError("need 12 digits")
	return first12 + str(check_digit(first12))
