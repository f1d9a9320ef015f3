"""A small client of the LINE Messaging API, on the endpoints of LINE Settings.

Nothing here knows about requests or conversations: it signs and checks, sends JSON and reads content.
Base URLs are configurable (the tests point them at a local fake server; nothing reaches the Internet).
"""

import base64
import hashlib
import hmac
import json

import frappe
import requests
from frappe import _

DEFAULT_API = "https://api.line.me"
DEFAULT_CONTENT = "https://api-data.line.me"
TIMEOUT = 10  # seconds per call
MAX_CONTENT_BYTES = 10 * 1024 * 1024  # LINE's own limit for an image sent by a user


class LineNotConfiguredError(frappe.ValidationError):
	pass


class LineApiError(Exception):
	"""A call to LINE that did not succeed: `status` is the HTTP status (None: no answer)."""

	def __init__(self, message: str, status: int | None = None):
		super().__init__(message)
		self.status = status


def signature(body: bytes, secret: str) -> str:
	"""X-Line-Signature of a body: base64 of HMAC-SHA256 with the channel secret (LINE's documentation)."""
	return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def signature_matches(body: bytes, header: str, secret: str) -> bool:
	"""Constant-time comparison of the header with the signature of the body."""
	if not (secret and header):
		return False
	return hmac.compare_digest(signature(body, secret).encode(), header.encode())


def settings():
	return frappe.get_cached_doc("LINE Settings")


def channel_secret() -> str | None:
	return settings().get_password("channel_secret", raise_exception=False)


class LineClient:
	"""Reply, push, broadcast and content download with the channel access token."""

	def __init__(
		self, api_base: str | None = None, content_base: str | None = None, token: str | None = None
	):
		conf = settings()
		self.api_base = (api_base or conf.api_base_url or DEFAULT_API).rstrip("/")
		self.content_base = (content_base or conf.content_base_url or DEFAULT_CONTENT).rstrip("/")
		self.token = token or conf.get_password("channel_access_token", raise_exception=False)
		if not self.token:
			frappe.throw(_("LINE Settings: the channel access token is missing"), LineNotConfiguredError)

	def headers(self, retry_key: str | None = None) -> dict:
		headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
		if retry_key:
			# LINE accepts a retried push with the same key once only (409 for a repeat)
			headers["X-Line-Retry-Key"] = retry_key
		return headers

	def post(self, path: str, payload: dict, retry_key: str | None = None) -> int:
		try:
			r = requests.post(
				self.api_base + path,
				data=json.dumps(payload, ensure_ascii=False).encode(),
				headers=self.headers(retry_key),
				timeout=TIMEOUT,
				allow_redirects=False,
			)
		except requests.RequestException as e:
			raise LineApiError(f"{type(e).__name__}: {e}") from None
		if r.status_code == 409 and retry_key:
			# the same retry key was accepted before: the message was delivered already
			return r.status_code
		if r.status_code >= 300:
			raise LineApiError(f"HTTP {r.status_code}: {r.text[:500]}", r.status_code)
		return r.status_code

	def reply(self, reply_token: str, messages: list[dict]) -> int:
		return self.post("/v2/bot/message/reply", {"replyToken": reply_token, "messages": messages[:5]})

	def push(self, to: str, messages: list[dict], retry_key: str | None = None) -> int:
		return self.post("/v2/bot/message/push", {"to": to, "messages": messages[:5]}, retry_key)

	def broadcast(self, messages: list[dict], retry_key: str | None = None) -> int:
		return self.post("/v2/bot/message/broadcast", {"messages": messages[:5]}, retry_key)

	def content(self, message_id: str, max_bytes: int = MAX_CONTENT_BYTES) -> bytes:
		"""The bytes of an image a user sent (streamed, refused beyond `max_bytes`)."""
		url = f"{self.content_base}/v2/bot/message/{requests.utils.quote(message_id, safe='')}/content"
		try:
			with requests.get(
				url, headers=self.headers(), timeout=TIMEOUT, stream=True, allow_redirects=False
			) as r:
				if r.status_code != 200:
					raise LineApiError(f"HTTP {r.status_code}", r.status_code)
				data = b""
				for chunk in r.iter_content(64 * 1024):
					data += chunk
					if len(data) > max_bytes:
						raise LineApiError("content too large")
				return data
		except requests.RequestException as e:
			raise LineApiError(f"{type(e).__name__}: {e}") from None
