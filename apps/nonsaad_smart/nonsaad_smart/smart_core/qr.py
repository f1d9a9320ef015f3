"""QR codes, one way for every module: pole labels, asset labels and register cards, the walk-in
receipt's link to the status page.

Rendered as PNG (pyqrcode + pypng ship with Frappe) inside a data URI: wkhtmltopdf prints it without
fetching anything, and a phone camera reads it from a printed A4 sheet. Error correction M (15 %) survives
a scratched or sun-bleached label; a quiet zone of 2 modules is enough on a white label.
"""

import pyqrcode
from markupsafe import Markup, escape

ERROR_LEVEL = "M"
QUIET_ZONE = 2


def qr_png_base64(text: str, scale: int = 4) -> str:
	"""The base64 PNG of the QR code of `text` (`scale` pixels per module)."""
	return pyqrcode.create(text or "", error=ERROR_LEVEL).png_as_base64_str(
		scale=int(scale), quiet_zone=QUIET_ZONE
	)


def qr_data_uri(text: str, scale: int = 4) -> str:
	"""A data: URI of the QR code of `text`, for an <img src> (Jinja method in print formats)."""
	return "data:image/png;base64," + qr_png_base64(text, scale)


def qr_image(text: str, size_mm: int = 22) -> Markup:
	"""An <img> of the QR code of `text`, `size_mm` wide and high (Jinja method in print formats)."""
	if not text:
		return Markup("")
	size = int(size_mm)
	return Markup(
		f'<img src="{qr_data_uri(text)}" alt="{escape(text)}" style="width:{size}mm;height:{size}mm;">'
	)
