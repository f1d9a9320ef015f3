"""Karupan figures for the Executive's dashboard (Number Cards of type Custom, see number_card/).

Each method checks the reader's permission itself (a whitelisted method checks nothing by itself) and
reads through the same rules as the register: submitted assets that are not disposed, book value from the
finance book when the asset is depreciated.
"""

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from nonsaad_smart.smart_core.reporting import check_dashboard_reader
from nonsaad_smart.smart_karupan.report.municipal_asset_register.municipal_asset_register import base_query

ASSET_REGISTER_REPORT = "Municipal Asset Register"


@frappe.whitelist()
def asset_book_value(filters=None) -> dict:
	"""Net book value today of every asset in the register (THB)."""
	check_dashboard_reader("Asset")
	_asset, book_value, query = base_query(frappe._dict())
	total = query.select(Sum(book_value)).run()[0][0]
	return {
		"value": flt(total, 2),
		"fieldtype": "Currency",
		"route": ["query-report", ASSET_REGISTER_REPORT],
	}


def current_stock_check() -> str | None:
	"""The stock check of the latest fiscal year the user may read (the one running or last reported)."""
	checks = frappe.get_list(
		"Asset Stock Check",
		filters={"docstatus": ("<", 2)},
		pluck="name",
		order_by="fiscal_year desc, creation desc",
		limit_page_length=1,
	)
	return checks[0] if checks else None


def stock_check_counts(stock_check: str) -> tuple[int, int]:
	"""(lines checked, lines) of a stock check, counted from its lines (a line is checked once it has a
	result)."""
	total = frappe.db.count("Asset Stock Check Line", {"stock_check": stock_check})
	checked = frappe.db.count("Asset Stock Check Line", {"stock_check": stock_check, "result": ("is", "set")})
	return checked, total


@frappe.whitelist()
def stock_check_progress(filters=None) -> dict:
	"""Share (%) of the current stock check's assets the committee has checked."""
	check_dashboard_reader("Asset Stock Check")
	check = current_stock_check()
	if not check:
		return {"value": 0, "fieldtype": "Percent"}
	checked, total = stock_check_counts(check)
	return {
		"value": round(checked * 100 / total, 1) if total else 0,
		"fieldtype": "Percent",
		"route": ["Form", "Asset Stock Check", check],
	}
