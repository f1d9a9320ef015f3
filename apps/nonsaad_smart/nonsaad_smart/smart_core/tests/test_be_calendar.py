"""BE years in naming series and in the framework's server-side date formatting (Thai readers only)."""

import datetime

import frappe
from frappe.model.naming import make_autoname
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from nonsaad_smart.smart_core import be_calendar
from nonsaad_smart.smart_core.thai_date import fiscal_year
from nonsaad_smart.smart_i_pole.testing import make_pole, make_repair, pole_village


class TestBENamingSeries(FrappeTestCase):
	def test_variables_follow_the_documents_date(self):
		before_fy_end = frappe._dict(start_datetime="2026-09-30 16:00:00")
		after_fy_start = frappe._dict(start_datetime="2026-10-01 08:00:00")
		self.assertEqual(be_calendar.naming_variable(before_fy_end, "BEFY"), "2569")
		self.assertEqual(be_calendar.naming_variable(after_fy_start, "BEFY"), "2570")
		self.assertEqual(be_calendar.naming_variable(after_fy_start, "BEYYYY"), "2569")
		self.assertEqual(be_calendar.naming_variable(after_fy_start, "BEYY"), "69")
		self.assertEqual(
			be_calendar.naming_variable(frappe._dict(posting_date="2027-01-05"), "BEYYYY"), "2570"
		)

	def test_without_a_date_today_decides(self):
		self.assertEqual(be_calendar.naming_variable(None, "BEFY"), str(fiscal_year(today())))

	def test_dotted_series_uses_the_hook(self):
		name = make_autoname("TEST-BE-.BEFY.-.####", doc=frappe._dict(posting_date="2026-12-02"))
		self.assertTrue(name.startswith("TEST-BE-2570-"), name)
		name = make_autoname("TEST-BE-.BEYYYY.-.####", doc=frappe._dict(posting_date="2026-12-02"))
		self.assertTrue(name.startswith("TEST-BE-2569-"), name)

	def test_pole_repair_is_numbered_by_be_fiscal_year(self):
		pole_village()
		pole = make_pole(status="Faulty")
		repair = make_repair(pole.name, start_datetime="2026-10-05 09:00:00")
		self.assertRegex(repair.name, r"^PRP-2570-\d{5}$")
		earlier = make_repair(make_pole(status="Faulty").name, start_datetime="2026-09-29 09:00:00")
		self.assertRegex(earlier.name, r"^PRP-2569-\d{5}$")

	def test_app_doctypes_have_no_ce_year_in_their_series(self):
		"""Every DocType of the app that names by year uses a BE variable (CE .YYYY. / {YYYY} are gone)."""
		for module in frappe.get_module_list("nonsaad_smart"):
			for doctype in frappe.get_all("DocType", filters={"module": module}, fields=["name", "autoname"]):
				with self.subTest(doctype=doctype.name):
					self.assertNotRegex(doctype.autoname or "", r"(?<!BE)YYYY|\.YY\.|\{YY\}")

	def test_disposal_request_is_numbered_by_be_fiscal_year(self):
		doc = frappe.new_doc("Asset Disposal Request")
		doc.autoname()
		self.assertRegex(doc.name, rf"^ADR-{fiscal_year(today())}-\d{{4}}$")

	def test_erpnext_series_users_read_are_be(self):
		"""Karupan's register shows Asset names: ACC-ASS-2569-00001, not ACC-ASS-2026-00001."""
		be_calendar.setup_be_naming_series()
		be_calendar.setup_be_naming_series()
		options = frappe.get_meta("Asset").get_field("naming_series").options
		self.assertIn(".BEYYYY.", options)
		self.assertNotIn(".YYYY.", options)
		self.assertIn("{BEYYYY}", frappe.get_meta("Asset Movement").autoname)
		self.assertNotIn(".YYYY.", frappe.get_meta("Journal Entry").get_field("naming_series").options)
		name = make_autoname(options.split("\n")[0] + ".#####", doc=frappe._dict(posting_date="2026-12-02"))
		self.assertTrue(name.startswith("ACC-ASS-2569-"), name)


class TestBEFormatting(FrappeTestCase):
	def setUp(self):
		be_calendar.install()
		self._lang = frappe.local.lang

	def tearDown(self):
		frappe.local.lang = self._lang

	def test_thai_reader_gets_be_years(self):
		frappe.local.lang = "th"
		self.assertEqual(frappe.format_value(datetime.date(2026, 12, 2), {"fieldtype": "Date"}), "02-12-2569")
		self.assertEqual(
			frappe.format_value(datetime.datetime(2026, 12, 2, 9, 5), {"fieldtype": "Datetime"})[:10],
			"02-12-2569",
		)
		self.assertEqual(frappe.utils.formatdate("2024-02-29"), "29-02-2567")
		self.assertIn("2569", frappe.utils.global_date_format("2026-12-02"))
		self.assertNotIn("2026", frappe.utils.global_date_format("2026-12-02"))

	def test_document_formatting_and_prints_are_be(self):
		frappe.local.lang = "th"
		doc = frappe.get_doc({"doctype": "Service Request", "due_date": "2026-12-02"})
		self.assertEqual(doc.get_formatted("due_date"), "02-12-2569")

	def test_other_languages_unchanged(self):
		frappe.local.lang = "en"
		self.assertEqual(frappe.format_value(datetime.date(2026, 12, 2), {"fieldtype": "Date"}), "02-12-2026")

	def test_install_is_idempotent(self):
		be_calendar.install()
		be_calendar.install()
		frappe.local.lang = "th"
		self.assertEqual(frappe.utils.formatdate("2026-12-02"), "02-12-2569")

	def test_to_be_text(self):
		self.assertEqual(be_calendar.to_be_text("02-12-2026 10:00"), "02-12-2569 10:00")
		self.assertEqual(be_calendar.to_be_text("02-12-2569"), "02-12-2569")  # already BE
		self.assertEqual(be_calendar.to_be_text(""), "")
