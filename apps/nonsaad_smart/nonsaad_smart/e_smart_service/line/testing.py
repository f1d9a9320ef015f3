"""Test helpers of the LINE channel (the app's unit tests and tests/api use the same ones).

- `FakeLine`: a local HTTP server standing in for api.line.me and api-data.line.me (127.0.0.1, a free
  port): it records every call, serves an image for any content id, and answers pushes with the status
  codes queued in `push_statuses` (then 200). Nothing reaches the Internet.
- `webhook_body(events)`, `event(...)`: payloads built as the Messaging API documents them;
  `signature` is the real HMAC of `client.py`.

Only the standard library at import time (tests/api imports this without a site).
"""

import base64
import hashlib
import hmac
import io
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = "0123456789abcdef0123456789abcdef"  # a fixed channel secret for tests
TOKEN = "test-channel-access-token"
USER_PREFIX = "U"


def signature(body: bytes, secret: str = SECRET) -> str:
	return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def line_user_id() -> str:
	return USER_PREFIX + uuid.uuid4().hex


def event(kind: str, user: str, stamp_ms: int | None = None, event_id: str | None = None, **extra) -> dict:
	"""One webhook event (type `kind`) from `user`, as LINE sends it."""
	body = {
		"type": kind,
		"mode": "active",
		"timestamp": stamp_ms if stamp_ms is not None else int(time.time() * 1000),
		"source": {"type": "user", "userId": user},
		"webhookEventId": event_id or ("01" + uuid.uuid4().hex.upper()[:24]),
		"deliveryContext": {"isRedelivery": False},
	}
	if kind not in ("unfollow",):
		body["replyToken"] = uuid.uuid4().hex
	body.update(extra)
	return body


def text_message(user: str, text: str, **kw) -> dict:
	return event(
		"message", user, message={"id": str(uuid.uuid4().int)[:18], "type": "text", "text": text}, **kw
	)


def image_message(user: str, message_id: str | None = None, **kw) -> dict:
	message = {
		"id": message_id or str(uuid.uuid4().int)[:18],
		"type": "image",
		"contentProvider": {"type": "line"},
	}
	return event("message", user, message=message, **kw)


def location_message(user: str, latitude: float, longitude: float, address: str = "", **kw) -> dict:
	message = {
		"id": str(uuid.uuid4().int)[:18],
		"type": "location",
		"title": "ตำแหน่งของฉัน",
		"address": address,
		"latitude": latitude,
		"longitude": longitude,
	}
	return event("message", user, message=message, **kw)


def postback(user: str, data: str, **kw) -> dict:
	return event("postback", user, postback={"data": data}, **kw)


def webhook_body(events: list[dict], destination: str = "U" + "0" * 32) -> bytes:
	return json.dumps({"destination": destination, "events": events}, ensure_ascii=False).encode()


def jpeg_with_exif() -> bytes:
	"""A small JPEG carrying EXIF (GPS tag), as a phone camera sends it."""
	from PIL import Image

	image = Image.new("RGB", (40, 30), (200, 120, 40))
	exif = Image.Exif()
	exif[0x010F] = "TestPhone"  # Make
	exif[0x8825] = {2: (16.0, 58.0, 12.0)}  # GPSInfo: latitude
	out = io.BytesIO()
	image.save(out, "JPEG", exif=exif.tobytes())
	return out.getvalue()


class FakeLine:
	"""The Messaging API on 127.0.0.1 (start(), stop(), base_url, calls, push_statuses)."""

	def __init__(self):
		self.calls: list[dict] = []
		self.push_statuses: list[int] = []
		self.content = jpeg_with_exif()
		self.lock = threading.Lock()
		fake = self

		class Handler(BaseHTTPRequestHandler):
			def log_message(self, *args):
				pass

			def _record(self, body=b""):
				call = {
					"method": self.command,
					"path": self.path,
					"headers": {k.lower(): v for k, v in self.headers.items()},
					"json": json.loads(body) if body else None,
				}
				with fake.lock:
					fake.calls.append(call)
				return call

			def do_GET(self):
				self._record()
				if re.fullmatch(r"/v2/bot/message/[^/]+/content", self.path):
					self.send_response(200)
					self.send_header("Content-Type", "image/jpeg")
					self.send_header("Content-Length", str(len(fake.content)))
					self.end_headers()
					self.wfile.write(fake.content)
				else:
					self.send_response(404)
					self.end_headers()

			def do_POST(self):
				length = int(self.headers.get("Content-Length") or 0)
				self._record(self.rfile.read(length))
				status = 200
				if self.path in ("/v2/bot/message/push", "/v2/bot/message/broadcast"):
					with fake.lock:
						status = fake.push_statuses.pop(0) if fake.push_statuses else 200
				body = b"{}" if status == 200 else b'{"message":"fake server error"}'
				self.send_response(status)
				self.send_header("Content-Type", "application/json")
				self.send_header("Content-Length", str(len(body)))
				self.end_headers()
				self.wfile.write(body)

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

	@property
	def base_url(self) -> str:
		return f"http://127.0.0.1:{self.server.server_address[1]}"

	def start(self) -> "FakeLine":
		self.thread.start()
		return self

	def stop(self) -> None:
		self.server.shutdown()
		self.server.server_close()

	def posts(self, path: str) -> list[dict]:
		with self.lock:
			return [c for c in self.calls if c["method"] == "POST" and c["path"] == path]

	def replies_text(self) -> str:
		"""Every text sent in replies so far."""
		texts = []
		for call in self.posts("/v2/bot/message/reply"):
			texts += [msg.get("text", "") for msg in call["json"]["messages"]]
		return "\n".join(texts)


def configure(base_url: str, **values) -> None:
	"""LINE Settings of the test site, pointing at a FakeLine (the app's unit tests; needs a site)."""
	import frappe

	settings = frappe.get_single("LINE Settings")
	settings.update(
		{
			"enabled": 1,
			"channel_id": "1234567890",
			"channel_secret": SECRET,
			"channel_access_token": TOKEN,
			"api_base_url": base_url,
			"content_base_url": base_url,
			"replay_window_seconds": 300,
			"max_attempts": 3,
			**values,
		}
	)
	settings.save(ignore_permissions=True)
