"""Smart Karupan on ERPNext Assets: setup in code (idempotent), the municipal asset code, submit and
depreciation posted to the books, the register card data and the reports."""

import re

import erpnext
import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt, getdate

from nonsaad_smart.smart_core.geo import OutsideMunicipalityError
from nonsaad_smart.smart_karupan import setup
from nonsaad_smart.smart_karupan.asset import AssetCodeError, code_from_payload
from nonsaad_smart.smart_karupan.doctype.asset_stock_check.test_asset_stock_check import (
	make_asset,
	make_location,
)
from nonsaad_smart.smart_karupan.printing import asset_register
from nonsaad_smart.tests.utils import ensure_test_settings


class TestKarupanSetup(FrappeTestCase):
	def test_setup_is_idempotent(self):
		counts = {
			dt: frappe.db.count(dt)
			for dt in (
				"Department",
				"Cost Center",
				"Location",
				"Asset Category",
				"Item",
				"Account",
				"Custom Field",
				"Custom DocPerm",
			)
		}
		setup.setup_karupan()
		setup.setup_karupan()
		self.assertEqual(counts, {dt: frappe.db.count(dt) for dt in counts})

	def test_departments_cost_centers_and_locations(self):
		company = erpnext.get_default_company()
		data = setup.seed_data()
		for name_th in (row["department_name"] for row in data["departments"]):
			self.assertTrue(setup.department_of(name_th, company), name_th)
			self.assertTrue(frappe.db.exists("Cost Center", setup.cost_center_of(name_th, company)), name_th)
		for name, parent, lat in (
			(r["location_name"], r["parent_location"], r["latitude"]) for r in setup.seed_locations()
		):
			stored_parent, stored_lat = frappe.db.get_value("Location", name, ["parent_location", "latitude"])
			self.assertEqual(stored_parent, parent)
			self.assertAlmostEqual(
				stored_lat, lat, places=2
			)  # ERPNext's Location keeps the system float precision

	def test_categories_have_accounts_and_straight_line_by_useful_life(self):
		company = erpnext.get_default_company()
		for row in setup.seed_data()["asset_classes"]:
			code, name_th, life = row["code"], row["name"], row["useful_life_years"]
			category = frappe.get_doc("Asset Category", name_th)
			self.assertEqual((category.municipal_class_code, category.useful_life_years), (code, life))
			account = next(a for a in category.accounts if a.company_name == company)
			self.assertEqual(
				frappe.db.get_value("Account", account.fixed_asset_account, "account_type"), "Fixed Asset"
			)
			self.assertTrue(account.accumulated_depreciation_account and account.depreciation_expense_account)
			book = category.finance_books[0]
			self.assertEqual(
				(
					book.depreciation_method,
					book.total_number_of_depreciations,
					book.frequency_of_depreciation,
				),
				("Straight Line", life, 12),
			)
			for suffix in (item["suffix"] for item in row["items"]):
				item = frappe.db.get_value(
					"Item",
					setup.item_code(code, suffix),
					["is_fixed_asset", "is_stock_item", "asset_category"],
				)
				self.assertEqual(item, (1, 0, name_th))

	def test_custom_fields_belong_to_smart_karupan(self):
		for doctype, fields in setup.get_custom_fields().items():
			for field in fields:
				self.assertEqual(
					frappe.db.get_value(
						"Custom Field", {"dt": doctype, "fieldname": field["fieldname"]}, "module"
					),
					"Smart Karupan",
				)


