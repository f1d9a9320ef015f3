"""Asset Stock Check Progress: per check and category, how many assets are checked and with what result."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check import RESULT_FIELDS


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), get_data(filters)


def columns():
	cols = [
		column(_("Stock Check"), "stock_check", "Link", 130, options="Asset Stock Check"),
		column(_("Asset Category"), "asset_category", "Link", 200, options="Asset Category"),
		column(_("Total"), "total", "Int", 80),
		column(_("Checked"), "checked", "Int", 80),
	]
	cols += [column(_(r), f, "Int", 100) for r, f in RESULT_FIELDS.items()]
	cols.append(column(_("Progress"), "progress", "Percent", 100))
	return cols


def get_data(filters):
	line = frappe.qb.DocType("Asset Stock Check Line")
	check = frappe.qb.DocType("Asset Stock Check")
	query = (
		frappe.qb.from_(line)
		.join(check)
		.on(check.name == line.stock_check)
		.select(line.stock_check, line.asset_category, line.result, Count("*").as_("n"))
		.where(check.docstatus < 2)
		.groupby(line.stock_check, line.asset_category, line.result)
	)
	if filters.get("stock_check"):
		query = query.where(line.stock_check == filters.stock_check)
	if filters.get("fiscal_year"):
		query = query.where(check.fiscal_year == filters.fiscal_year)
	allowed = frappe.get_list("Asset Stock Check", pluck="name")  # row-level: committee sees own checks
	rows = {}
	for r in query.run(as_dict=True):
		if r.stock_check not in allowed:
			continue
		row = rows.setdefault(
			(r.stock_check, r.asset_category),
			{"stock_check": r.stock_check, "asset_category": r.asset_category, "total": 0, "checked": 0},
		)
		row["total"] += r.n
		if r.result in RESULT_FIELDS:
			row["checked"] += r.n
			row[RESULT_FIELDS[r.result]] = row.get(RESULT_FIELDS[r.result], 0) + r.n
	data = [rows[k] for k in sorted(rows, key=lambda k: (k[0], k[1] or ""))]
	for row in data:
		row["progress"] = round(row["checked"] * 100 / row["total"], 1) if row["total"] else 0
	return data
