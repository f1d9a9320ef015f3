"""Thai on the citizen's web pages: the translations a page's JavaScript needs, and both languages in one place.

Why: source strings are English and Thai lives in `translations/th.csv`. The desk loads every translation
at boot, but a web form page only gets the few messages Frappe lists in `WebForm.load_translations`, so
`__()` in a web form's own script (and the framework's "Missing Values Required" dialog) stayed English.
`add_web_form_messages` (hook `update_website_context`) adds the script's own `__()` strings and the
framework's web-form messages to the page's `frappe._messages`.
"""

import json
from functools import cache
from pathlib import Path

import frappe
from frappe import _

# framework strings a citizen reads on a web form that Frappe does not send to the page itself
WEB_FORM_FRAMEWORK_MESSAGES = (
	"Missing Values Required",
	"Following fields have missing values:",
	"Submit",
	"Save",
	"Saving",
	"Submit another response",
	"Not Saved",
	"Saved",
	"Close",
	"Yes",
	"No",
	"Message",
	"Error",
	"Loading...",
	"Attach",
	"Upload",
	"Clear",
	"Set",
	"Retry",
)


def script_messages(script: str) -> list[str]:
	"""The `__("...")` source strings of a page script, found by Frappe's two extractors as it does for a .js
	file (its JavaScript parser misses a `__()` inside some template literals, the regex pass finds it)."""
	from frappe.gettext.extractors.utils import extract_messages_from_code
	from frappe.translate import extract_messages_from_javascript_code

	script = script or ""
	found = [message for _line, message, _context in extract_messages_from_javascript_code(script)]
	found += [message for _line, message, _context in extract_messages_from_code(script)]
	return list(dict.fromkeys(found))


@cache
def script_file_messages(path: str) -> tuple[str, ...]:
	"""The `__()` source strings of a static script of the app (`path` inside the app's package)."""
	return tuple(script_messages((Path(frappe.get_app_path("nonsaad_smart")) / path).read_text()))


def script_translations(path: str) -> dict[str, str]:
	"""Jinja method: the translations of a static script's `__()` strings in the page's language, for a web
	page's `frappe._messages` (web pages do not get the desk's messages)."""
	return {message: _(message) for message in script_file_messages(path)}


def add_web_form_messages(context):
	"""Hook `update_website_context`: complete a web form page's translations (no-op on other pages)."""
	if not context.get("translated_messages"):
		return
	messages = json.loads(context.translated_messages)
	for message in (*WEB_FORM_FRAMEWORK_MESSAGES, *script_messages(context.get("script"))):
		messages.setdefault(message, _(message))
	context.translated_messages = frappe.as_json(messages)


def th_en(message: str) -> str:
	"""Thai first, then the English source in brackets, for the few citizen texts shown in both languages.

	Shows the source once when there is no Thai translation (or the page is not in Thai)."""
	translated = _(message, lang="th")
	return translated if translated == message else f"{translated} ({message})"


def guest_language():
	"""Hook `before_request`: a guest reads the municipality's site in its language (Thai), whatever the
	browser's Accept-Language says. An explicit choice (`?_lang=`, the language-picker cookie) still wins."""
	if frappe.session.user != "Guest" or frappe.form_dict.get("_lang"):
		return
	if frappe.request and frappe.request.cookies.get("preferred_language"):
		return
	frappe.local.lang = frappe.db.get_default("lang") or "th"
