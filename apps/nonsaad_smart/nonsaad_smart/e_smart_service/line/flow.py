"""The conversation with one LINE user, kept in the database (LINE Conversation), consent first.

Before the citizen accepts the PDPA notice nothing about them is kept: no conversation row, no photo,
no place (the webhook keeps only the event id, which names nobody). After consent:

    photo (optional) → location (or a pole's QR link /pole/<code>) → service type (quick reply)
    → description (typed, or "skip") → confirm → filed through `e_smart_service.api.submit_report`
    (channel "LINE") → the reply gives the tracking number and the /request-status link.

"report" (a quick reply or the text แจ้งเรื่อง) starts the same steps. A LINE user is linked to a Citizen
only after they confirm their phone with a one-time code, or log in on the website (`link_web`).
`handle(event)` returns the messages to reply; the webhook sends them after the commit.
"""

import base64
import hashlib
import hmac
import re
import secrets
from urllib.parse import parse_qsl, quote, urlencode

import frappe
from frappe import _
from frappe.utils import add_to_date, get_url, now_datetime

from nonsaad_smart.e_smart_service.api import SUBMITTED, state_label, submit_report
from nonsaad_smart.e_smart_service.assets import asset_by_code
from nonsaad_smart.e_smart_service.doctype.service_type.service_type import public_service_types
from nonsaad_smart.e_smart_service.line import messages as m
from nonsaad_smart.e_smart_service.line.client import LineApiError, LineClient
from nonsaad_smart.e_smart_service.validation import clean_text
from nonsaad_smart.smart_core.contact import normalize_phone
from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.uploads import FORMATS, attach, check_image

CONVERSATION = "LINE Conversation"
# QR codes on registered assets open /<prefix>/<code>; the prefix names the register
QR_PAGES = {"pole": "Street Light Pole"}
QR_LINK = re.compile(r"/(" + "|".join(QR_PAGES) + r")/([A-Za-z0-9][A-Za-z0-9._-]{0,39})")
REPORT_WORDS = ("แจ้งเรื่อง", "แจ้งปัญหา", "report")
CANCEL_WORDS = ("ยกเลิก", "cancel")
LINK_WORDS = ("ผูกบัญชี", "link")
CODE_MINUTES = 10
CODE_TRIES = 5
LINK_TOKEN_MINUTES = 30
TYPES_PER_PAGE = 12  # LINE shows at most 13 quick reply buttons: 12 types and "more"


class ReportStepError(frappe.ValidationError):
	pass


def handle(event: dict) -> list[dict]:
	"""The reply messages for one (verified, new) webhook event."""
	source = event.get("source") or {}
	user_id = source.get("userId")
	if (
		source.get("type") != "user"
		or not isinstance(user_id, str)
		or not re.fullmatch(r"U[0-9a-f]{32}", user_id)
	):
		return []  # groups and rooms are not a citizen's conversation
	kind = event.get("type")
	conv = conversation(user_id)
	if kind == "unfollow":
		if conv:
			clear_report(conv)
			conv.following = 0
			conv.save(ignore_permissions=True)
		return []
	postback = dict(parse_qsl(((event.get("postback") or {}).get("data") or "")[:300]))
	if conv is None:
		return before_consent(user_id, kind, postback)
	if kind == "follow":
		conv.following = 1
		conv.save(ignore_permissions=True)
		return [m.welcome()]
	try:
		if kind == "postback":
			return on_postback(conv, postback)
		if kind == "message":
			return on_message(conv, event.get("message") or {})
	except frappe.ValidationError as e:
		frappe.local.message_log = []
		return [m.text(str(e) or _("Something is not right: please try again"))]
	return []


def conversation(user_id: str):
	name = frappe.db.exists(CONVERSATION, user_id)
	return frappe.get_doc(CONVERSATION, name, for_update=True) if name else None


def before_consent(user_id: str, kind: str, postback: dict) -> list[dict]:
	"""Until the notice is accepted: answer with the notice, keep nothing."""
	if kind == "postback" and postback.get("action") == "consent":
		frappe.get_doc(
			{
				"doctype": CONVERSATION,
				"line_user_id": user_id,
				"consent_given_at": now_datetime(),
				"state": "Idle",
				"following": 1,
			}
		).insert(ignore_permissions=True)
		return [m.text(_("Thank you. Your consent was recorded.")), m.welcome()]
	if kind == "postback" and postback.get("action") == "decline":
		return [
			m.text(
				_("Nothing was kept. You can still report on the website: {0}").format(get_url("/report/new"))
			)
		]
	if kind in ("follow", "message", "postback"):
		return [m.consent_notice()]
	return []


