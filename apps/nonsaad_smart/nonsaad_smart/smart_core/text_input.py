"""The one check of text that citizens, guests and integrators send (photos: smart_core/uploads.py).

Used by every citizen form (E-Smart Service's report form, Open311, Smart Pet's pages) and by the
app's guard on every other web form (`e_smart_service/web.py`): guest inserts skip permission checks,
so everything is checked here, before a row is written.

Text is normalised before any rule looks at it (`normalize_text`): Unicode NFC, line ends as "\n", and
every control, format and surrogate character removed (NUL, zero-width spaces and joiners, BOM,
bidirectional overrides such as U+202E, lone surrogates) – so a name of only zero-width characters is
empty and `require` catches it. Markup is refused (`clean_text`): any tag opening `<x`, `</`, `<!`, `<?`,
closed or not, a script URL or an event handler; what is stored can therefore never open a tag in a
print or a page, and every template escapes it as well.

`refuse_lone_surrogates` (a `before_request` hook) answers a clear 4xx to a request whose arguments
carry a lone surrogate (a JSON "\\ud800" or raw invalid UTF-8): such text cannot be stored in
utf8mb4 and used to end in a UnicodeEncodeError 500 wherever it reached the database.
"""

import importlib
import inspect
import json
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
SURROGATE = re.compile("[\ud800-\udfff]")


class MissingFieldError(frappe.ValidationError):
	pass


class UnsafeTextError(frappe.ValidationError):
	pass


class InvalidInputError(frappe.ValidationError):
	"""A value of the wrong shape: a list or object where text belongs, NaN, not JSON…"""


class UnknownDocTypeError(frappe.DoesNotExistError):
	"""A document type sent by a client that the site does not have."""


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


def clean_text(value, label: str, max_length: int = MAX_TEXT, required: bool = False) -> str:
	"""Normalised text (see normalize_text); markup or over-long text is refused (not silently changed).

	With `required`, text that is empty after normalising is refused as missing."""
	if required:
		require(value, label)
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


def parse_form_data(data) -> frappe._dict:
	"""A form's values: a JSON object (as text, or already parsed); anything else is a clear 4xx."""
	if isinstance(data, str):
		try:
			data = json.loads(data)
		except ValueError:
			data = None
	if not isinstance(data, dict):
		frappe.throw(
			_("The form data must be a JSON object of fields"),
			InvalidInputError,
			title=_("Form not accepted"),
		)
	return frappe._dict(data)


def json_object(value, label: str) -> dict:
	"""A JSON object (as text, or already parsed); anything else a 417 naming the argument."""
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			value = None
	if not isinstance(value, dict):
		frappe.throw(_("{0}: must be a JSON object").format(label), InvalidInputError)
	return value


def known_doctype(value) -> str:
	"""A document type named by a client: one the site has, else a 404 with a message (Frappe's own code
	answered a junk name with an ImportError, KeyError or AttributeError 500: issue 18's fuzzer)."""
	if (
		not isinstance(value, str)
		or not value.strip()
		or len(value) > 140
		or not frappe.db.exists("DocType", value)
	):
		frappe.throw(_("There is no document type of this name"), UnknownDocTypeError)
	return value


def check_doctype_argument(value) -> None:
	"""A method's `doctype` argument: a DocType name, or (download_multi_pdf) a JSON object keyed by them."""
	if isinstance(value, str) and value.lstrip().startswith("{"):
		for doctype in json_object(value, "doctype") or [None]:  # an empty object names none
			known_doctype(doctype)
	else:
		known_doctype(value)


def has_lone_surrogate(value, depth: int = 0) -> bool:
	"""A lone surrogate anywhere in a value (text, or the lists and objects of parsed JSON)."""
	if isinstance(value, str):
		return bool(SURROGATE.search(value))
	if depth > 20:
		return False
	if isinstance(value, dict):
		return any(
			has_lone_surrogate(k, depth + 1) or has_lone_surrogate(v, depth + 1) for k, v in value.items()
		)
	if isinstance(value, list | tuple):
		return any(has_lone_surrogate(v, depth + 1) for v in value)
	return False