class TestMunicipalAsset(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_test_settings()

	def test_code_generated_by_class_and_be_year_and_unique(self):
		first = make_asset(submit=False)
		second = make_asset(submit=False)
		self.assertRegex(first.municipal_asset_code, r"^410-68-\d{4}$")  # computer, bought in BE 2568
		self.assertNotEqual(first.municipal_asset_code, second.municipal_asset_code)
		self.assertEqual(first.qr_payload, f"NSA-ASSET:{first.municipal_asset_code}")
		self.assertEqual(code_from_payload(first.qr_payload), first.municipal_asset_code)
		self.assertEqual(
			code_from_payload(f"https://x/karupan-scan?code={first.municipal_asset_code}"),
			first.municipal_asset_code,
		)
		with self.assertRaises(AssetCodeError):
			make_asset(submit=False, municipal_asset_code=first.municipal_asset_code)
		vehicle = make_asset(
			submit=False,
			item_code="KP-402-02",
			purchase_date="2026-11-01",
			available_for_use_date="2026-11-01",
		)
		self.assertTrue(re.match(r"^402-69-\d{4}$", vehicle.municipal_asset_code))

	def test_category_without_class_code_gets_unclassified_code(self):
		source = frappe.get_doc("Asset Category", setup.category_name("410"))
		category = frappe.copy_doc(source)
		category.asset_category_name = f"ประเภททดสอบ {frappe.generate_hash(length=5)}"
		category.municipal_class_code = None
		category.insert(ignore_permissions=True)
		item = frappe.copy_doc(frappe.get_doc("Item", "KP-410-01"))
		item.item_code = f"KP-TEST-{frappe.generate_hash(length=5)}"
		item.asset_category = category.name
		item.insert(ignore_permissions=True)
		asset = make_asset(submit=False, item_code=item.name, calculate_depreciation=0)
		self.assertRegex(asset.municipal_asset_code, r"^000-68-\d{4}$")

	def test_point_outside_municipality_rejected(self):
		with self.assertRaises(OutsideMunicipalityError):
			make_asset(submit=False, latitude=13.7563, longitude=100.5018)

	def test_submit_schedules_and_posts_depreciation(self):
		from erpnext.assets.doctype.asset.depreciation import (
			make_depreciation_entry_for_all_asset_depr_schedules,
		)

		asset = make_asset()
		self.assertEqual(asset.docstatus, 1)
		self.assertTrue(frappe.db.exists("Asset Movement Item", {"asset": asset.name}))
		book = asset.finance_books[0]
		self.assertEqual(getdate(book.depreciation_start_date), getdate("2026-09-30"))  # end of FY 2569
		self.assertEqual(book.total_number_of_depreciations, 3)  # computers: 3 years
		# the FY 2569 row is due (30 Sep 2026 has passed): post it
		make_depreciation_entry_for_all_asset_depr_schedules(frappe.get_doc("Asset", asset.name))
		asset.reload()
		register = asset_register(asset.name)
		first = register["depreciation"][0]
		self.assertEqual(first["fiscal_year"], 2569)
		self.assertTrue(first["posted"])
		self.assertGreater(first["amount"], 0)
		self.assertAlmostEqual(register["book_value"], 24000 - first["amount"], places=2)
		category_account = frappe.get_doc("Asset Category", asset.asset_category).accounts[0]
		je = frappe.db.get_value(
			"Journal Entry Account",
			{"reference_name": asset.name, "account": category_account.accumulated_depreciation_account},
			["credit", "parent"],
			as_dict=True,
		)
		self.assertAlmostEqual(flt(je.credit), first["amount"], places=2)
		self.assertEqual(frappe.db.get_value("Journal Entry", je.parent, "docstatus"), 1)
		self.assertEqual(frappe.db.get_value("Asset", asset.name, "status"), "Partially Depreciated")

	def test_book_value_is_one_rule_everywhere(self):
		"""The register card, the disposal request (book_value) and the register report (SQL) agree with
		ERPNext's own value after depreciation, for every kind of asset."""
		from erpnext.assets.doctype.asset.asset import get_asset_value_after_depreciation
		from erpnext.assets.doctype.asset.depreciation import (
			make_depreciation_entry_for_all_asset_depr_schedules,
		)

		from nonsaad_smart.smart_karupan.asset import book_value
		from nonsaad_smart.smart_karupan.report.municipal_asset_register.municipal_asset_register import (
			execute,
		)

		location = make_location()
		new = make_asset(location)
		posted = make_asset(location, gross_purchase_amount=36000, purchase_amount=36000)
		make_depreciation_entry_for_all_asset_depr_schedules(frappe.get_doc("Asset", posted.name))
		not_depreciated = make_asset(
			location,
			calculate_depreciation=0,
			is_existing_asset=1,
			purchase_date="2020-10-15",
			available_for_use_date="2020-10-15",
			opening_accumulated_depreciation=9000,
		)
		_cols, rows = execute({"location": location})
		report = {r.asset: r.book_value for r in rows}
		expected = {new.name: 24000, not_depreciated.name: 24000 - 9000}
		for asset in (new, posted, not_depreciated):
			value = book_value(asset.name)
			self.assertAlmostEqual(value, flt(get_asset_value_after_depreciation(asset.name)), places=2)
			self.assertAlmostEqual(report[asset.name], value, places=2)
			self.assertAlmostEqual(asset_register(asset.name)["book_value"], value, places=2)
			if asset.name in expected:
				self.assertAlmostEqual(value, expected[asset.name], places=2)
		self.assertLess(book_value(posted.name), 36000)  # the posted FY 2569 depreciation counts

	def test_register_report_groups_cost_and_book_value(self):
		from nonsaad_smart.smart_karupan.report.municipal_asset_register.municipal_asset_register import (
			execute,
		)

		location = make_location()
		make_asset(location, gross_purchase_amount=10000, purchase_amount=10000)
		make_asset(location, gross_purchase_amount=20000, purchase_amount=20000)
		_cols, rows = execute({"location": location})
		self.assertEqual(len(rows), 2)
		self.assertEqual(sum(r.gross_purchase_amount for r in rows), 30000)
		_cols, grouped = execute({"location": location, "group_by": "Location"})
		self.assertEqual((grouped[0].asset_count, grouped[0].gross_purchase_amount), (2, 30000))
		self.assertEqual(grouped[0].book_value, sum(r.book_value for r in rows))

	def test_depreciation_report_by_fiscal_year(self):
		from nonsaad_smart.smart_karupan.report.asset_depreciation_by_fiscal_year.asset_depreciation_by_fiscal_year import (
			execute,
		)

		asset = make_asset()
		_cols, rows = execute(
			{"asset_category": asset.asset_category, "from_fiscal_year": 2569, "to_fiscal_year": 2572}
		)
		years = {r["fiscal_year"] for r in rows}
		self.assertTrue({2569, 2570, 2571} <= years)
