"""Helpers for the walk-in receipt print format: a QR code that opens the public status page."""

import frappe

from nonsaad_smart.smart_core.qr import qr_data_uri


def status_url(name: str) -> str:
	return frappe.utils.get_url(f"/request-status?tracking_number={name}")


def service_request_qr(name: str, scale: int = 4) -> str:
	"""A PNG data URI of the QR code for the status page of request `name` (works in wkhtmltopdf)."""
	return qr_data_uri(status_url(name), scale)
