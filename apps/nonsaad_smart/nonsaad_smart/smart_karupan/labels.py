"""QR codes for asset labels and the register card (Jinja method `qr_svg` in print formats).

Rendered as a PNG data URI (pyqrcode + pypng ship with Frappe): wkhtmltopdf prints it without fetching
anything, and a phone camera reads it from the printed A4 label sheet.
"""

import pyqrcode
from markupsafe import Markup, escape


def qr_data_uri(text: str, scale: int = 4) -> str:
	return "data:image/png;base64," + pyqrcode.create(text or "", error="M").png_as_base64_str(scale=scale)


def qr_svg(text: str, size_mm: int = 22) -> Markup:
	"""An <img> of the QR code of `text`, `size_mm` wide (the name is kept short for templates)."""
	if not text:
		return Markup("")
	return Markup(
		f'<img src="{qr_data_uri(text)}" alt="{escape(text)}" style="width:{int(size_mm)}mm;height:{int(size_mm)}mm;">'
	)
