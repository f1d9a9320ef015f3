"""One counter per series: the app's DocTypes name with dotted naming-series expressions (`PET-.#####`,
`PRP-.BEFY.-.#####`, `APR-.{fiscal_year}.-.#####`), whose counter row in `tabSeries` is keyed by the
evaluated prefix (`PET-`, `PRP-2570-`, `APR-2570-`).

Why not `format:PET-{#####}`: Frappe 15's `format:` autoname evaluates each braced part on its own, so
`{#####}` is `getseries("", 5)` and every DocType named that way shared ONE counter (key ""): a pet took
PET-00007 because six records of other kinds had been numbered before it, and a series with the year in
it never restarted with the year. Auditors expect one unbroken sequence per kind of record (per fiscal
year where the name has the year).

`sync_series_counters(doctype)` sets a DocType's counters to the highest number its names already use
(never lowers one): for sites numbered under the old scheme (patch `own_series_counters`) and for loaders
that write named rows in bulk.
"""

import re
from collections import defaultdict

import frappe
from pypika.terms import Function, Values

# the parts frappe.model.naming.parse_naming_series evaluates itself (everything else not braced, not a
# field and not a hook variable is literal text)
_FRAMEWORK_VARIABLES = {"YY", "MM", "DD", "YYYY", "WW", "timestamp"}


def is_dotted_series(autoname: str | None) -> bool:
	"""A naming-series expression (`PET-.#####`), as opposed to field:/format:/naming_series:/hash/prompt."""
	autoname = autoname or ""
	return "#" in autoname and ":" not in autoname


def series_pattern(series: str, doctype: str | None = None) -> re.Pattern:
	"""A regular expression matching the names `series` gives; group "number" is the counter's number and
	everything before it the counter's key (the prefix). `PRP-.BEFY.-.#####` → ^PRP\\-(.+?)\\-(?P<number>\\d{5,})$"""
	variables = set(_FRAMEWORK_VARIABLES) | set(frappe.get_hooks("naming_series_variables") or {})
	fields = {df.fieldname for df in frappe.get_meta(doctype).fields} if doctype else set()
	regex, numbered = "", False
	for part in series.split("."):
		if not part:
			continue
		if part.startswith("#"):
			if not numbered:  # as in parse_naming_series: only the first run of #s is a number
				regex += rf"(?P<number>\d{{{len(part)},}})"
				numbered = True
		elif part.startswith("{") or part in variables or part in fields:
			regex += "(.+?)"
		else:
			regex += re.escape(part)
	return re.compile(f"^{regex}$")


def highest_numbers(doctype: str, series: str) -> dict[str, int]:
	"""{counter key: highest number used} over the DocType's existing names that `series` could give."""
	pattern = series_pattern(series, doctype)
	highest: dict[str, int] = defaultdict(int)
	for name in frappe.get_all(doctype, pluck="name", order_by=None):
		match = pattern.match(name)
		if match:
			prefix = name[: match.start("number")]
			highest[prefix] = max(highest[prefix], int(match.group("number")))
	return dict(highest)


def raise_counter(prefix: str, current: int) -> None:
	"""The counter `prefix` is at least `current` (created when missing, never lowered)."""
	series = frappe.qb.DocType("Series")
	(
		frappe.qb.into(series)
		.columns(series.name, series.current)
		.insert(prefix, current)
		.on_duplicate_key_update(series.current, Function("GREATEST", series.current, Values(series.current)))
	).run()


def sync_series_counters(doctype: str) -> dict[str, int]:
	"""Raise each counter of the DocType's series to the highest number its names use; returns them."""
	autoname = frappe.get_meta(doctype).autoname
	if not is_dotted_series(autoname):
		return {}
	highest = highest_numbers(doctype, autoname)
	for prefix, number in highest.items():
		raise_counter(prefix, number)
	return highest
