"""The app's Jinja print formats are English sources translated through translations/th.csv (no Thai
literal in their HTML, except the two forms whose Thai wording is prescribed: the road register "แบบ ทถ.๑"
of the Department of Rural Roads and the annual stock check report to the municipality's head under the
Ministry of Finance procurement regulation 2560, art. 213). Each converted print, rendered for a Thai user,
reads Thai, and the record's own text is escaped."""

import re
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_user_lang, print_language

from nonsaad_smart.e_smart_service.tests.factories import make_request
from nonsaad_smart.smart_i_pole.testing import make_pole, make_repair
from nonsaad_smart.smart_karupan.doctype.asset_stock_check.test_asset_stock_check import make_asset
from nonsaad_smart.tests.utils import make_user

APP = Path(frappe.get_app_path("nonsaad_smart"))
THAI = re.compile(r"[\u0E00-\u0E7F]")
# prescribed Thai forms: their wording is the regulation's (see the module docstring)
THAI_BY_REGULATION = {"road_register", "asset_stock_check_report"}
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def thai_print(doctype: str, name: str, print_format: str) -> str:
	"""The print as a Thai desk user gets it (their language is the print's language)."""
	user = make_user("print.thai@nonsaad.test", ["System Manager", "Municipal Admin", "Supplies Officer"])
	frappe.db.set_value("User", user, "language", "th")
	frappe.set_user(user)
	try:
		with print_language(get_user_lang(user)):
			return frappe.get_print(doctype, name, print_format)
	finally:
		frappe.set_user("Administrator")


def stored(doctype: str, name: str, field: str, value: str):
	"""Text as an old record or an import may hold it (the forms refuse HTML today)."""
	frappe.db.set_value(doctype, name, field, value, update_modified=False)


class TestPrintFormatsThai(FrappeTestCase):
	def test_no_thai_literal_in_the_templates(self):
		literal = [
			str(path.relative_to(APP))
			for path in APP.glob("*/print_format/*/*.html")
			if path.parent.name not in THAI_BY_REGULATION and THAI.search(path.read_text())
		]
		self.assertFalse(literal, f"Thai written in a print format (use _() and th.csv): {literal}")

	def test_service_request_receipt(self):
		doc = make_request()
		stored("Service Request", doc.name, "description", f"ท่อแตก {SCRIPT}")
		stored("Service Request", doc.name, "requester_name", "นายทดสอบ & ลูก")
		html = thai_print("Service Request", doc.name, "Service Request Receipt")
		for text in ("ใบรับเรื่อง / ใบรับคำขอ", "เลขที่เรื่อง", "ผู้ยื่นเรื่อง", "วันทำการ", "กำหนดแล้วเสร็จ"):
			self.assertIn(text, html)
		self.assertIn("สแกนเพื่อติดตามสถานะ", html)
		self.assertIn(ESCAPED, html)
		self.assertNotIn(SCRIPT, html)
		self.assertIn("นายทดสอบ &amp; ลูก", html)

	def test_pole_repair_job_sheet(self):
		pole = make_pole(status="Faulty")
		repair = make_repair(pole.name)
		stored("Pole Repair", repair.name, "fault_description", f"หลอดไม่ติด {SCRIPT}")
		html = thai_print("Pole Repair", repair.name, "Pole Repair Job Sheet")
		for text in ("ใบงานซ่อมไฟฟ้าส่องสว่าง", "เลขที่ใบงาน", "(ร่าง)", "วัสดุที่ใช้", "ไม่มี", "ผู้ตรวจรับงาน"):
			self.assertIn(text, html)
		self.assertIn("พิมพ์เมื่อ", html)
		self.assertIn(ESCAPED, html)
		self.assertNotIn(SCRIPT, html)

	def test_asset_register_card(self):
		asset = make_asset()
		stored("Asset", asset.name, "asset_name", f"เครื่องพิมพ์ {SCRIPT}")
		html = thai_print("Asset", asset.name, "Asset Register Card")
		for text in ("ทะเบียนคุมทรัพย์สิน", "รหัสครุภัณฑ์", "ค่าเสื่อมราคารายปีงบประมาณ", "อายุการใช้งาน", "บาท"):
			self.assertIn(text, html)
		self.assertIn(ESCAPED, html)
		self.assertNotIn(SCRIPT, html)