# --- events after consent -------------------------------------------------------------------------------
def on_postback(conv, data: dict) -> list[dict]:
	action = data.get("action")
	if action == "consent":
		return [m.welcome()]
	if action == "report":
		return start_report(conv)
	if action == "types":
		return [
			m.service_types(
				types_for(conv),
				page=int(data.get("page") or 0) if str(data.get("page", "0")).isdigit() else 0,
			)
		]
	if action == "type":
		return choose_type(conv, data.get("code") or "")
	if action == "skip" and conv.state == "Describing":
		return ask_confirmation(conv)
	if action == "confirm" and conv.state == "Confirming":
		return file_report(conv)
	if action == "cancel":
		clear_report(conv)
		conv.save(ignore_permissions=True)
		return [m.text(_("The report was cancelled.")), m.welcome()]
	if action == "link_phone":
		conv.state = "Awaiting Phone"
		conv.save(ignore_permissions=True)
		return [m.text(_("Type the phone number registered with the municipality (e.g. 0812345678)."))]
	if action == "link_web":
		return [
			m.text(
				_("Log in on the website and open this link within 30 minutes: {0}").format(link_url(conv))
			)
		]
	return next_prompt(conv)


def on_message(conv, message: dict) -> list[dict]:
	kind = message.get("type")
	if kind == "image":
		return receive_photo(conv, str(message.get("id") or ""))
	if kind == "location":
		return receive_location(conv, message)
	if kind != "text":
		return [m.welcome()]
	text = (message.get("text") or "").strip()[:1000]
	lower = text.lower()
	if lower in CANCEL_WORDS:
		return on_postback(conv, {"action": "cancel"})
	if lower in LINK_WORDS:
		return [m.link_menu(conv.citizen)]
	qr = QR_LINK.search(text)
	if qr:
		return receive_asset(conv, QR_PAGES[qr.group(1)], qr.group(2))
	if lower in REPORT_WORDS:
		return start_report(conv)
	if conv.state == "Describing":
		conv.description = clean_text(text, _("Description"))
		return ask_confirmation(conv)
	if conv.state == "Awaiting Phone":
		return receive_phone(conv, text)
	if conv.state == "Awaiting Code":
		return receive_code(conv, text)
	if conv.state in ("Collecting", "Confirming"):
		return next_prompt(conv)
	return [m.welcome()]


def start_report(conv) -> list[dict]:
	if conv.state not in ("Collecting", "Describing", "Confirming"):
		clear_report(conv)
	conv.state = "Collecting"
	return next_prompt(conv)


def has_place(conv) -> bool:
	return bool(conv.latitude or conv.longitude or conv.asset_name)


def next_prompt(conv) -> list[dict]:
	"""Save the conversation and ask for what the report still lacks."""
	if conv.state not in ("Collecting", "Describing", "Confirming"):
		conv.state = "Collecting"
	answer = []
	if not has_place(conv):
		answer = [m.ask_place(has_photo=bool(conv.photo))]
	elif not conv.service_type:
		answer = [m.service_types(types_for(conv))]
	elif conv.state == "Confirming":
		answer = [m.confirmation(summary(conv))]
	else:
		conv.state = "Describing"
		answer = [m.ask_description()]
	conv.save(ignore_permissions=True)
	return answer


def types_for(conv) -> list[dict]:
	"""Public service types a LINE report may take (only those of the asset's register when it is about
	one; any public type otherwise, an asset is never required)."""
	types = public_service_types()
	return [t for t in types if t.asset_doctype == conv.asset_doctype] if conv.asset_doctype else types


def choose_type(conv, code: str) -> list[dict]:
	match = next((t for t in types_for(conv) if t.name == code), None)
	if not match:
		raise ReportStepError(_("Choose a service type from the buttons"))
	conv.service_type = match.name
	if conv.state == "Confirming" and conv.description:
		return ask_confirmation(conv)
	conv.state = "Describing" if has_place(conv) else "Collecting"
	return next_prompt(conv)


def ask_confirmation(conv) -> list[dict]:
	if not conv.description and conv.service_type:
		name = frappe.db.get_value("Service Type", conv.service_type, "name_th") or conv.service_type
		conv.description = _("Reported on LINE: {0}").format(name)
	conv.state = "Confirming"
	return next_prompt(conv)


def summary(conv) -> dict:
	return {
		"service": frappe.db.get_value("Service Type", conv.service_type, "name_th") or conv.service_type,
		"description": conv.description,
		"place": (
			f"{_(conv.asset_doctype)} {conv.asset_name}"
			if conv.asset_name
			else (conv.address or f"{conv.latitude:.5f}, {conv.longitude:.5f}")
		),
		"photo": bool(conv.photo),
	}


