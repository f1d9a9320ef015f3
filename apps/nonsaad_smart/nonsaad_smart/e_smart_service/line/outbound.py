"""Outbound LINE messages: a request's state changes as Flex messages (Thai), and broadcasts.

- `on_request_update` (hooks doc_events of Service Request): when a request whose reporter came through
  LINE becomes Accepted, Assigned, Resolved (with the after photo) or Closed, one LINE Message Log row
  per (request, status-log step, state, LINE user) is written – its `message_key` is unique, so a
  second save, a retried job or a parallel worker cannot make a second message – and `deliver` is
  queued on RQ after the commit. Anything going wrong here is logged, never raised: the request's
  workflow is never blocked by LINE.
- `deliver(log)` sends one row (row locked, so two workers never send it twice; the push carries
  X-Line-Retry-Key, so LINE drops a repeat too). A failure (no answer, HTTP 429 or 5xx) is counted,
  kept in `last_error` and tried again by `retry_due` (every few minutes, hooks scheduler_events)
  after 30 s, 2 min, 8 min, 32 min…; after `max_attempts` (LINE Settings) the row is Failed, which the
  office sees in the LINE Message Log list. Other 4xx are not retried.
- Broadcasts: LINE Broadcast, approved by an Executive who did not write it, queued the same way.
"""

import hashlib
import hmac
import json
import uuid
from urllib.parse import quote, urlencode

import frappe
from frappe import _
from frappe.utils import add_to_date, get_url, now_datetime
from frappe.utils.password import get_encryption_key

from nonsaad_smart.e_smart_service.api import ACCEPTED, ASSIGNED, CLOSED, RESOLVED, state_label
from nonsaad_smart.e_smart_service.line import messages as m
from nonsaad_smart.e_smart_service.line.client import (
	LineApiError,
	LineClient,
	LineNotConfiguredError,
	settings,
)

LOG = "LINE Message Log"
PUSH_STATES = (ACCEPTED, ASSIGNED, RESOLVED, CLOSED)
PATHS = {"Push": "/v2/bot/message/push", "Broadcast": "/v2/bot/message/broadcast"}
BACKOFF_SECONDS = 30  # × 4 per further attempt
DEFAULT_ATTEMPTS = 5


def remember_requester(request: str, line_user_id: str, merged: bool) -> str:
	"""The reply that filed a report: the row that says which LINE user hears about the request."""
	key = f"{request}:filed:{line_user_id}"
	name = frappe.db.get_value(LOG, {"message_key": key}, "name")
	if not name:
		log = frappe.get_doc(
			{
				"doctype": LOG,
				"message_key": key,
				"kind": "Reply",
				"status": "Queued",
				"service_request": request,
				"state": "merged" if merged else "filed",
				"line_user_id": line_user_id,
				"retry_key": str(uuid.uuid4()),
			}
		).insert(ignore_permissions=True)
		name = log.name
	frappe.flags.setdefault("line_reply_logs", []).append(name)
	return name


def requesters(request: str) -> list[str]:
	return frappe.get_all(
		LOG, filters={"service_request": request, "kind": "Reply"}, pluck="line_user_id", distinct=True
	)


def on_request_update(doc, method=None) -> None:
	"""hooks doc_events Service Request on_update: queue one push per LINE reporter and state change."""
	try:
		if not doc.has_value_changed("workflow_state") or doc.workflow_state not in PUSH_STATES:
			return
		if not settings().enabled:
			return
		users = requesters(doc.name)
		if not users:
			return
		step = len(doc.get("status_log") or [])
		message = status_message(doc)
		for user in users:
			queue(
				f"{doc.name}:{step}:{doc.workflow_state}:{user}",
				"Push",
				{"to": user, "messages": [message]},
				service_request=doc.name,
				state=doc.workflow_state,
				line_user_id=user,
			)
	except Exception:
		# LINE never blocks the request's workflow: the office finds the error in the Error Log
		frappe.log_error(title=f"LINE push for {doc.name} not queued")


def queue(key: str, kind: str, payload: dict, **fields) -> str | None:
	"""Write the log row (unique key: at most one per message) and queue its delivery after the commit."""
	if frappe.db.exists(LOG, {"message_key": key}):
		return None
	frappe.db.savepoint("line_message_log")
	try:
		log = frappe.get_doc(
			{
				"doctype": LOG,
				"message_key": key,
				"kind": kind,
				"status": "Queued",
				"request_body": json.dumps(payload, ensure_ascii=False, indent=1),
				"retry_key": str(uuid.uuid4()),
				**fields,
			}
		).insert(ignore_permissions=True)
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		frappe.db.rollback(save_point="line_message_log")
		frappe.local.message_log = []
		return None
	frappe.enqueue(
		"nonsaad_smart.e_smart_service.line.outbound.deliver",
		queue="short",
		log=log.name,
		enqueue_after_commit=True,
	)
	return log.name


