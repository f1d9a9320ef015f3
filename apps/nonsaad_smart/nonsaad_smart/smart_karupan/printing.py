"""Data for the Karupan print formats (Jinja methods, see hooks.py): the register card of an asset
(ทะเบียนคุมทรัพย์สิน), the committee's report and the QR label sheet of a stock check."""

import frappe
from frappe.utils import flt, getdate

from nonsaad_smart.smart_core.thai_date import fiscal_year
from nonsaad_smart.smart_karupan.asset import book_value

ACT_ON = ("Damaged", "Lost", "Not Needed", "Found Unused")
RESULT_TH = {
	"Found In Use": "พบ ใช้งานอยู่",
	"Found Unused": "พบ ไม่ได้ใช้งาน",
	"Damaged": "ชำรุด",
	"Lost": "สูญหาย",
	"Not Needed": "ไม่จำเป็นต้องใช้",
}


def depreciation_by_fiscal_year(asset: str) -> list[dict]:
	"""Rows of the asset's active depreciation schedule summed per BE fiscal year, with accumulated
	depreciation and book value at the year end, and whether the year's entry is posted."""
	schedule = frappe.qb.DocType("Asset Depreciation Schedule")
	row = frappe.qb.DocType("Depreciation Schedule")
	rows = (
		frappe.qb.from_(row)
		.join(schedule)
		.on(schedule.name == row.parent)
		.select(
			row.schedule_date, row.depreciation_amount, row.accumulated_depreciation_amount, row.journal_entry
		)
		.where((schedule.asset == asset) & (schedule.docstatus == 1))
		.orderby(row.schedule_date)
		.run(as_dict=True)
	)
	cost = flt(frappe.db.get_value("Asset", asset, "gross_purchase_amount"))
	years: dict[int, dict] = {}
	for r in rows:
		fy = fiscal_year(r.schedule_date)
		year = years.setdefault(
			fy, {"fiscal_year": fy, "amount": 0.0, "posted": True, "date": r.schedule_date}
		)
		year["amount"] += flt(r.depreciation_amount)
		year["accumulated"] = flt(r.accumulated_depreciation_amount)
		year["book_value"] = cost - flt(r.accumulated_depreciation_amount)
		year["posted"] = year["posted"] and bool(r.journal_entry)
		year["date"] = r.schedule_date
	return list(years.values())


def asset_register(asset: str) -> dict:
	doc = frappe.get_doc("Asset", asset)
	movement = frappe.qb.DocType("Asset Movement")
	item = frappe.qb.DocType("Asset Movement Item")
	movements = (
		frappe.qb.from_(item)
		.join(movement)
		.on(movement.name == item.parent)
		.select(
			movement.name,
			movement.transaction_date,
			movement.purpose,
			item.source_location,
			item.target_location,
			item.from_employee,
			item.to_employee,
		)
		.where((item.asset == asset) & (movement.docstatus == 1))
		.orderby(movement.transaction_date)
		.run(as_dict=True)
	)
	line = frappe.qb.DocType("Asset Stock Check Line")
	checks = (
		frappe.qb.from_(line)
		.select(line.stock_check, line.result, line.condition, line.scanned_at, line.scanned_by)
		.where(line.asset == asset)
		.orderby(line.creation)
		.run(as_dict=True)
	)
	for c in checks:
		c.result_th = RESULT_TH.get(c.result, "ยังไม่ได้ตรวจ")
	return {
		"movements": movements,
		"depreciation": depreciation_by_fiscal_year(asset),
		"opening_accumulated": flt(doc.opening_accumulated_depreciation),
		"book_value": book_value(doc),
		"checks": checks,
		"useful_life": frappe.get_cached_value("Asset Category", doc.asset_category, "useful_life_years"),
	}


def stock_check_report(stock_check: str) -> dict:
	line = frappe.qb.DocType("Asset Stock Check Line")
	act_on = (
		frappe.qb.from_(line)
		.select(
			line.municipal_asset_code,
			line.asset_name,
			line.department,
			line.expected_location,
			line.result,
			line.condition,
			line.remark,
			line.gross_amount,
		)
		.where((line.stock_check == stock_check) & line.result.isin(ACT_ON))
		.orderby(line.result)
		.orderby(line.municipal_asset_code)
		.run(as_dict=True)
	)
	for row in act_on:
		row.result_th = RESULT_TH.get(row.result)
	return {"act_on": act_on, "result_th": RESULT_TH}


def label_rows(stock_check: str) -> list[dict]:
	"""The assets of a check for its QR label sheet, in code order."""
	line = frappe.qb.DocType("Asset Stock Check Line")
	asset = frappe.qb.DocType("Asset")
	return (
		frappe.qb.from_(line)
		.join(asset)
		.on(asset.name == line.asset)
		.select(
			line.municipal_asset_code, line.asset_name, line.department, asset.qr_payload, asset.purchase_date
		)
		.where(line.stock_check == stock_check)
		.orderby(line.municipal_asset_code)
		.run(as_dict=True)
	)


def fiscal_year_of(value) -> int:
	return fiscal_year(getdate(value))