def receive_photo(conv, message_id: str) -> list[dict]:
	if not re.fullmatch(r"[0-9A-Za-z_-]{1,64}", message_id):
		raise ReportStepError(_("The photo could not be read: please send it again"))
	try:
		content = LineClient().content(message_id)
	except LineApiError:
		raise ReportStepError(_("The photo could not be fetched from LINE: please send it again")) from None
	# the same rules as every photo: type by decoding, size, re-encoded without EXIF/GPS
	upload = check_image(content, f"line-{message_id}", _("Photo"))
	remove_photo(conv)
	if conv.state not in ("Collecting", "Describing", "Confirming"):
		clear_report(conv)
	conv.state = "Collecting" if conv.state not in ("Describing", "Confirming") else conv.state
	conv.photo = attach(upload, CONVERSATION, conv.name, "photo", is_private=1)
	return next_prompt(conv)


def receive_location(conv, message: dict) -> list[dict]:
	try:
		lat, lng = float(message.get("latitude")), float(message.get("longitude"))
	except (TypeError, ValueError):
		raise ReportStepError(_("The location could not be read: please send it again")) from None
	validate_point(lat, lng, _("Place of the problem"))
	if conv.state not in ("Collecting", "Describing", "Confirming"):
		clear_report(conv)
	conv.latitude, conv.longitude = lat, lng
	conv.address = clean_text(str(message.get("address") or "")[:140], _("Address"), 140) or None
	conv.asset_doctype = conv.asset_name = None
	return next_prompt(conv)


def receive_asset(conv, doctype: str, code: str) -> list[dict]:
	name = asset_by_code(doctype, code)
	if not name:
		raise ReportStepError(_("No {0} has the code {1}").format(_(doctype), code))
	if conv.state not in ("Collecting", "Describing", "Confirming"):
		clear_report(conv)
	conv.state = "Collecting"
	if conv.asset_doctype != doctype:
		conv.service_type = None
	conv.asset_doctype, conv.asset_name = doctype, name
	conv.latitude = conv.longitude = 0
	conv.address = None
	return next_prompt(conv)


def photo_data_url(file_url: str) -> str | None:
	"""The stored photo as the data URL `submit_report` takes (it checks it once more)."""
	name = frappe.db.get_value("File", {"file_url": file_url, "attached_to_doctype": CONVERSATION}, "name")
	if not name:
		return None
	file = frappe.get_doc("File", name)
	content = file.get_content()
	ext = (file.file_name or "").rsplit(".", 1)[-1].lower()
	mime = next((mime for mime, exts, _test in FORMATS.values() if ext in exts), "image/jpeg")
	return f"{file.file_name},data:{mime};base64,{base64.b64encode(content).decode()}"


def file_report(conv) -> list[dict]:
	"""File the report through E-Smart Service's public API; reply the tracking number."""
	values = {
		"service_type": conv.service_type,
		"description": conv.description,
		"latitude": conv.latitude or None,
		"longitude": conv.longitude or None,
		"asset_doctype": conv.asset_doctype,
		"asset_name": conv.asset_name,
		"channel": "LINE",
	}
	citizen = None
	if conv.citizen:
		citizen = frappe.db.get_value("Citizen", conv.citizen, ["name", "full_name", "phone"], as_dict=True)
		if citizen:
			values.update(requester_name=citizen.full_name, requester_phone=citizen.phone)
	photo = photo_data_url(conv.photo) if conv.photo else None
	name, merged = submit_report(values, photo)
	if citizen and not merged:
		frappe.db.set_value("Service Request", name, "requester", citizen.name, update_modified=False)
	from nonsaad_smart.e_smart_service.line.outbound import remember_requester

	remember_requester(name, conv.line_user_id, merged)
	clear_report(conv)
	conv.last_request = name
	conv.save(ignore_permissions=True)
	url = get_url("/request-status?" + urlencode({"tracking_number": name}, quote_via=quote))
	return [m.filed(name, url, merged, state_label(SUBMITTED))]


def remove_photo(conv) -> None:
	if conv.photo:
		for name in frappe.get_all(
			"File", filters={"file_url": conv.photo, "attached_to_doctype": CONVERSATION}, pluck="name"
		):
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	conv.photo = None


def clear_report(conv) -> None:
	"""Forget the report in progress (its photo file too)."""
	remove_photo(conv)
	conv.service_type = conv.description = conv.address = None
	conv.asset_doctype = conv.asset_name = None
	conv.latitude = conv.longitude = 0
	conv.state = "Idle"


