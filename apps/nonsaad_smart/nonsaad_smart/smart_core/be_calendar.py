"""Buddhist-era years wherever the framework formats a date for a Thai reader, and in naming series.

Why here and not in each print format: Frappe formats every Date/Datetime through a handful of
functions (`frappe.utils.data.format_date`, `format_datetime`, `global_date_format`, and the names
`frappe.utils.formatters` imported from them, which `frappe.format_value` / `doc.get_formatted` use).
Standard print formats, web pages, notifications and report exports all go through them, so wrapping
them once makes every server-rendered date BE for a reader whose language is Thai. Dates stay CE in the
database and in every API value; only the text a person reads changes (year + 543). Other languages
get the framework's output unchanged.

The desk does the same in JavaScript (public/js/thai_date.js). `install()` is idempotent and runs
before every request and background job (hooks `before_request`, `before_job`).

Naming series: `.BEYYYY.` / `{BEYYYY}` is the BE calendar year, `.BEYY.` its last two digits and
`.BEFY.` / `{BEFY}` the BE fiscal year (Oct–Sep, as the tracking numbers SR-2570-…), of the document's
own date when it has one, else today (hook `naming_series_variables`).
"""

import datetime
import functools
import re

import frappe
from frappe.utils import getdate, now_datetime

from nonsaad_smart.smart_core.thai_date import BE_OFFSET, fiscal_year

_PATCHED_FLAG = "_nonsaad_be"
# a four-digit CE year as the framework prints it (not part of a longer number)
_CE_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[0-2]\d\d)(?!\d)")


def is_thai_reader() -> bool:
	return (getattr(frappe.local, "lang", None) or "").lower().startswith("th")


def to_be_text(text: str, year: int | None = None) -> str:
	"""Replace the CE year in a formatted date by its BE year: "02-12-2026 10:00" -> "02-12-2569 10:00"."""
	if not text or not isinstance(text, str):
		return text
	if year:
		return text.replace(str(year), str(year + BE_OFFSET), 1)
	return _CE_YEAR.sub(lambda m: str(int(m.group(1)) + BE_OFFSET), text, count=1)


def _year_of(value) -> int | None:
	try:
		if isinstance(value, datetime.datetime | datetime.date):
			return value.year
		return getdate(value).year if value else None
	except Exception:
		return None


def _be_wrapper(original):
	@functools.wraps(original)
	def wrapper(value=None, *args, **kwargs):
		text = original(value, *args, **kwargs)
		if not text or not is_thai_reader():
			return text
		return to_be_text(text, _year_of(value))

	setattr(wrapper, _PATCHED_FLAG, True)
	wrapper.__wrapped__ = original
	return wrapper


# where the framework keeps (or imported) its date formatters
_TARGETS = (
	("frappe.utils.data", ("format_date", "formatdate", "format_datetime", "global_date_format")),
	("frappe.utils", ("format_date", "formatdate", "format_datetime", "global_date_format")),
	("frappe.utils.formatters", ("formatdate", "format_datetime")),
)


def install(*args, **kwargs):
	"""Wrap the framework's date formatters once per process (idempotent)."""
	import importlib

	for module_name, names in _TARGETS:
		module = importlib.import_module(module_name)
		for name in names:
			original = getattr(module, name, None)
			if original is None or getattr(original, _PATCHED_FLAG, False):
				continue
			setattr(module, name, _be_wrapper(original))


# --- naming series -------------------------------------------------------------------------------
# the document's own date decides the year (a repair started on 30 Sep belongs to that fiscal year)
_DATE_FIELDS = ("posting_date", "transaction_date", "start_datetime", "request_date", "order_date")


def _document_date(doc) -> datetime.date:
	for field in _DATE_FIELDS:
		value = doc.get(field) if doc else None
		if value:
			return getdate(value)
	return now_datetime().date()


def naming_variable(doc, variable: str) -> str:
	"""Value of a BE naming-series variable (hook `naming_series_variables`)."""
	on = _document_date(doc)
	if variable == "BEYYYY":
		return str(on.year + BE_OFFSET)
	if variable == "BEYY":
		return f"{(on.year + BE_OFFSET) % 100:02d}"
	if variable == "BEFY":
		return str(fiscal_year(on))
	return variable


# --- ERPNext DocTypes the municipality's users read (hook nonsaad_be_naming_series) ----------------
_CE_TOKENS = ((".YYYY.", ".BEYYYY."), ("{YYYY}", "{BEYYYY}"), (".YY.", ".BEYY."), ("{YY}", "{BEYY}"))


def be_series(series: str) -> str:
	"""ACC-ASS-.YYYY.- -> ACC-ASS-.BEYYYY.-; format:ACC-ASM-{YYYY}-{#####} -> …{BEYYYY}…"""
	for ce, be in _CE_TOKENS:
		series = series.replace(ce, be)
	return series


def setup_be_naming_series():
	"""Property Setters: the framework DocTypes listed in hook `nonsaad_be_naming_series` name in BE."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	for doctype in frappe.get_hooks("nonsaad_be_naming_series") or []:
		if not frappe.db.exists("DocType", doctype):
			continue
		meta = frappe.get_meta(doctype)
		field = meta.get_field("naming_series")
		if field and field.options and be_series(field.options) != field.options:
			make_property_setter(doctype, "naming_series", "options", be_series(field.options), "Text")
			if field.default:
				make_property_setter(doctype, "naming_series", "default", be_series(field.default), "Text")
		autoname = meta.autoname or ""
		if autoname.startswith("format:") and be_series(autoname) != autoname:
			make_property_setter(doctype, None, "autoname", be_series(autoname), "Data", for_doctype=True)
