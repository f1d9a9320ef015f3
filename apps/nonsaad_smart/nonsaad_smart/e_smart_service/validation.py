"""Checks on what citizens and integrators send: text without markup, photos that are really images.

Guest web-form inserts skip permission checks, so everything is checked here, before a row is written.
"""

import base64
import binascii
import re

import frappe
from frappe import _

MAX_TEXT = 2000
MAX_NAME = 140
MAX_PHOTO_BYTES = 5 * 1024 * 1024  # after decoding; the web form shrinks photos in the browser first
IMAGE_SIGNATURES = {
	b"\xff\xd8\xff": ("image/jpeg", ("jpg", "jpeg")),
	b"\x89PNG\r\n\x1a\n": ("image/png", ("png",)),
	b"RIFF": ("image/webp", ("webp",)),  # RIFF....WEBP, checked below
}
# a tag, an event handler or a script URL: markup has no place in a complaint
MARKUP = re.compile(
	r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*script|javascript\s*:|\bon[a-z]+\s*=\s*['\"]", re.IGNORECASE
)


class MissingFieldError(frappe.ValidationError):
	pass


class UnsafeTextError(frappe.ValidationError):
	pass


class InvalidPhotoError(frappe.ValidationError):
	pass


def require(value, label: str) -> None:
	if value is None or (isinstance(value, str) and not value.strip()):
		frappe.throw(
			_("{0} is required").format(label),
			MissingFieldError,
			title=_("Missing information"),
		)


def clean_text(value, label: str, max_length: int = MAX_TEXT) -> str:
	"""Trimmed text; markup or over-long text is refused (not silently changed)."""
	if value is None:
		return ""
	text = str(value).strip()
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


def image_type(content: bytes) -> str | None:
	for signature, (mime, _exts) in IMAGE_SIGNATURES.items():
		if content.startswith(signature):
			if mime == "image/webp" and content[8:12] != b"WEBP":
				return None
			return mime
	return None


def decode_photo(value: str, label: str) -> tuple[str, bytes]:
	"""A web-form file value "name.jpg,data:image/jpeg;base64,…" → (file name, bytes), checked.

	Only JPEG, PNG and WebP up to 5 MB; the content must be what the name says (magic bytes).
	"""
	bad = _("{0}: only JPG, PNG or WebP photos up to {1} MB").format(label, MAX_PHOTO_BYTES // (1024 * 1024))
	try:
		filename, data_url = value.split(",", 1)
		if data_url.startswith("data:"):
			header, payload = data_url.split(",", 1)
			if ";base64" not in header:
				raise ValueError
		else:
			payload = data_url
		if len(payload) > (MAX_PHOTO_BYTES * 4) // 3 + 8:
			frappe.throw(bad, InvalidPhotoError, title=_("Photo not accepted"))
		content = base64.b64decode(payload, validate=False)
	except (ValueError, binascii.Error):
		frappe.throw(bad, InvalidPhotoError, title=_("Photo not accepted"))
	filename = re.sub(r"[^\w.\-]", "_", filename.strip().split("/")[-1])[:80] or "photo.jpg"
	mime = image_type(content)
	extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
	allowed = next((exts for m, exts in IMAGE_SIGNATURES.values() if m == mime), ())
	if not mime or len(content) > MAX_PHOTO_BYTES or extension not in allowed:
		frappe.throw(bad, InvalidPhotoError, title=_("Photo not accepted"))
	return filename, content


def is_data_url_file(value) -> bool:
	return isinstance(value, str) and "data:" in value[:200] and "base64" in value[:200]