# --- linking a LINE user to a Citizen ------------------------------------------------------------------
def code_hash(conv, code: str) -> str:
	return hashlib.sha256(f"{conv.line_user_id}:{code}".encode()).hexdigest()


def receive_phone(conv, text: str) -> list[dict]:
	phone = normalize_phone(text, _("Phone"))
	citizen = frappe.db.get_value("Citizen", {"phone": phone}, "name")
	code = f"{secrets.randbelow(10**6):06d}"
	# an unknown number gets a hash no code matches: the answer is the same, it tells nothing
	conv.code_hash = code_hash(conv, code) if citizen else secrets.token_hex(32)
	conv.pending_phone = phone
	conv.code_expires_at = add_to_date(now_datetime(), minutes=CODE_MINUTES)
	conv.code_tries = 0
	conv.state = "Awaiting Code"
	conv.save(ignore_permissions=True)
	if citizen:
		send_code(phone, code)
	return [
		m.text(_("If this number is registered, a 6-digit code was sent to it by SMS. Type the code here."))
	]


def send_code(phone: str, code: str) -> None:
	"""The one-time code by SMS (Frappe's SMS Settings), after the commit."""
	frappe.enqueue(
		"frappe.core.doctype.sms_settings.sms_settings.send_sms",
		receiver_list=[phone],
		msg=_("Your code to link LINE with the municipality: {0} (valid {1} minutes)").format(
			code, CODE_MINUTES
		),
		enqueue_after_commit=True,
	)


def receive_code(conv, text: str) -> list[dict]:
	code = re.sub(r"\s", "", text)
	expired = not conv.code_expires_at or now_datetime() > frappe.utils.get_datetime(conv.code_expires_at)
	conv.code_tries = (conv.code_tries or 0) + 1
	ok = (
		not expired
		and conv.code_tries <= CODE_TRIES
		and hmac.compare_digest(code_hash(conv, code), conv.code_hash or "")
	)
	if ok:
		citizen = frappe.db.get_value("Citizen", {"phone": conv.pending_phone}, "name")
		link_citizen(conv, citizen)
		return [m.text(_("Your LINE is now linked with your record at the municipality."))]
	if expired or conv.code_tries >= CODE_TRIES:
		conv.code_hash = conv.pending_phone = conv.code_expires_at = None
		conv.state = "Idle"
		conv.save(ignore_permissions=True)
		return [m.text(_("The code is no longer valid: type ผูกบัญชี to start again."))]
	conv.save(ignore_permissions=True)
	return [m.text(_("The code is not right: try again."))]


def link_citizen(conv, citizen: str | None) -> None:
	conv.citizen = citizen
	conv.linked_at = now_datetime() if citizen else None
	conv.code_hash = conv.pending_phone = conv.code_expires_at = conv.link_token_hash = None
	conv.code_tries = 0
	conv.state = "Idle"
	conv.save(ignore_permissions=True)


def link_url(conv) -> str:
	token = secrets.token_urlsafe(24)
	conv.link_token_hash = hashlib.sha256(token.encode()).hexdigest()
	conv.code_expires_at = add_to_date(now_datetime(), minutes=LINK_TOKEN_MINUTES)
	conv.save(ignore_permissions=True)
	return get_url(
		"/api/method/nonsaad_smart.e_smart_service.line.flow.link_web?" + urlencode({"token": token})
	)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def link_web(token=None):
	"""A logged-in citizen opens the link the LINE chat gave: their LINE user is linked to their Citizen."""
	if not isinstance(token, str) or not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", token):
		frappe.throw(_("This link is not valid"), frappe.ValidationError)
	if frappe.session.user == "Guest":
		here = "/api/method/nonsaad_smart.e_smart_service.line.flow.link_web?" + urlencode({"token": token})
		frappe.local.response["type"] = "redirect"
		frappe.local.response["location"] = "/login?" + urlencode({"redirect-to": here})
		return
	citizen = frappe.db.get_value("Citizen", {"user": frappe.session.user}, "name")
	name = frappe.db.get_value(
		CONVERSATION, {"link_token_hash": hashlib.sha256(token.encode()).hexdigest()}, "name"
	)
	conv = frappe.get_doc(CONVERSATION, name, for_update=True) if name else None
	if not (citizen and conv) or now_datetime() > frappe.utils.get_datetime(conv.code_expires_at):
		frappe.throw(_("This link is not valid or has expired"), frappe.PermissionError)
	link_citizen(conv, citizen)
	# the link is opened from the chat, so this is a GET: the framework commits a GET only when told to
	frappe.local.flags.commit = True
	return _("Your LINE is now linked with your record at the municipality.")
