"""Checks on what citizens and integrators send: text without markup (photos: smart_core/uploads.py).

Guest web-form inserts skip permission checks, so everything is checked here, before a row is written.

Text is normalised before any rule looks at it (`normalize_text`): Unicode NFC, line ends as "\n", and
every control, format and surrogate character removed (NUL, zero-width spaces and joiners, BOM,
bidirectional overrides such as U+202E) – so a name of only zero-width characters is empty and "required"
catches it. Markup is refused (`clean_text`): any tag opening `<x`, `</`, `<!`, `<?`, closed or not, a
script URL or an event handler; what is stored can therefore never open a tag in a print or a page, and
every template escapes it as well.
"""

import math
import re
import unicodedata

import frappe
from frappe import _

MAX_TEXT = 2000
MAX_NAME = 140
# the opening of a tag (closed or not: "<img src=x onerror=…//" needs no ">"), a script URL or an
# event handler: markup has no place in a complaint
MARKUP = re.compile(
	r"<\s*[a-zA-Z!?/]|(?:java|vb)script\s*:|data\s*:\s*text/html|\bon[a-z]+\s*=\s*['\"`]",
	re.IGNORECASE,
)
# kept from the control characters: tab and line feed (descriptions have lines)
KEPT_CONTROLS = {"\t", "\n"}


class MissingFieldError(frappe.ValidationError):
	pass


class UnsafeTextError(frappe.ValidationError):
	pass


class InvalidInputError(frappe.ValidationError):
	"""A value of the wrong shape: a list or object where text belongs, NaN, not JSON…"""


def normalize_text(value: str) -> str:
	"""NFC, "\n" line ends, no control/format/surrogate characters, trimmed."""
	text = value.replace("\r\n", "\n").replace("\r", "\n")
	text = "".join(
		ch for ch in text if ch in KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
	)
	return unicodedata.normalize("NFC", text).strip()


def as_text(value, label: str) -> str | None:
	"""A scalar sent where text belongs, as text (a number becomes its digits); anything else refused."""
	if value is None or isinstance(value, str):
		return value
	if isinstance(value, bool) or not isinstance(value, int | float):
		frappe.throw(
			_("{0}: must be text").format(label),
			InvalidInputError,
			title=_("Text not accepted"),
		)
	if isinstance(value, float) and not math.isfinite(value):
		frappe.throw(_("{0}: must be text").format(label), InvalidInputError)
	return str(value)


def as_number(value, label: str) -> float | None:
	"""A finite decimal number (coordinates), None when not given; text, lists, NaN or infinity refused."""
	if value is None or value == "":
		return None
	try:
		if isinstance(value, bool) or not isinstance(value, int | float | str):
			raise ValueError
		number = float(value)
	except (TypeError, ValueError):
		number = math.nan
	if not math.isfinite(number):
		frappe.throw(
			_("{0}: must be a decimal number").format(label),
			InvalidInputError,
			title=_("Number not accepted"),
		)
	return number


def require(value, label: str) -> None:
	"""Refuse a missing value; text counts as missing when nothing is left after normalize_text."""
	if value is None or (isinstance(value, str) and not normalize_text(value)):
		frappe.throw(
			_("{0} is required").format(label),
			MissingFieldError,
			title=_("Missing information"),
		)


def clean_text(value, label: str, max_length: int = MAX_TEXT) -> str:
	"""Normalised text (see normalize_text); markup or over-long text is refused (not silently changed)."""
	if value is None:
		return ""
	text = normalize_text(as_text(value, label))
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
