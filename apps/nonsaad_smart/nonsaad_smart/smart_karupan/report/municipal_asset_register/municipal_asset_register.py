"""Municipal Asset Register: assets by category, department or location with cost and book value.

Book value is ERPNext's value after depreciation (smart_karupan/asset.py `book_value`, here as SQL):
of the asset's default (or first) finance book, or the asset's own value when it is not depreciated
(fully depreciated assets keep 1 baht). One query (frappe.qb); grouping is a
GROUP BY in the database, so 100 000 assets stay fast (see tests/bench/test_bench_karupan.py).
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_karupan.asset import book_join, book_value_term

GROUPS = {"Asset Category": "asset_category", "Department": "department", "Location": "location"}
DISPOSED = ("Scrapped", "Sold", "Cancelled", "Capitalized")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	group = GROUPS.get(filters.get("group_by"))
	return (group_columns(group) if group else columns()), get_data(filters, group)


def columns():
	return [
		column(_("Asset"), "asset", "Link", 130, options="Asset"),
		column(_("Municipal Asset Code"), "municipal_asset_code", "Data", 120),
		column(_("Asset Name"), "asset_name", "Data", 200),
		column(_("Asset Category"), "asset_category", "Link", 170, options="Asset Category"),
		column(_("Department"), "department", "Link", 170, options="Department"),
		column(_("Location"), "location", "Link", 170, options="Location"),
		column(_("Custodian Name"), "custodian_name", "Data", 140),
		column(_("Purchase Date"), "purchase_date", "Date", 100),
		column(_("Status"), "status", "Data", 100),
		column(_("Cost"), "gross_purchase_amount", "Currency", 120),
		column(_("Accumulated Depreciation"), "accumulated_depreciation", "Currency", 130),
		column(_("Book Value"), "book_value", "Currency", 120),
	]


def group_columns(group):
	label = {v: k for k, v in GROUPS.items()}[group]
	return [
		column(_(label), group, "Link", 220, options=label),
		column(_("Assets"), "asset_count", "Int", 90),
		column(_("Cost"), "gross_purchase_amount", "Currency", 140),
		column(_("Accumulated Depreciation"), "accumulated_depreciation", "Currency", 150),
		column(_("Book Value"), "book_value", "Currency", 140),
	]


def base_query(filters):
	asset = frappe.qb.DocType("Asset")
	book = frappe.qb.DocType("Asset Finance Book")
	book_value = book_value_term(asset, book)
	query = frappe.qb.from_(asset).left_join(book).on(book_join(asset, book)).where(asset.docstatus == 1)
	for field in ("company", "asset_category", "department", "location", "status"):
		if filters.get(field):
			query = query.where(asset[field] == filters.get(field))
	if not filters.get("status") and not filters.get("include_disposed"):
		query = query.where(asset.status.notin(DISPOSED))
	return asset, book_value, query


def get_data(filters, group=None):
	asset, book_value, query = base_query(filters)
	if group:
		return (
			query.select(
				asset[group],
				Count(asset.name).as_("asset_count"),
				Sum(asset.gross_purchase_amount).as_("gross_purchase_amount"),
				Sum(asset.gross_purchase_amount - book_value).as_("accumulated_depreciation"),
				Sum(book_value).as_("book_value"),
			)
			.groupby(asset[group])
			.orderby(asset[group])
			.run(as_dict=True)
		)
	return (
		query.select(
			asset.name.as_("asset"),
			asset.municipal_asset_code,
			asset.asset_name,
			asset.asset_category,
			asset.department,
			asset.location,
			asset.custodian_name,
			asset.purchase_date,
			asset.status,
			asset.gross_purchase_amount,
			(asset.gross_purchase_amount - book_value).as_("accumulated_depreciation"),
			book_value.as_("book_value"),
		)
		.orderby(asset.municipal_asset_code)
		.run(as_dict=True)
	)
