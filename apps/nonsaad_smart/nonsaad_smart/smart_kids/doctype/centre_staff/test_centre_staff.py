"""Centre Staff: one active record per person and per user, dates, teaching licence format."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from nonsaad_smart.smart_kids.doctype.centre_staff.centre_staff import DuplicateStaffError, InvalidStaffError
from nonsaad_smart.smart_kids.tests.factories import make_centre, make_staff, make_training
from nonsaad_smart.tests.utils import make_citizen


class TestCentreStaff(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.centre = make_centre("CDC-41").name

	def test_one_active_record_per_person(self):
		citizen = make_citizen().name
		first = make_staff(self.centre, citizen=citizen)
		with self.assertRaises(DuplicateStaffError):
			make_staff(make_centre("CDC-42").name, citizen=citizen)
		first.status, first.left_on = "Left", today()
		first.save()
		moved = make_staff(make_centre("CDC-42").name, citizen=citizen)  # after leaving: a new record
		self.assertEqual(moved.full_name, first.full_name)

	def test_dates(self):
		with self.assertRaises(InvalidStaffError):
			make_staff(self.centre, appointment_date=add_days(today(), 5))
		with self.assertRaises(InvalidStaffError):
			make_staff(self.centre, status="Left")  # no leaving date
		with self.assertRaises(InvalidStaffError):
			make_staff(self.centre, status="Left", left_on="2019-01-01")  # before the appointment

	def test_licence_number_format(self):
		with self.assertRaises(InvalidStaffError):
			make_staff(self.centre, "Teacher", licence_number="12 34", licence_expiry="2030-01-01")
		staff = make_staff(self.centre, "Teacher", licence_number="65-1234567", licence_expiry="2030-01-01")
		self.assertEqual(staff.licence_number, "65-1234567")

	def test_staff_count_on_centre_and_summary(self):
		centre = make_centre("CDC-43").name
		staff = make_staff(centre, "Teacher")
		make_staff(centre, "Cook")  # not counted in the ratio
		self.assertEqual(frappe.db.get_value("Child Development Centre", centre, "active_staff"), 1)
		make_training(staff.name, today(), 4)
		summary = staff.training_summary()
		self.assertEqual((summary["hours"], summary["target"], summary["met"]), (4, 30, False))
