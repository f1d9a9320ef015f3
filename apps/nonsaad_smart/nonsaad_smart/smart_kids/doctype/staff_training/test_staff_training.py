"""Staff Training: hours counted in the Thai fiscal year of the end date (the Oct/Sep edge), bad input,
hours per person against the target (report), and a Centre Head seeing only their own centre."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from nonsaad_smart.smart_kids.doctype.staff_training.staff_training import InvalidTrainingError
from nonsaad_smart.smart_kids.report.training_hours_per_person import training_hours_per_person
from nonsaad_smart.smart_kids.tests.factories import make_centre, make_head, make_staff, make_training
from nonsaad_smart.smart_kids.training import hours_by_staff, target_hours


class TestStaffTraining(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.centre = make_centre("CDC-71").name
		cls.staff = make_staff(cls.centre, "Teacher").name

	def test_fiscal_year_edge(self):
		staff = make_staff(self.centre, "Teacher").name
		september = make_training(staff, "2026-09-30", 6, start_date="2026-09-30")
		october = make_training(staff, "2026-10-01", 3, start_date="2026-09-30")
		self.assertEqual(september.fiscal_year, 2569)
		self.assertEqual(october.fiscal_year, 2570)  # ended on 1 October: next fiscal year
		self.assertEqual(hours_by_staff(2569, [staff])[staff], 6)
		self.assertEqual(hours_by_staff(2570, [staff])[staff], 3)

	def test_bad_input(self):
		count = frappe.db.count("Staff Training")
		for kwargs in (
			{"end_date": "2026-05-01", "start_date": "2026-05-03"},  # ends before it starts
			{"end_date": add_days(today(), 3)},  # not over yet
			{"end_date": "2026-05-01", "hours": 0},
			{"end_date": "2026-05-01", "hours": 13},  # one day, more than 12 hours
		):
			with self.assertRaises(InvalidTrainingError, msg=kwargs):
				make_training(self.staff, **{"hours": 6, **kwargs})
		self.assertEqual(frappe.db.count("Staff Training"), count)

	def test_target_as_data(self):
		# seed: 20 hours for everyone from 2568, teachers and heads 30
		self.assertEqual(target_hours(2569, "Teacher"), 30)
		self.assertEqual(target_hours(2569, "Caregiver"), 20)
		self.assertEqual(target_hours(2567, "Teacher"), 0)  # before any target
		frappe.get_doc(
			{"doctype": "Training Hour Target", "fiscal_year": 2570, "position": "Caregiver", "hours": 25}
		).insert()
		self.assertEqual(target_hours(2570, "Caregiver"), 25)
		self.assertEqual(target_hours(2569, "Caregiver"), 20)  # a new row does not change the past

	def test_report_hours_against_target(self):
		staff = make_staff(self.centre, "Caregiver").name
		make_training(staff, "2025-11-10", 12)
		make_training(staff, "2026-03-10", 10)
		_columns, rows = training_hours_per_person.execute({"fiscal_year": 2569, "centre": self.centre})
		row = next(r for r in rows if r["staff"] == staff)
		self.assertEqual((row["hours"], row["target"], row["met"], row["shortfall"]), (22, 20, 1, 0))

	def test_centre_head_sees_only_own_centre(self):
		other_centre = make_centre("CDC-72").name
		other_staff = make_staff(other_centre, "Caregiver").name
		theirs = make_training(other_staff, "2026-03-10", 6).name
		head = make_head(self.centre, "kids.head71@nonsaad.test")
		mine = make_training(self.staff, "2026-04-10", 6).name
		frappe.set_user(head.user)
		try:
			names = frappe.get_list("Staff Training", pluck="name", limit=0)
			self.assertIn(mine, names)
			self.assertNotIn(theirs, names)
			self.assertFalse(frappe.has_permission("Staff Training", "read", theirs))
			self.assertNotIn(other_staff, frappe.get_list("Centre Staff", pluck="name", limit=0))
			_columns, rows = training_hours_per_person.execute({"fiscal_year": 2569})
			self.assertEqual({r["centre"] for r in rows}, {self.centre})
			intruder = frappe.get_doc(
				{
					"doctype": "Staff Training",
					"staff": other_staff,
					"course": "x",
					"start_date": "2026-04-11",
					"end_date": "2026-04-11",
					"hours": 3,
				}
			)
			with self.assertRaises(frappe.PermissionError):
				intruder.insert()
		finally:
			frappe.set_user("Administrator")
