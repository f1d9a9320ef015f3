"""Pole Repair: pole status through the repair, the linked request resolved, dates, roles, print, report."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import print_language
from frappe.utils.pdf import get_pdf

from nonsaad_smart.e_smart_service.api import ACCEPTED, REJECTED, RESOLVED
from nonsaad_smart.smart_i_pole.doctype.pole_repair.pole_repair import (
	AfterPhotoRequiredError,
	NotATechnicianError,
	OutcomeRequiredError,
	RemovedPoleError,
	RepairDatesError,
	RequestPoleMismatchError,
)
from nonsaad_smart.smart_i_pole.report.monthly_pole_repairs import monthly_pole_repairs
from nonsaad_smart.smart_i_pole.testing import (
	make_pole,
	make_pole_request,
	make_repair,
	make_technician,
	pole_village,
)
from nonsaad_smart.tests.utils import make_image_file, make_user, pdf_text

# the tests make their own records: no ERPNext test records (Asset/Item pull in payments)
test_ignore = ["Item", "Service Request", "User", "Asset"]


class TestPoleRepair(FrappeTestCase):
	def setUp(self):
		self.village = pole_village()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_start_and_complete_sets_pole_status(self):
		pole = make_pole(status="Faulty")
		repair = make_repair(pole.name, parts=[{"item": "หลอด LED 40W", "qty": 2, "unit_cost": 350}])
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Under Repair")
		self.assertEqual(repair.total_cost, 700)
		self.assertEqual(repair.parts[0].amount, 700)
		repair.outcome = "Replaced Lamp"
		repair.end_datetime = "2026-01-10 11:30:00"
		repair.submit()
		pole.reload()
		self.assertEqual(pole.status, "Working")
		self.assertIsNone(pole.faulty_since)
		repair.cancel()
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Faulty")

	def test_needs_replacement_keeps_pole_faulty(self):
		pole = make_pole(status="Faulty")
		repair = make_repair(pole.name)
		repair.outcome = "Needs Replacement"
		repair.submit()
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Faulty")
		self.assertIsNotNone(repair.end_datetime)

	def test_bad_dates_rejected(self):
		pole = make_pole()
		before = frappe.db.count("Pole Repair")
		with self.assertRaises(RepairDatesError):
			make_repair(pole.name, start_datetime="2026-01-10 09:00:00", end_datetime="2026-01-10 08:59:00")
		with self.assertRaises(RepairDatesError):
			make_repair(pole.name, start_datetime="2026-01-10 09:00:00", end_datetime="2999-01-01 00:00:00")
		self.assertEqual(frappe.db.count("Pole Repair"), before)
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Working")

	def test_outcome_required_and_technician_role(self):
		pole = make_pole(status="Faulty")
		clerk = make_user("pole.clerk@nonsaad.test", ["Front Desk Officer"])
		with self.assertRaises(NotATechnicianError):
			make_repair(pole.name, technician=clerk)
		repair = make_repair(pole.name)
		with self.assertRaises(OutcomeRequiredError):
			repair.submit()
		removed = make_pole(status="Removed")
		with self.assertRaises(RemovedPoleError):
			make_repair(removed.name)

	def test_roles(self):
		pole = make_pole(status="Faulty")
		tech = make_technician()
		front = make_user("pole.front@nonsaad.test", ["Front Desk Officer"])
		auditor = make_user("pole.auditor@nonsaad.test", ["Auditor"])
		values = {
			"doctype": "Pole Repair",
			"pole": pole.name,
			"technician": tech,
			"start_datetime": "2026-01-10 09:00:00",
		}
		for user in (front, auditor):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError, msg=user):
				frappe.get_doc(values).insert()
		frappe.set_user(tech)
		repair = frappe.get_doc(values).insert()
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Under Repair")
		repair.outcome = "Repaired"
		repair.submit()
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Working")
		with self.assertRaises(frappe.PermissionError):
			repair.cancel()
		frappe.set_user(auditor)
		self.assertTrue(frappe.has_permission("Pole Repair", "read", repair.name))
		self.assertFalse(frappe.has_permission("Pole Repair", "write", repair.name))

	def test_request_accepted_then_repair_resolves_it(self):
		pole = make_pole()
		request = make_pole_request(pole.name)
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Working")
		request.workflow_state = ACCEPTED
		request.save()
		pole.reload()
		self.assertEqual(pole.status, "Faulty")
		self.assertEqual(pole.faulty_since, request.submitted_on)

		other = make_pole()
		with self.assertRaises(RequestPoleMismatchError):
			make_repair(other.name, service_request=request.name)

		repair = make_repair(pole.name, service_request=request.name, work_done="เปลี่ยนหลอดและสตาร์ทเตอร์")
		self.assertEqual(repair.source, "Service Request")
		repair.outcome = "Repaired"
		with self.assertRaises(AfterPhotoRequiredError):
			repair.submit()
		repair.reload()
		repair.outcome = "Repaired"
		repair.after_photo = make_image_file("after-repair.png")
		repair.submit()
		request.reload()
		self.assertEqual(request.workflow_state, RESOLVED)
		self.assertIn("เปลี่ยนหลอดและสตาร์ทเตอร์", request.resolution_note)
		self.assertEqual(request.after_photo, repair.after_photo)
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Working")

	def test_rejected_request_returns_pole_to_working(self):
		pole = make_pole()
		request = make_pole_request(pole.name)
		request.workflow_state = ACCEPTED
		request.save()
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Faulty")
		request.workflow_state = REJECTED
		request.reason = "ตรวจสอบแล้วไฟใช้งานได้ปกติ"
		request.save()
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Working")

		# another open report about the pole keeps it Faulty
		first = make_pole_request(pole.name)
		first.workflow_state = ACCEPTED
		first.save()
		second = make_pole_request(pole.name, allow_duplicate_asset=True)
		second.workflow_state = REJECTED
		second.reason = "แจ้งผิดต้น"
		second.save()
		self.assertEqual(frappe.db.get_value("Street Light Pole", pole.name, "status"), "Faulty")

	def test_job_sheet_pdf(self):
		pole = make_pole(status="Faulty")
		repair = make_repair(pole.name, parts=[{"item": "หลอด LED 40W", "qty": 2, "unit_cost": 350}])
		repair.outcome = "Replaced Lamp"
		repair.end_datetime = "2026-01-10 11:30:00"
		repair.submit()
		with print_language("th"):  # the format's print language (the desk prints it so): English sources
			html = frappe.get_print("Pole Repair", repair.name, "Pole Repair Job Sheet")
		for text in (
			pole.name,
			"ใบงานซ่อมไฟฟ้าส่องสว่าง",
			"10 มกราคม 2569 09:00",
			"เจ็ดร้อยบาทถ้วน",
			"เปลี่ยนหลอด/โคมแล้ว",
		):
			self.assertIn(text, html)
		# no web server in app tests: drop the print's links to site assets, render the rest (Thai fonts)
		pdf = get_pdf(re.sub(r"<link[^>]*>|<img[^>]*>", "", html))
		text = pdf_text(pdf)
		self.assertIn(pole.name, text)
		self.assertIn("2569", text)

	def test_monthly_report(self):
		village = pole_village(94)
		frappe.db.delete("Pole Repair", {"village": village})
		pole = make_pole(94, status="Faulty")
		lamp = [{"item": "หลอด LED", "qty": 1, "unit_cost": 450}]
		cable = [{"item": "สายไฟ", "qty": 10, "unit_cost": 25}]
		for start, end, outcome, parts in (
			("2025-11-03 09:00:00", "2025-11-03 11:00:00", "Repaired", lamp),
			("2025-11-20 13:00:00", "2025-11-20 17:00:00", "Needs Replacement", cable),
			("2026-02-01 08:00:00", "2026-02-01 09:00:00", "Repaired", []),
		):
			make_repair(
				pole.name, start_datetime=start, end_datetime=end, outcome=outcome, parts=parts
			).submit()
		make_repair(pole.name, start_datetime="2026-03-01 08:00:00")  # draft: not counted
		_columns, rows, *_ = monthly_pole_repairs.execute({"fiscal_year": 2569, "village": village})
		by_month = {r["month"]: r for r in rows}
		self.assertEqual(len(rows), 13)
		self.assertEqual(rows[0]["month"], "ต.ค. 2568")
		nov = by_month["พ.ย. 2568"]
		self.assertEqual(
			(nov["repairs"], nov["fixed"], nov["not_fixed"], nov["total_cost"], nov["avg_hours"]),
			(2, 1, 1, 700, 3.0),
		)
		self.assertEqual(by_month["ก.พ. 2569"]["repairs"], 1)
		self.assertEqual(by_month["มี.ค. 2569"]["repairs"], 0)
		total = rows[-1]
		self.assertEqual((total["repairs"], total["total_cost"]), (3, 700))
