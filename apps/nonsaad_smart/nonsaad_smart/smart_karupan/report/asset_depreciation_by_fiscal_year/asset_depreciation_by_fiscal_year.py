"""Asset Depreciation by Fiscal Year: scheduled and posted depreciation per BE fiscal year and category,
from the active depreciation schedules of the submitted assets."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_core.thai_date import fiscal_year


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), get_data(filters)


def columns():
	return [
		column(_("Fiscal Year (BE)"), "fiscal_year", "Int", 110),
		column(_("Asset Category"), "asset_category", "Link", 220, options="Asset Category"),
		column(_("Assets"), "assets", "Int", 80),
		column(_("Depreciation"), "depreciation", "Currency", 140),
		column(_("Posted"), "posted", "Currency", 140),
		column(_("Scheduled, not Posted"), "to_post", "Currency", 150),
	]


def get_data(filters):
	asset = frappe.qb.DocType("Asset")
	schedule = frappe.qb.DocType("Asset Depreciation Schedule")
	row = frappe.qb.DocType("Depreciation Schedule")
	query = (
		frappe.qb.from_(row)
		.join(schedule)
		.on(schedule.name == row.parent)
		.join(asset)
		.on(asset.name == schedule.asset)
		.select(
			row.schedule_date,
			asset.asset_category,
			Count(asset.name).as_("assets"),
			Sum(row.depreciation_amount).as_("amount"),
			Sum(
				Case()
				.when(row.journal_entry.isnotnull() & (row.journal_entry != ""), row.depreciation_amount)
				.else_(0)
			).as_("posted"),
		)
		.where((schedule.docstatus == 1) & (asset.docstatus == 1))
		.groupby(row.schedule_date, asset.asset_category)
	)
	for field in ("company", "asset_category", "department"):
		if filters.get(field):
			query = query.where(asset[field] == filters.get(field))
	years = {}
	for r in query.run(as_dict=True):
		fy = fiscal_year(r.schedule_date)
		if filters.get("from_fiscal_year") and fy < int(filters.from_fiscal_year):
			continue
		if filters.get("to_fiscal_year") and fy > int(filters.to_fiscal_year):
			continue
		out = years.setdefault(
			(fy, r.asset_category),
			{
				"fiscal_year": fy,
				"asset_category": r.asset_category,
				"assets": 0,
				"depreciation": 0.0,
				"posted": 0.0,
			},
		)
		out["assets"] += r.assets
		out["depreciation"] += flt(r.amount)
		out["posted"] += flt(r.posted)
	data = [years[k] for k in sorted(years, key=lambda k: (k[0], k[1] or ""))]
	for d in data:
		d["to_post"] = d["depreciation"] - d["posted"]
	return data
