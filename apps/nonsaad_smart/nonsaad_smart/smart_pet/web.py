"""The citizen side of Smart Pet: what the pages /my-pets and /report-animal send.

Same rules as every citizen form (e_smart_service's report form): one JSON object of fields, every other
field ignored; text normalised (NFC, no control/format/bidi characters), markup refused, lengths capped;
the place required and inside the municipality; the photo checked by content (smart_core.uploads: type,
size, magic bytes, decoded, re-encoded without EXIF/GPS) BEFORE any row is written, stored private.
A refusal is a named error with a Thai message; nothing is written. Rate-limited per client address.
"""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, get_datetime, getdate, now_datetime

from nonsaad_smart.smart_core.contact import normalize_phone
from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.text_input import (
	MAX_NAME,
	InvalidInputError,
	MissingFieldError,
	as_number,
	clean_text,
)
from nonsaad_smart.smart_core.text_input import (
	parse_form_data as parse,
)
from nonsaad_smart.smart_core.uploads import attach, photo_from_data_url
from nonsaad_smart.smart_pet.permissions import citizen_of

MAX_TEXT = 1000
SPECIES = ("Dog", "Cat")
SEXES = ("Male", "Female", "Unknown")


class NotACitizenError(frappe.PermissionError):
	pass


def rate_limit_per_minute() -> int:
	"""Submissions per minute per client address (as the report form; site config may change it)."""
	return frappe.conf.get("nonsaad_web_form_rate_limit") or 10


def text(value, label: str, max_length: int = MAX_TEXT, required: bool = False) -> str:
	"""The shared text check (smart_core.text_input.clean_text) with this page's default length."""
	return clean_text(value, label, max_length, required=required)


def choice(value, allowed: tuple, label: str, default: str | None = None) -> str:
	if value in (None, "") and default:
		return default
	if value not in allowed:
		frappe.throw(_("{0}: choose one of the list").format(label), InvalidInputError)
	return value


def place(values) -> tuple[float, float]:
	"""The GPS point of a report: required, a real point inside the municipality."""
	lat, lng = (
		as_number(values.get("latitude"), _("Latitude")),
		as_number(values.get("longitude"), _("Longitude")),
	)
	if lat is None or lng is None:
		frappe.throw(
			_("Place: share your location or pick the place on the map"),
			MissingFieldError,
			title=_("Missing information"),
		)
	validate_point(lat, lng, _("Place"))
	return lat, lng


def when(value, label: str):
	value = text(value, label, 40, required=True)
	try:
		moment = get_datetime(value.replace("T", " "))
	except Exception:
		moment = None
	if not moment:
		frappe.throw(_("{0}: not a date and time").format(label), InvalidInputError)
	if moment > now_datetime():
		frappe.throw(_("{0} cannot be in the future").format(label), InvalidInputError)
	return moment


def photo(values, required: bool):
	value = values.get("photo")
	if value in (None, ""):
		if required:
			frappe.throw(_("Photo is required"), MissingFieldError, title=_("Missing information"))
		return None
	return photo_from_data_url(value, _("Photo"))


def save_with_photo(doc, upload) -> str:
	doc.insert(ignore_permissions=True)
	if upload:
		url = attach(upload, doc.doctype, doc.name, "photo")
		doc.db_set("photo", url, update_modified=False)
	return doc.name


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=rate_limit_per_minute, seconds=60)
def register_pet(data=None) -> dict:
	"""A logged-in citizen registers their dog or cat (with a photo); answers the new Pet's name."""
	citizen = citizen_of(frappe.session.user)
	if not citizen:
		frappe.throw(
			_("Log in with a citizen account linked to your resident record to register a pet"),
			NotACitizenError,
		)
	values = parse(data)
	birth = text(values.get("birth_date"), _("Birth Date"), 10)
	age = values.get("estimated_age_months")
	if birth:
		try:
			birth = getdate(birth)
		except Exception:
			frappe.throw(_("Birth Date: not a date"), InvalidInputError)
	if age not in (None, ""):
		age = as_number(age, _("Estimated Age (Months)"))
		if age < 0 or age > 360:
			frappe.throw(_("Estimated Age (Months): between 0 and 360"), InvalidInputError)
	doc = frappe.get_doc(
		{
			"doctype": "Pet",
			"species": choice(values.get("species"), SPECIES, _("Species")),
			"pet_name": text(values.get("pet_name"), _("Pet Name"), MAX_NAME, required=True),
			"sex": choice(values.get("sex"), SEXES, _("Sex"), default="Unknown"),
			"colour": text(values.get("colour"), _("Colour and Markings"), MAX_NAME),
			"breed": text(values.get("breed"), _("Breed"), MAX_NAME),
			"birth_date": birth or None,
			"estimated_age_months": cint(age) if age not in (None, "") else None,
			"neutered": 1 if values.get("neutered") in (1, True, "1", "true", "on") else 0,
			"microchip": text(values.get("microchip"), _("Microchip Number"), 40) or None,
			"pet_owner": citizen,
			"registered_via": "Web",
		}
	)
	upload = photo(values, required=True)
	return {"name": save_with_photo(doc, upload)}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=rate_limit_per_minute, seconds=60)
def report_stray(data=None) -> dict:
	"""Anyone reports a stray dog or cat with a photo and the place (GPS)."""
	values = parse(data)
	lat, lng = place(values)
	doc = frappe.get_doc(
		{
			"doctype": "Stray Animal",
			"species": choice(values.get("species"), ("Dog", "Cat", "Other"), _("Species"), default="Dog"),
			"description": text(values.get("description"), _("Description"), required=True),
			"place": text(values.get("place"), _("Place"), 200),
			"latitude": lat,
			"longitude": lng,
			"found_at": now_datetime(),
			"reporter_name": text(values.get("reporter_name"), _("Reporter Name"), MAX_NAME),
			"reporter_phone": normalize_phone(
				text(values.get("reporter_phone"), _("Reporter Phone"), 20), _("Reporter Phone")
			),
			"reported_via": "Web",
		}
	)
	upload = photo(values, required=True)
	return {"name": save_with_photo(doc, upload)}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=rate_limit_per_minute, seconds=60)
def report_bite(data=None) -> dict:
	"""Anyone reports a bite: who was bitten (name + phone), when, where (GPS), the animal, a photo."""
	values = parse(data)
	lat, lng = place(values)
	citizen = citizen_of(frappe.session.user) or None
	doc = frappe.get_doc(
		{
			"doctype": "Bite Incident",
			"victim": citizen,
			"victim_name": text(values.get("victim_name"), _("Victim Name"), MAX_NAME, required=True),
			"victim_phone": normalize_phone(
				text(values.get("victim_phone"), _("Victim Phone"), 20, required=True), _("Victim Phone")
			),
			"species": choice(values.get("species"), ("Dog", "Cat", "Other"), _("Species"), default="Dog"),
			"animal_description": text(
				values.get("animal_description"), _("Animal Description"), required=True
			),
			"bitten_at": when(values.get("bitten_at"), _("Bitten At")),
			"reported_at": now_datetime(),
			"place": text(values.get("place"), _("Place"), 200, required=True),
			"latitude": lat,
			"longitude": lng,
			"reported_via": "Web",
		}
	)
	upload = photo(values, required=False)
	return {"name": save_with_photo(doc, upload)}
