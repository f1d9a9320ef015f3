"""ADL Assessment: only allowed scores, total and group, the person's group and the plan's visit interval
follow the latest assessment; the overdue-visit alert reaches the care manager."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime, today

from nonsaad_smart.smart_care.rules import InvalidBarthelScoreError
from nonsaad_smart.smart_care.tests.factories import adl_scores, make_adl, make_care_person, make_team
from nonsaad_smart.smart_care.visits import overdue_visits, send_overdue_visit_alerts


class TestADLAssessment(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.team = make_team()

	def test_scores_total_and_group(self):
		person = make_care_person().name
		with self.assertRaises(InvalidBarthelScoreError):
			frappe.get_doc(
				{"doctype": "ADL Assessment", "care_person": person, **adl_scores(10), "grooming": "2"}
			).insert()
		self.assertEqual(
			(make_adl(person, 12).adl_group, make_adl(person, 11).adl_group, make_adl(person, 4).adl_group),
			("Social", "Homebound", "Bedbound"),
		)

	def test_group_and_interval_follow_latest(self):
		person = make_care_person(care_manager=self.team["manager"]).name
		make_adl(person, 15, add_days(today(), -200))
		plan = frappe.get_doc(
			{
				"doctype": "Care Plan",
				"care_person": person,
				"goals": "ดูแลต่อเนื่อง",
				"care_manager": self.team["manager"],
				"start_date": add_days(today(), -60),
			}
		).insert()
		self.assertEqual(plan.visit_interval_days, 30)
		make_adl(person, 3, add_days(today(), -30))
		self.assertEqual(frappe.db.get_value("Care Person", person, "adl_group"), "Bedbound")
		self.assertEqual(frappe.db.get_value("Care Plan", plan.name, "visit_interval_days"), 7)
		# no visit since the plan started 60 days ago: overdue, and the care manager is told
		self.assertIn(person, [r.care_person for r in overdue_visits()])
		before = frappe.db.count(
			"Notification Log", {"for_user": self.team["manager"], "document_name": person}
		)
		send_overdue_visit_alerts()
		self.assertGreater(
			frappe.db.count("Notification Log", {"for_user": self.team["manager"], "document_name": person}),
			before,
		)
		frappe.get_doc(
			{
				"doctype": "Home Visit",
				"care_person": person,
				"caregiver": self.team["caregiver"],
				"check_in_time": now_datetime(),
			}
		).insert()
		self.assertNotIn(person, [r.care_person for r in overdue_visits()])
