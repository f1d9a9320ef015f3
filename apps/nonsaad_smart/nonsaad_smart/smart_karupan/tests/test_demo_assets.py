"""The demo loader writes each asset's ERPNext documents once (smart_karupan.demo.assets_written_once):
the same asset, depreciation schedule, receipt movement and activity rows as ERPNext's own insert + submit
of each of them."""

import json
from pathlib import Path

import erpnext
import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_karupan import demo

FIXTURES = Path(frappe.utils.get_bench_path()) / "fixtures" / "assets.json"  # the demo data set
ASSET_FIELDS = (
	"status",
	"docstatus",
	"location",
	"custodian",
	"department",
	"cost_center",
	"gross_purchase_amount",
	"opening_accumulated_depreciation",
	"opening_number_of_booked_depreciations",
	"value_after_depreciation",
	"total_asset_cost",
	"calculate_depreciation",
)


class TestDemoAssets(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		data = json.loads(FIXTURES.read_text())
		cls.company = erpnext.get_default_company()
		cls.employees = demo.load_employees(data["employees"], cls.company)
		cls.item_names = dict(
			frappe.get_all("Item", filters={"is_fixed_asset": 1}, fields=["name", "item_name"], as_list=True)
		)
		cls.rows = data["assets"]

	def tearDown(self):
		frappe.db.rollback()

	def load(self, row: dict, serial: str, once: bool) -> str:
		code = row["municipal_asset_code"]
		row = {**row, "municipal_asset_code": f"{code[:-4]}{serial}{code[-3:]}"}
		frappe.flags.mute_messages = True
		try:
			if not once:
				return demo.make_existing_asset(row, self.employees, self.company, self.item_names).name
			with demo.assets_written_once():
				name = demo.make_existing_asset(row, self.employees, self.company, self.item_names).name
			return name
		finally:
			frappe.flags.mute_messages = False

	def written(self, asset: str) -> dict:
		"""What ERPNext wrote for the asset, without names and times."""
		schedules = frappe.get_all(
			"Asset Depreciation Schedule",
			filters={"asset": asset},
			fields=["name", "docstatus", "status", "finance_book_id", "total_number_of_depreciations"],
		)
		for schedule in schedules:
			schedule["rows"] = frappe.get_all(
				"Depreciation Schedule",
				filters={"parent": schedule.pop("name")},
				fields=[
					"idx",
					"docstatus",
					"schedule_date",
					"depreciation_amount",
					"accumulated_depreciation_amount",
				],
				order_by="idx",
			)
		item = frappe.qb.DocType("Asset Movement Item")
		movement = frappe.qb.DocType("Asset Movement")
		movements = (
			frappe.qb.from_(item)
			.join(movement)
			.on(item.parent == movement.name)
			.select(
				movement.docstatus,
				movement.purpose,
				movement.transaction_date,
				item.docstatus,
				item.target_location,
				item.to_employee,
			)
			.where(item.asset == asset)
			.run()
		)
		return {
			"asset": frappe.db.get_value("Asset", asset, ASSET_FIELDS, as_dict=True),
			"schedules": schedules,
			"movements": movements,
			"activities": sorted(frappe.get_all("Asset Activity", filters={"asset": asset}, pluck="subject")),
		}

	def test_written_once_is_what_insert_and_submit_write(self):
		depreciating = next(r for r in self.rows if r["purchase_date"] >= "2023-01-01" and r["custodian"])
		fully_depreciated = min(self.rows, key=lambda r: r["purchase_date"])
		for row in (depreciating, fully_depreciated):
			plain = self.written(self.load(row, "8", once=False))
			once = self.written(self.load(row, "9", once=True))
			self.assertEqual(plain, once)
			self.assertEqual(once["asset"].docstatus, 1)
			self.assertEqual(len(once["movements"]), 1)
			self.assertEqual(len(once["activities"]), 3)
		self.assertTrue(once["asset"] and plain["asset"])
		depreciating_written = self.written(self.load(depreciating, "7", once=True))
		self.assertEqual(
			[(s["docstatus"], s["status"]) for s in depreciating_written["schedules"]], [(1, "Active")]
		)

	def test_classes_are_put_back(self):
		from erpnext.assets.doctype.asset.asset import Asset
		from erpnext.assets.doctype.asset_activity.asset_activity import AssetActivity
		from erpnext.assets.doctype.asset_depreciation_schedule import (
			asset_depreciation_schedule as schedules,
		)
		from erpnext.assets.doctype.asset_movement.asset_movement import AssetMovement
		from erpnext.assets.doctype.depreciation_schedule.depreciation_schedule import DepreciationSchedule
		from frappe.model import naming
		from frappe.model.document import Document

		validate, schedule_name, getseries = (
			Asset.validate,
			schedules.get_asset_depr_schedule_name,
			naming.getseries,
		)
		clear_document_cache, db_sql = frappe.clear_document_cache, frappe.db.sql
		with demo.assets_written_once():
			self.assertIsNot(AssetMovement.insert, Document.insert)
			self.assertIsNot(naming.getseries, getseries)
		self.assertNotIn("insert", AssetActivity.__dict__)
		self.assertNotIn("insert", AssetMovement.__dict__)
		self.assertNotIn("submit", AssetMovement.__dict__)
		for cls in (Asset, schedules.AssetDepreciationSchedule, DepreciationSchedule):
			self.assertNotIn("db_insert", cls.__dict__)
		self.assertIs(Asset.validate, validate)
		self.assertIs(schedules.get_asset_depr_schedule_name, schedule_name)
		self.assertIs(naming.getseries, getseries)
		self.assertIs(frappe.clear_document_cache, clear_document_cache)
		self.assertNotIn("get_value", frappe.db.__dict__)
		self.assertNotIn("exists", frappe.db.__dict__)
		self.assertEqual(frappe.db.sql, db_sql)

	def test_series_counted_in_process_is_what_tabseries_holds(self):
		"""Names from the in-process counter are Frappe's next names, and tabSeries holds the last one
		before the transaction ends."""
		from frappe.model.naming import getseries

		from nonsaad_smart.smart_karupan import demo_once

		key = "NONSAAD-TEST-SERIES-"
		first = int(getseries(key, 5))
		with demo_once.series_counted_in_process():
			from frappe.model import naming

			numbers = [int(naming.getseries(key, 5)) for _ in range(3)]
		self.assertEqual(numbers, [first + 1, first + 2, first + 3])
		series = frappe.qb.DocType("Series")
		current = frappe.qb.from_(series).select(series.current).where(series.name == key).run()
		self.assertEqual(current[0][0], first + 3)
		self.assertEqual(int(getseries(key, 5)), first + 4)

	def test_values_read_once_forget_after_a_write(self):
		from nonsaad_smart.smart_karupan import demo_once

		with demo_once.values_read_once():
			before = frappe.db.get_value("Company", self.company, "abbr")
			frappe.db.set_value("Company", self.company, "abbr", "ZZT", update_modified=False)
			self.assertEqual(frappe.db.get_value("Company", self.company, "abbr"), "ZZT")
		self.assertNotEqual(before, "ZZT")

	def test_a_taken_code_is_still_refused(self):
		from nonsaad_smart.smart_karupan.asset import AssetCodeError

		row = next(r for r in self.rows if r["custodian"])
		self.load(row, "6", once=True)
		with self.assertRaises(AssetCodeError):
			self.load(row, "6", once=True)
