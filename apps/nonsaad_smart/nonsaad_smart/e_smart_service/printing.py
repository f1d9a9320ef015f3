"""Helpers for the walk-in receipt print format: a QR code that opens the public status page."""

import base64
import io

import frappe
import pyqrcode


def status_url(name: str) -> str:
	return frappe.utils.get_url(f"/request-status?tracking_number={name}")


def service_request_qr(name: str, scale: int = 4) -> str:
	"""A PNG data URI of the QR code for the status page of request `name` (works in wkhtmltopdf)."""
	buffer = io.BytesIO()
	pyqrcode.create(status_url(name), error="M").png(buffer, scale=scale, quiet_zone=2)
	return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
