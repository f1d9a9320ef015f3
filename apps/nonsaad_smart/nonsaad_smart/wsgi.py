"""WSGI entry for gunicorn (Procfile): Frappe's application with static files, where a request for a host
that is not a site (http://localhost:8000) goes to `default_site` when `serve_default_site` is set in
common_site_config.json – what nginx does in production with `X-Frappe-Site-Name`.

Static files (`/assets/`, public `/files/`) are served here without Frappe, so its `after_request` hooks
never see them: the security headers of smart_core/web_security.py are added to those responses here,
and a missing public file is a 404 (werkzeug's NotFound raised outside Frappe's handler was a 500).
"""

import json
import os

import frappe
import frappe.app
from werkzeug.exceptions import HTTPException
from werkzeug.local import release_local

from nonsaad_smart.smart_core.web_security import SECURITY_HEADERS

_application = frappe.app.application_with_statics()


def _default_site(sites_path: str) -> str | None:
	conf = frappe.get_file_json(os.path.join(sites_path, "common_site_config.json"))
	return conf.get("default_site") if conf.get("serve_default_site") else None


# The database or Redis down (or restarting): Frappe answers a bare 500 {"exc_type": "ConnectionError"}.
# The client gets a 503 with a message it can show and Retry-After instead (issue 18, bin/nonsaad faults).
OUTAGE_ERRORS = {
	"ConnectionError",
	"TimeoutError",
	"BusyLoadingError",
	"OperationalError",
	"InterfaceError",
	"InternalError",
	"ConnectionRefusedError",
}
OUTAGE_MESSAGE = (
	"ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในอีกสักครู่ / "
	"The system is briefly unavailable: please try again in a few minutes"
)


# A JSON body that does not parse fails in Frappe's make_form_dict before any app code runs: a bare 500
# {"exc_type": "JSONDecodeError"}. It is the client's mistake: a 400 with a message instead.
BAD_BODY_ERRORS = {"JSONDecodeError"}
BAD_BODY_MESSAGE = "ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้อง / The request body is not valid JSON"


def _answer_for(body: bytes, exc_types: set, exc_type: str, title: str, text: str) -> bytes | None:
	"""A body with `text` as the message (shown by the desk and the web forms) for a bare 500 of Frappe's
	whose `exc_type` is one of `exc_types`, else None."""
	try:
		found = json.loads(body or b"{}").get("exc_type")
	except (ValueError, AttributeError):
		return None
	if found not in exc_types:
		return None
	message = json.dumps({"message": text, "title": title, "indicator": "red"})
	return json.dumps(
		{"exc_type": exc_type, "message": text, "_server_messages": json.dumps([message])}
	).encode()


def bad_body_answer(body: bytes) -> bytes | None:
	"""The 400 body for a 500 caused by a request body that is not JSON, else None."""
	return _answer_for(body, BAD_BODY_ERRORS, "ValidationError", "Bad request", BAD_BODY_MESSAGE)


def outage_answer(body: bytes) -> bytes | None:
	"""The 503 body for a 500 caused by the database or Redis being away, else None."""
	return _answer_for(body, OUTAGE_ERRORS, "ServiceUnavailable", "Service unavailable", OUTAGE_MESSAGE)


SITES_PATH = os.path.abspath(".")
DEFAULT_SITE = _default_site(SITES_PATH)


def application(environ, start_response):
	host = (environ.get("HTTP_HOST") or "").split(":")[0]
	if DEFAULT_SITE and "HTTP_X_FRAPPE_SITE_NAME" not in environ:
		if not host or not os.path.isfile(os.path.join(SITES_PATH, host, "site_config.json")):
			environ["HTTP_X_FRAPPE_SITE_NAME"] = DEFAULT_SITE

	held = {}

	def start_with_headers(status, headers, exc_info=None):
		present = {name.lower() for name, _value in headers}
		headers = list(headers) + [(k, v) for k, v in SECURITY_HEADERS.items() if k.lower() not in present]
		if status.startswith("500"):  # held back: an outage becomes a 503 with a message
			held.update(status=status, headers=headers)
			return lambda _data: None
		return start_response(status, headers, exc_info)

	try:
		result = _application(environ, start_with_headers)
	except HTTPException as e:  # a public file in the database but not on disk: 404, not a 500
		return e(environ, start_with_headers)
	except Exception as e:  # the database refused the connection before Frappe could answer
		release_request()
		if not is_outage(e):
			raise
		return _service_unavailable(start_response, list(SECURITY_HEADERS.items()))
	if not held:
		return result
	body = b"".join(result)
	if hasattr(result, "close"):
		result.close()
	bad_body = bad_body_answer(body)
	if bad_body is not None:
		headers = [(k, v) for k, v in held["headers"] if k.lower() not in ("content-length", "content-type")]
		headers += [("Content-Type", "application/json"), ("Content-Length", str(len(bad_body)))]
		start_response("400 Bad Request", headers)
		return [bad_body]
	if outage_answer(body) is None:
		start_response(held["status"], held["headers"])
		return [body]
	return _service_unavailable(start_response, held["headers"])


def release_request():
	"""What Frappe's after-response wrapper (a ClosingIterator around the response) does, for a request
	whose application raised instead of returning one (Redis down: Frappe's own error handling fails
	too): roll back and close the request's database connection and release `frappe.local`. Without it
	the gunicorn thread kept that connection with an open transaction until it served another request
	(bin/nonsaad faults, Redis down: a read snapshot held for minutes)."""
	db = getattr(frappe.local, "db", None)
	for step in ("rollback", "close"):
		try:
			if db:
				getattr(db, step)()
		except Exception:  # the connection is already gone: nothing to release
			pass
	release_local(frappe.local)


def is_outage(error: BaseException | None) -> bool:
	"""The error (or one it came from) is the database or Redis being unreachable."""
	seen = 0
	while error is not None and seen < 10:
		if type(error).__name__ in OUTAGE_ERRORS or isinstance(error, ConnectionError | TimeoutError):
			return True
		error, seen = error.__cause__ or error.__context__, seen + 1
	return False


def _service_unavailable(start_response, headers):
	outage = outage_answer(b'{"exc_type": "ConnectionError"}')
	headers = [(k, v) for k, v in headers if k.lower() not in ("content-length", "content-type")]
	headers += [
		("Content-Type", "application/json"),
		("Content-Length", str(len(outage))),
		("Retry-After", "60"),
	]
	start_response("503 Service Unavailable", headers)
	return [outage]
