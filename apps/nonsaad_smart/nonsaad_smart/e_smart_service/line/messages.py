"""LINE message objects (Messaging API JSON) the channel sends: English source strings, Thai via th.csv.

Every builder returns one message dict; `_()` is translated in the site's language (Thai).
"""

from urllib.parse import urlencode

import frappe
from frappe import _

ALT_MAX = 400  # LINE's altText limit
TEXT_MAX = 5000


def text(body: str, quick: list[dict] | None = None) -> dict:
	message = {"type": "text", "text": (body or "")[:TEXT_MAX]}
	if quick:
		message["quickReply"] = {"items": quick[:13]}
	return message


def postback(label: str, data: dict, display: str | None = None) -> dict:
	action = {"type": "postback", "label": label[:20], "data": urlencode(data)}
	if display:
		action["displayText"] = display[:300]
	return {"type": "action", "action": action}


def camera_items() -> list[dict]:
	return [
		{"type": "action", "action": {"type": "camera", "label": _("Camera")[:20]}},
		{"type": "action", "action": {"type": "cameraRoll", "label": _("Photo album")[:20]}},
	]


def location_item() -> dict:
	return {"type": "action", "action": {"type": "location", "label": _("Send location")[:20]}}


def consent_notice() -> dict:
	"""The PDPA notice: nothing about the citizen is kept until they tap "accept"."""
	return text(
		_(
			"The municipality keeps the photo, place and description you send, your LINE user ID and, "
			"if you link your record, your name and phone, only to handle your reports and tell you their "
			"progress (PDPA). You may withdraw by blocking the account. Do you accept?"
		),
		[
			postback(_("Accept"), {"action": "consent"}, _("Accept")),
			postback(_("Do not accept"), {"action": "decline"}, _("Do not accept")),
		],
	)


def welcome() -> dict:
	return text(
		_(
			"Send a photo and the location of the problem, or tap Report a problem. A pole's QR code link works too."
		),
		[
			postback(_("Report a problem"), {"action": "report"}, _("Report a problem")),
			*camera_items(),
			location_item(),
			postback(_("Link my record"), {"action": "link_phone"}, _("Link my record")),
		],
	)


def ask_place(has_photo: bool) -> dict:
	body = (
		_("Now send the location of the problem.")
		if has_photo
		else _("Send a photo (optional) and the location of the problem.")
	)
	return text(body, [location_item(), *camera_items(), postback(_("Cancel"), {"action": "cancel"})])


def service_types(types: list[dict], page: int = 0) -> dict:
	from nonsaad_smart.e_smart_service.line.flow import TYPES_PER_PAGE

	start = page * TYPES_PER_PAGE
	items = [
		postback(t.name_th or t.name, {"action": "type", "code": t.name}, t.name_th or t.name)
		for t in types[start : start + TYPES_PER_PAGE]
	]
	if len(types) > start + TYPES_PER_PAGE:
		items.append(postback(_("More"), {"action": "types", "page": page + 1}))
	elif page:
		items.append(postback(_("Back"), {"action": "types", "page": 0}))
	return text(_("What kind of problem is it?"), items)


def ask_description() -> dict:
	return text(
		_("Describe the problem in a few words, or tap Skip."),
		[postback(_("Skip"), {"action": "skip"}), postback(_("Cancel"), {"action": "cancel"})],
	)


def confirmation(summary: dict) -> dict:
	lines = [
		_("Please check your report:"),
		_("Service: {0}").format(summary["service"]),
		_("Place: {0}").format(summary["place"]),
		_("Description: {0}").format(summary["description"]),
		_("Photo: {0}").format(_("yes") if summary["photo"] else _("no")),
	]
	return text(
		"\n".join(lines),
		[
			postback(_("Confirm"), {"action": "confirm"}, _("Confirm")),
			postback(_("Cancel"), {"action": "cancel"}, _("Cancel")),
		],
	)


def filed(tracking_number: str, status_url: str, merged: bool, state_th: str) -> dict:
	head = (
		_("This problem was reported already: your report was added to request {0}.")
		if merged
		else _("Your report was filed ({1}). Tracking number: {0}")
	).format(tracking_number, state_th)
	return text(f"{head}\n{_('Follow it here')}: {status_url}")


def link_menu(citizen: str | None) -> dict:
	body = (
		_("Your LINE is linked with your record.")
		if citizen
		else _(
			"Link your LINE with your record at the municipality: confirm your phone with a code, or log in on the website."
		)
	)
	return text(
		body,
		[
			postback(_("Confirm phone"), {"action": "link_phone"}),
			postback(_("Log in on the web"), {"action": "link_web"}),
		],
	)


def status_flex(
	tracking_number: str,
	service: str,
	state_th: str,
	status_url: str,
	note: str | None,
	photo_url: str | None,
) -> dict:
	"""The Flex message of a request's state change (Thai), with the after photo when there is one."""
	body = [
		{"type": "text", "text": _("Request {0}").format(tracking_number), "weight": "bold", "size": "md"},
		{"type": "text", "text": service or "-", "size": "sm", "color": "#666666", "wrap": True},
		{"type": "text", "text": state_th, "weight": "bold", "size": "xl", "color": "#1DB446", "wrap": True},
	]
	if note:
		body.append({"type": "text", "text": note[:500], "size": "sm", "wrap": True})
	bubble = {
		"type": "bubble",
		"body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body},
		"footer": {
			"type": "box",
			"layout": "vertical",
			"contents": [
				{
					"type": "button",
					"style": "primary",
					"action": {"type": "uri", "label": _("Follow the request")[:20], "uri": status_url},
				}
			],
		},
	}
	if photo_url:
		bubble["hero"] = {
			"type": "image",
			"url": photo_url,
			"size": "full",
			"aspectMode": "cover",
			"aspectRatio": "20:13",
		}
	alt = _("Request {0}: {1}").format(tracking_number, state_th)
	return {"type": "flex", "altText": alt[:ALT_MAX], "contents": bubble}


def broadcast_text(title: str, message: str) -> dict:
	return {"type": "text", "text": f"{title}\n\n{message}"[:TEXT_MAX]}
