"""Jinja filters and methods for print formats and web pages: {{ doc.posting_date | be_date }}."""

import frappe

from nonsaad_smart.smart_core import baht, thai_date, thai_id


def be_date(value, style: str = "short") -> str:
	return thai_date.format_be_date(value, style)


def baht_text(amount) -> str:
	return baht.baht_text(amount)


def mask_id(value) -> str:
	return thai_id.mask_national_id(value)


def fiscal_year(value) -> int:
	return thai_date.fiscal_year(value)


def smart_settings():
	return frappe.get_cached_doc("Smart Settings")
