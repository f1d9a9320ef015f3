"""Child Development Centre: code, enrolment checks, the staff ratio flag on known data, the head's
User Permission, the ratio following a rule change."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core.geo import OutsideMunicipalityError
from nonsaad_smart.smart_kids.doctype.child_development_centre.child_development_centre import (
	InvalidCentreCodeError,
	InvalidCentreHeadError,
	InvalidEnrolmentError,
)
from nonsaad_smart.smart_kids.ratio import ratio_rows
from nonsaad_smart.smart_kids.tests.factories import enrolment_row, make_centre, make_head, make_staff


class TestChildDevelopmentCentre(FrappeTestCase):
	def test_code_pattern(self):
		self.assertEqual(make_centre("cdc-81 ").name, "CDC-81")
		for bad in ("CDC-1", "KID-01", "CDC-001", ""):
			with self.assertRaises(InvalidCentreCodeError):
				make_centre(bad)

	def test_outside_the_municipality_is_refused(self):
		with self.assertRaises(OutsideMunicipalityError):
			make_centre("CDC-82", latitude=13.75, longitude=100.5)

	def test_ratio_flag_on_known_data(self):
		# rule: 2-3 years at most 10 per caregiver, 3-5 years at most 15 (seed data)
		within = make_centre(
			"CDC-83",
			[
				enrolment_row("2-3 years", 20, 2),  # 10.0: at the limit, not over
				enrolment_row("3-5 years", 30, 2),  # 15.0
				enrolment_row("2-3 years", 40, 1, year=2569, term="2"),  # an older term does not count
			],
		)
		self.assertEqual(within.over_ratio, 0)
		self.assertEqual(within.enrolled_children, 50)
		self.assertEqual(within.current_term, frappe._("Term {0}/{1}").format(1, 2570))
		over = make_centre("CDC-84", [enrolment_row("2-3 years", 21, 2), enrolment_row("3-5 years", 10, 1)])
		self.assertEqual(over.over_ratio, 1)
		rows = {r["age_group"]: r for r in ratio_rows(over.enrolment)}
		self.assertEqual(rows["2-3 years"]["per_caregiver"], 10.5)
		self.assertTrue(rows["2-3 years"]["over"])
		self.assertFalse(rows["3-5 years"]["over"])
		no_caregiver = make_centre("CDC-85", [enrolment_row("3-5 years", 5, 0)])
		self.assertEqual(no_caregiver.over_ratio, 1)

	def test_rule_change_reflags_centres(self):
		centre = make_centre("CDC-86", [enrolment_row("3-5 years", 28, 2)])  # 14 per caregiver
		self.assertEqual(centre.over_ratio, 0)
		rule = frappe.get_doc("Staff Ratio Rule", "3-5 years")
		rule.max_children_per_caregiver = 12
		rule.save()
		self.assertEqual(frappe.db.get_value("Child Development Centre", centre.name, "over_ratio"), 1)

	def test_enrolment_checks(self):
		with self.assertRaises(InvalidEnrolmentError):
			make_centre("CDC-87", [enrolment_row("3-5 years", 5, 1, year=2026)])  # a CE year
		with self.assertRaises(InvalidEnrolmentError):
			make_centre("CDC-87", [enrolment_row("3-5 years", 5, 1), enrolment_row("3-5 years", 6, 1)])
		with self.assertRaises(InvalidEnrolmentError):
			make_centre("CDC-87", [enrolment_row("3-5 years", 61, 5)])  # over the capacity of 60
		self.assertFalse(frappe.db.exists("Child Development Centre", "CDC-87"))

	def test_head_gets_and_loses_the_user_permission(self):
		centre = make_centre("CDC-88")
		head = make_head(centre.name, "kids.head88@nonsaad.test")
		self.assertTrue(
			frappe.db.exists(
				"User Permission",
				{"user": head.user, "allow": "Child Development Centre", "for_value": centre.name},
			)
		)
		centre.reload()
		centre.head = None
		centre.save()
		self.assertFalse(frappe.db.exists("User Permission", {"user": head.user, "for_value": centre.name}))

	def test_head_must_be_a_head_of_this_centre(self):
		centre = make_centre("CDC-89")
		other = make_centre("CDC-90")
		caregiver = make_staff(centre.name, "Caregiver")
		elsewhere = make_staff(other.name, "Head of Centre")
		for staff in (caregiver, elsewhere):
			centre.reload()
			centre.head = staff.name
			with self.assertRaises(InvalidCentreHeadError):
				centre.save()