def refuse_lone_surrogates():
	"""before_request: a request argument with a lone surrogate is refused with a Thai 4xx.

	Arguments come from the query string, the form body or a JSON body (frappe.form_dict); a JSON text
	sent as an argument (a web form's `data`) is read as well, as `"\\ud800"` there becomes a lone
	surrogate only when parsed. Raw invalid UTF-8 (ED A0 80) reaches Python as U+FFFD, which is stored
	harmlessly and removed by normalize_text where text is checked."""
	form = getattr(frappe.local, "form_dict", None) or {}
	for key, value in form.items():
		if has_lone_surrogate(key) or has_lone_surrogate(value):
			refuse()
		if isinstance(value, str) and "\\u" in value and value[:1] in '[{"':
			try:
				parsed = json.loads(value)
			except ValueError:
				continue
			if has_lone_surrogate(parsed):
				refuse()


def refuse():
	from nonsaad_smart.smart_core.translation import guest_language

	guest_language()  # this hook runs before the language hook: a guest reads the refusal in Thai
	frappe.throw(
		_("The text contains characters that cannot be stored (a broken Unicode character)"),
		InvalidInputError,
		title=_("Text not accepted"),
	)


def refuse_missing_arguments():
	"""before_request: a whitelisted method called without one of its required arguments is refused with a
	Thai 417 naming them (Frappe called it anyway and answered a TypeError 500: issue 18's fuzzer found
	it in ≈ 50 methods a website user may call). Only for methods the caller may call at all: a guest
	calling a method not open to guests still gets Frappe's 403 (no argument names are told)."""
	request = getattr(frappe.local, "request", None)
	path = request.path if request else ""
	form = getattr(frappe.local, "form_dict", None) or {}
	if isinstance(form.get("cmd"), str) and form["cmd"]:
		called = form["cmd"]  # Frappe's older RPC: a `cmd` argument is run whatever the path
	elif path.startswith("/api/method/"):
		called = path[len("/api/method/") :].split("/")[0]
	else:
		return
	cmd = frappe.override_whitelisted_method(called)
	if "." not in cmd:  # "ping", "login", "run_doc_method": Frappe's own short names
		return
	module_name, _dot, attr = cmd.rpartition(".")
	try:  # not frappe.get_attr: it adds "App … is not installed" to the answer of a wrong name
		method = getattr(importlib.import_module(module_name), attr, None)
	except Exception:
		return
	if method not in frappe.whitelisted:
		return
	if frappe.session.user == "Guest" and method not in frappe.guest_methods:
		return
	try:
		parameters = inspect.signature(inspect.unwrap(method)).parameters.values()
	except (TypeError, ValueError):
		return
	missing = [
		p.name
		for p in parameters
		if p.default is p.empty
		and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
		and p.name not in form  # sent empty is a value (a link search with no text yet)
	]
	refuse_missing(missing)
	# a junk document type ended in Frappe's get_meta/get_controller as a 500 in every method taking one
	# (`doctype`, `reference_doctype`, …; an empty `doctype` too, an empty other one may mean "none")
	for p in parameters:
		if (p.name == "doctype" and p.name in form) or (p.name.endswith("_doctype") and form.get(p.name)):
			check_doctype_argument(form[p.name])
	check_argument_types(method, form)


def check_argument_types(method, form: dict) -> None:
	"""The method's type annotations, as Frappe checks them right after this hook, but refused with a Thai
	417 naming the argument: Frappe's FrappeTypeError carries no message for the caller."""
	from frappe.exceptions import FrappeTypeError
	from frappe.utils.typing_validations import transform_parameter_types

	fn = inspect.unwrap(method)
	try:
		transform_parameter_types(fn, (), frappe.get_newargs(fn, dict(form)))
	except FrappeTypeError as e:
		argument = re.search(r"Argument '(\w+)'", str(e))
		frappe.throw(
			_("{0}: a value of the wrong type").format(argument.group(1) if argument else "?"),
			InvalidInputError,
			title=_("Not accepted"),
		)


def refuse_missing(names: list[str]) -> None:
	"""A Thai 417 naming the arguments not sent (none: nothing happens)."""
	if names:
		frappe.throw(
			_("Missing information: {0}").format(", ".join(names)),
			MissingFieldError,
			title=_("Missing information"),
		)


def require_arguments(**values) -> None:
	"""For a method whose arguments are optional so that it checks the caller's right first (an empty
	call of a user without the right is a 403, not a 417 naming the arguments): then the arguments."""
	refuse_missing([k for k, v in values.items() if v in (None, "")])


def check_request_arguments():
	"""The one before_request hook of this module: lone surrogates, then required arguments."""
	refuse_lone_surrogates()
	refuse_missing_arguments()
