"""What the municipality adds to ERPNext's Asset (doc_events in hooks.py): the municipal asset code,
its QR payload, a checked GPS point and the depreciation defaults of the Thai fiscal year.

Municipal asset code: <class code>-<BE year of acquisition, 2 digits>-<running number per class and
year, 4 digits>, e.g. 410-69-0001 for the first computer bought in BE 2569. It is written on the asset
and on its QR label and never changes (no_copy, read only).
"""

import re

import frappe
from frappe import _
from frappe.model.naming import getseries
from frappe.query_builder.functions import Coalesce, IfNull
from frappe.utils import flt, getdate

from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.thai_date import be_year, fiscal_year, fiscal_year_bounds

# the QR label's text: "<the municipality's code letters>-ASSET:<code>" (Non Sa-at: NSA-ASSET:…);
# a scan is read with any letters (labels printed before the letters changed still scan)
QR_MARK = "-ASSET:"
QR_PAYLOAD_RE = re.compile(r"^[A-Z0-9]{1,8}-ASSET:", re.IGNORECASE)


class AssetCodeError(frappe.ValidationError):
	pass


def book_value(asset) -> float:
	"""Net book value of an asset today, ERPNext's own "value after depreciation": of the asset's default
	finance book (the first one when none is set) when it is depreciated, else of the asset itself (cost
	less opening accumulated depreciation). The register card, the disposal request and (as SQL,
	`book_value_term`) the register report all use this one rule."""
	doc = frappe.get_doc("Asset", asset) if isinstance(asset, str) else asset
	if doc.calculate_depreciation and doc.get("finance_books"):
		return flt(doc.get_value_after_depreciation(doc.get("default_finance_book") or None))
	return flt(doc.value_after_depreciation)


def book_value_term(asset, book):
	"""`book_value` as a query term, for `asset` (Asset) left-joined to `book` (Asset Finance Book) on
	`book_join(asset, book)`: one query for 100 000 assets."""
	return Coalesce(book.value_after_depreciation, asset.value_after_depreciation, 0)


def book_join(asset, book):
	"""The join condition of the finance book `book_value` reads."""
	no_default = IfNull(asset.default_finance_book, "") == ""
	return (
		(book.parent == asset.name)
		& (book.parenttype == "Asset")
		& (asset.calculate_depreciation == 1)
		& ((no_default & (book.idx == 1)) | (book.finance_book == asset.default_finance_book))
	)


def before_validate(doc, method=None):
	set_default_finance_books(doc)


def validate(doc, method=None):
	set_municipal_code(doc)
	doc.qr_payload = qr_payload(doc.municipal_asset_code)
	validate_point(doc.latitude, doc.longitude, _("Asset location"))


def qr_prefix() -> str:
	"""The QR payload's prefix: the municipality's code letters (Smart Settings `pole_code_prefix`, else its
	company abbreviation; smart_core.municipality.pole_code_prefix)."""
	from nonsaad_smart.smart_core.municipality import pole_code_prefix

	return f"{pole_code_prefix()}{QR_MARK}"


def qr_payload(code: str | None) -> str | None:
	return f"{qr_prefix()}{code}" if code else None


def code_from_payload(text: str) -> str:
	"""The asset code in what a scanner read: the bare code, the QR payload, or a URL with ?code=."""
	text = (text or "").strip()
	if "code=" in text:
		text = text.split("code=", 1)[1].split("&", 1)[0]
	text = QR_PAYLOAD_RE.sub("", text)
	return text.strip()


UNCLASSIFIED = "000"


def class_code_of(asset_category: str | None) -> str:
	"""The category's 3-digit class code; "000" for a category made elsewhere without one (e.g. by
	another service), so its assets still get a unique code the Supplies Officer can recognise."""
	code = (
		frappe.get_cached_value("Asset Category", asset_category, "municipal_class_code")
		if asset_category
		else None
	)
	return code or UNCLASSIFIED


def set_municipal_code(doc):
	if doc.municipal_asset_code:
		if frappe.db.exists(
			"Asset", {"municipal_asset_code": doc.municipal_asset_code, "name": ("!=", doc.name)}
		):
			frappe.throw(
				_("Municipal asset code {0} is already used").format(doc.municipal_asset_code),
				AssetCodeError,
			)
		return
	if not doc.asset_category and doc.item_code:
		doc.asset_category = frappe.get_cached_value("Item", doc.item_code, "asset_category")
	doc.municipal_asset_code = next_asset_code(class_code_of(doc.asset_category), doc.purchase_date)


def next_asset_code(class_code: str, acquired_on) -> str:
	"""The next free code of the class and BE year (the series counter is atomic in tabSeries)."""
	prefix = f"{class_code}-{be_year(acquired_on or getdate()) % 100:02d}-"
	while True:
		code = prefix + getseries(prefix, 4)
		if not frappe.db.exists("Asset", {"municipal_asset_code": code}):
			return code


def first_depreciation_date(available_for_use):
	"""Thai government books depreciation once a year at the fiscal year end (30 September)."""
	return fiscal_year_bounds(fiscal_year(available_for_use))[1]


def set_default_finance_books(doc):
	"""Depreciation from the category, first posting at the end of the fiscal year of first use."""
	if not doc.calculate_depreciation or doc.get("finance_books") or not doc.asset_category:
		return
	available = doc.available_for_use_date or doc.purchase_date
	for book in frappe.get_cached_doc("Asset Category", doc.asset_category).finance_books:
		doc.append(
			"finance_books",
			{
				"finance_book": book.finance_book,
				"depreciation_method": book.depreciation_method,
				"total_number_of_depreciations": book.total_number_of_depreciations,
				"frequency_of_depreciation": book.frequency_of_depreciation,
				"depreciation_start_date": first_depreciation_date(available),
				"expected_value_after_useful_life": 0,
			},
		)


def asset_by_code(code: str) -> str | None:
	return frappe.db.get_value("Asset", {"municipal_asset_code": code_from_payload(code)})