def photo_signature(request: str) -> str:
	return hmac.new(
		get_encryption_key().encode(), f"line-photo:{request}".encode(), hashlib.sha256
	).hexdigest()


def status_message(doc) -> dict:
	status_url = get_url("/request-status?" + urlencode({"tracking_number": doc.name}, quote_via=quote))
	photo_url = None
	if doc.workflow_state == RESOLVED and doc.get("after_photo"):
		photo_url = get_url(
			"/api/method/nonsaad_smart.e_smart_service.line.outbound.after_photo?"
			+ urlencode({"request": doc.name, "sig": photo_signature(doc.name)})
		)
	note = doc.get("resolution_note") if doc.workflow_state == RESOLVED else None
	return m.status_flex(
		doc.name, doc.get("service_name"), state_label(doc.workflow_state), status_url, note, photo_url
	)


def refuse_photo_link():
	frappe.throw(
		_("This photo link is not valid, or the request has no photo of its result"), frappe.PermissionError
	)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def after_photo(request=None, sig=None):
	"""The after photo of a resolved request, for the link in its LINE message (signed per request)."""
	if not (isinstance(request, str) and isinstance(sig, str) and len(request) <= 40):
		refuse_photo_link()
	if not hmac.compare_digest(photo_signature(request).encode(), sig.encode()):
		refuse_photo_link()
	row = frappe.db.get_value("Service Request", request, ["workflow_state", "after_photo"], as_dict=True)
	if not row or not row.after_photo or row.workflow_state not in (RESOLVED, CLOSED):
		refuse_photo_link()
	file = frappe.get_doc("File", frappe.db.get_value("File", {"file_url": row.after_photo}, "name"))
	frappe.local.response.update(
		{
			"type": "binary",
			"filename": file.file_name,
			"filecontent": file.get_content(),
			"display_content_as": "inline",
		}
	)


def max_attempts() -> int:
	return settings().max_attempts or DEFAULT_ATTEMPTS


def backoff(attempts: int) -> int:
	return BACKOFF_SECONDS * 4 ** max(attempts - 1, 0)


def deliver(log: str) -> str:
	"""Send one queued message (RQ job; also run by `retry_due`). Returns the row's status."""
	row = frappe.get_doc(LOG, log, for_update=True)
	if row.status in ("Sent", "Failed") or row.kind not in PATHS:
		return row.status
	payload = json.loads(row.request_body or "{}")
	row.attempts = (row.attempts or 0) + 1
	try:
		row.response_status = LineClient().post(PATHS[row.kind], payload, retry_key=row.retry_key)
		row.status, row.sent_at, row.last_error, row.next_attempt_at = "Sent", now_datetime(), None, None
	except (LineApiError, LineNotConfiguredError) as e:
		frappe.local.message_log = []
		status = getattr(e, "status", None)
		row.response_status = status
		row.last_error = str(e)[:1000]
		retryable = status is None or status == 429 or status >= 500
		if retryable and row.attempts < max_attempts():
			row.status = "Retrying"
			row.next_attempt_at = add_to_date(now_datetime(), seconds=backoff(row.attempts))
		else:
			row.status, row.next_attempt_at = "Failed", None
	row.flags.ignore_permissions = True
	row.save()
	if row.line_broadcast and row.status == "Sent":
		frappe.db.set_value(
			"LINE Broadcast",
			row.line_broadcast,
			{"status": "Sent", "sent_at": row.sent_at},
			update_modified=False,
		)
	return row.status


def retry_due() -> None:
	"""Scheduler (every few minutes): messages whose next attempt is due, and queued ones a lost job left."""
	log = frappe.qb.DocType(LOG)
	now = now_datetime()
	due = (
		frappe.qb.from_(log)
		.select(log.name)
		.where(
			((log.status == "Retrying") & (log.next_attempt_at <= now))
			| (
				(log.status == "Queued")
				& log.kind.isin(list(PATHS))
				& (log.creation <= add_to_date(now, minutes=-5))
			)
		)
		.orderby(log.creation)
		.limit(200)
		.run(pluck=True)
	)
	for name in due:
		try:
			deliver(name)
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"LINE message {name} not delivered")


def mark_replies(names: list[str], error: str | None) -> None:
	"""After the webhook's reply: the filing replies' rows say whether the citizen got the number."""
	for name in names:
		values = {"attempts": 1, "last_error": error, "status": "Failed" if error else "Sent"}
		if not error:
			values["sent_at"] = now_datetime()
		frappe.db.set_value(LOG, name, values, update_modified=False)


def queue_broadcast(doc) -> str | None:
	return queue(
		f"broadcast:{doc.name}",
		"Broadcast",
		{"messages": [m.broadcast_text(doc.title, doc.message)]},
		line_broadcast=doc.name,
	)
