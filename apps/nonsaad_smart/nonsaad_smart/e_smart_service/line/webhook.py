"""The Messaging API webhook: POST /api/method/nonsaad_smart.e_smart_service.line.webhook.receive

Answers (JSON, never a traceback):

| case | status | written |
|---|---|---|
| no `X-Line-Signature` header | 401 | nothing |
| wrong signature, or the channel has no secret / is not enabled | 403 | nothing |
| signed, but not a JSON object with an `events` list, or over 1 MB | 400 / 413 | nothing |
| signed; an event already seen (same `webhookEventId`) or older than the replay window | 200 | nothing for that event (`ignored`) |
| signed, new events | 200 | a LINE Webhook Event row per event, and what the conversation keeps |

Replays get 200, not 409: LINE redelivers an event for any other answer, so a 200 that does nothing ends
the replay without a loop. The replay window (LINE Settings, default 300 s) also refuses events stamped
more than that many seconds in the future. Seen event ids are rows of LINE Webhook Event (unique), so a
replay is refused by the database, whichever worker gets it.
"""

import json
import time
from datetime import datetime

import frappe
from frappe.utils.data import convert_utc_to_system_timezone
from werkzeug.wrappers import Response

from nonsaad_smart.e_smart_service.line import flow
from nonsaad_smart.e_smart_service.line.client import LineApiError, LineClient, settings, signature_matches
from nonsaad_smart.e_smart_service.line.outbound import mark_replies

EVENT = "LINE Webhook Event"
MAX_BODY = 1024 * 1024
DEFAULT_WINDOW = 300


def answer(status: int, **body) -> Response:
	return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


@frappe.whitelist(allow_guest=True, methods=["POST"])
def receive(**_form):
	"""LINE's webhook call (see the module's table). `_form` is what Frappe parsed: the raw body counts."""
	body = frappe.request.get_data(cache=True) or b""
	header = frappe.get_request_header("X-Line-Signature") or ""
	if not header:
		return answer(401, error="missing X-Line-Signature")
	if len(body) > MAX_BODY:
		return answer(413, error="body too large")
	conf = settings()
	secret = conf.get_password("channel_secret", raise_exception=False) if conf.enabled else None
	if not signature_matches(body, header, secret or ""):
		return answer(403, error="invalid signature")
	try:
		payload = json.loads(body)
	except ValueError:
		payload = None
	if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
		return answer(400, error="expected a JSON object with an events list")
	window = conf.replay_window_seconds or DEFAULT_WINDOW
	processed, ignored, replies = 0, 0, []
	frappe.flags.line_reply_logs = []
	for event in payload["events"][:100]:
		if not new_event(event, window):
			ignored += 1
			continue
		frappe.db.savepoint("line_event")
		try:
			record(event)
		except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
			# the same event arrived on another worker at the same moment
			frappe.db.rollback(save_point="line_event")
			frappe.local.message_log = []
			ignored += 1
			continue
		logs_before = len(frappe.flags.line_reply_logs)
		try:
			messages = flow.handle(event)
		except Exception:
			# keep the event (a replay would fail the same way); the citizen gets a polite answer
			frappe.db.rollback(save_point="line_event")
			frappe.local.message_log = []
			del frappe.flags.line_reply_logs[logs_before:]
			record(event)
			frappe.log_error(title="LINE webhook event failed")
			messages = [flow.m.text(frappe._("Something went wrong on our side: please try again later."))]
		processed += 1
		token = event.get("replyToken")
		if messages and isinstance(token, str) and token:
			replies.append((token, messages, frappe.flags.line_reply_logs[logs_before:]))
	frappe.db.commit()
	send_replies(replies)
	return answer(200, processed=processed, ignored=ignored)


def new_event(event, window: int) -> bool:
	"""A well-formed event within the replay window whose id has not been seen."""
	if not isinstance(event, dict):
		return False
	event_id, stamp = event.get("webhookEventId"), event.get("timestamp")
	if not isinstance(event_id, str) or not (0 < len(event_id) <= 64) or not event_id.isalnum():
		return False
	if not isinstance(stamp, int) or isinstance(stamp, bool):
		return False
	age = time.time() - stamp / 1000
	if age > window or age < -window:
		return False
	return not frappe.db.exists(EVENT, event_id)


def record(event: dict) -> None:
	frappe.get_doc(
		{
			"doctype": EVENT,
			"webhook_event_id": event["webhookEventId"],
			"event_type": str(event.get("type") or "")[:40],
			"event_time": convert_utc_to_system_timezone(
				datetime.utcfromtimestamp(event["timestamp"] / 1000)
			).replace(tzinfo=None),
			"is_redelivery": 1 if (event.get("deliveryContext") or {}).get("isRedelivery") else 0,
		}
	).insert(ignore_permissions=True)


def send_replies(replies: list) -> None:
	"""Replies after the commit (the tracking number exists before the citizen reads it)."""
	if not replies:
		return
	try:
		client = LineClient()
	except frappe.ValidationError:
		frappe.local.message_log = []
		for _token, _messages, logs in replies:
			mark_replies(logs, "LINE Settings: the channel access token is missing")
		frappe.db.commit()
		return
	for token, messages, logs in replies:
		try:
			client.reply(token, messages)
			mark_replies(logs, None)
		except LineApiError as e:
			mark_replies(logs, str(e)[:1000])
	frappe.db.commit()
