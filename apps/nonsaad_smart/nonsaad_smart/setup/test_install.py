"""Install-time setup in code: ERPNext for the municipality, Thai calendar and settings, roles. Idempotent."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from nonsaad_smart.hooks import ROLES
from nonsaad_smart.setup import install
from nonsaad_smart.setup.erpnext_setup import COMPANY, ensure_fiscal_years
from nonsaad_smart.setup.holidays import HOLIDAY_LIST, setup_holiday_list
from nonsaad_smart.smart_core.thai_date import fiscal_year


class TestInstall(FrappeTestCase):
	def test_company_is_the_municipality(self):
		company = frappe.get_doc("Company", COMPANY)
		self.assertEqual(company.default_currency, "THB")
		self.assertEqual(company.country, "Thailand")

	def test_system_settings_are_thai(self):
		self.assertEqual(frappe.db.get_single_value("System Settings", "language"), "th")
		self.assertEqual(frappe.db.get_single_value("System Settings", "time_zone"), "Asia/Bangkok")

	def test_fiscal_years_run_october_to_september(self):
		ensure_fiscal_years()
		ours = frappe.get_all(
			"Fiscal Year",
			filters={"name": ("not like", "_Test%")},
			fields=["name", "year_start_date", "year_end_date"],
		)
		self.assertIn(
			str(fiscal_year(today())), [fy.name for fy in ours]
		)  # e.g. 2570: 1 Oct 2026 – 30 Sep 2027
		for fy in ours:
			self.assertEqual((fy.year_start_date.month, fy.year_start_date.day), (10, 1))
			self.assertEqual((fy.year_end_date.month, fy.year_end_date.day), (9, 30))
		count = frappe.db.count("Fiscal Year")
		ensure_fiscal_years()
		self.assertEqual(frappe.db.count("Fiscal Year"), count)

	def test_holiday_list_has_weekends_and_thai_holidays(self):
		self.assertEqual(setup_holiday_list(), HOLIDAY_LIST)
		dates = {
			str(d) for d in frappe.get_all("Holiday", filters={"parent": HOLIDAY_LIST}, pluck="holiday_date")
		}
		self.assertIn("2026-04-13", dates)  # Songkran
		self.assertIn("2026-11-28", dates)  # a Saturday
		self.assertNotIn("2026-11-26", dates)  # a Thursday
		self.assertEqual(frappe.db.get_single_value("Smart Settings", "holiday_list"), HOLIDAY_LIST)

	def test_roles_exist_with_descriptions(self):
		for role in ROLES:
			with self.subTest(role=role):
				self.assertTrue(frappe.db.get_value("Role", role, "nonsaad_description"))
		self.assertEqual(frappe.db.get_value("Role", "Citizen", "desk_access"), 0)

	def test_website_and_letter_head(self):
		install.setup_website()
		install.setup_website()
		settings = frappe.get_single("Website Settings")
		self.assertEqual(settings.app_name, "เทศบาลตำบลโนนสะอาด")
		self.assertEqual(len([r for r in settings.top_bar_items if r.url == "/map"]), 1)
		install.setup_letter_head()
		install.setup_letter_head()  # idempotent: one default letter head, the municipality's
		default = frappe.get_all("Letter Head", filters={"is_default": 1}, pluck="name")
		self.assertEqual(default, ["Non Sa-at Subdistrict Municipality"])
		self.assertIn("โนนสะอาด", frappe.db.get_value("Letter Head", default[0], "content"))

	def test_error_tracebacks_are_off(self):
		frappe.db.set_single_value("System Settings", "allow_error_traceback", 1)
		install.setup_error_tracebacks()
		install.setup_error_tracebacks()
		self.assertEqual(frappe.db.get_single_value("System Settings", "allow_error_traceback"), 0)
