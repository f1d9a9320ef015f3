"""Care Person: validation (bank account length, disability card), caregiver and care manager row rules
(list, single record, child records, report, map layer), the EMS layer's roles and minimal data, the PDPA
view log of the desk form."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_care.api import adl_village_layer, vulnerable_homes_layer
from nonsaad_smart.smart_care.doctype.care_person.care_person import MissingDisabilityCardError
from nonsaad_smart.smart_care.report.overdue_home_visits import overdue_home_visits
from nonsaad_smart.smart_care.rules import InvalidBankAccountError
from nonsaad_smart.smart_care.tests.factories import make_adl, make_care_person, make_team
from nonsaad_smart.tests.utils import make_user


class TestCarePerson(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.team = make_team()
		cls.mine = make_care_person(caregivers=[cls.team["caregiver"]], care_manager=cls.team["manager"])
		cls.theirs = make_care_person(caregivers=[cls.team["caregiver2"]], care_manager=cls.team["manager2"])
		for person in (cls.mine, cls.theirs):
			make_adl(person.name, 3)
			frappe.get_doc(
				{
					"doctype": "Care Plan",
					"care_person": person.name,
					"goals": "ป้องกันแผลกดทับ",
					"care_manager": person.care_manager,
					"start_date": "2026-01-01",
				}
			).insert(ignore_permissions=True)
		cls.visit = frappe.get_doc(
			{
				"doctype": "Home Visit",
				"care_person": cls.theirs.name,
				"caregiver": cls.team["caregiver2"],
				"check_in_time": "2026-02-01 09:00:00",
			}
		).insert(ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_validation(self):
		with self.assertRaises(InvalidBankAccountError):
			make_care_person(bank="Krungthai Bank", bank_account_no="12345")
		with self.assertRaises(MissingDisabilityCardError):
			make_care_person(kind="Person with Disability", disability_card_no="")
		self.assertEqual(self.mine.bank_account_masked, "xxxxxx3210")
		self.assertTrue(
			self.mine.national_id_masked.endswith(
				self.mine.national_id[-4:-2] + "-" + self.mine.national_id[-1]
			)
			or "x" in self.mine.national_id_masked
		)

	def test_caregiver_sees_only_assigned_persons(self):
		frappe.set_user(self.team["caregiver"])
		names = set(frappe.get_list("Care Person", pluck="name", limit=0))
		self.assertIn(self.mine.name, names)
		self.assertNotIn(self.theirs.name, names)
		self.assertFalse(frappe.has_permission("Care Person", "read", doc=self.theirs.name))
		self.assertTrue(frappe.has_permission("Care Person", "read", doc=self.mine.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Care Person", self.theirs.name).check_permission("read")
		# their records too: visits, ADL, plans
		self.assertNotIn(self.visit.name, frappe.get_list("Home Visit", pluck="name", limit=0))
		self.assertFalse(frappe.has_permission("Home Visit", "read", doc=self.visit.name))
		adl = set(frappe.get_list("ADL Assessment", pluck="care_person", limit=0))
		self.assertEqual(adl, {self.mine.name})
		self.assertFalse(
			frappe.has_permission(
				"Care Plan", "write", doc=frappe.db.get_value("Care Plan", {"care_person": self.theirs.name})
			)
		)
		# cannot record a visit for someone else's person
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "Home Visit",
					"care_person": self.theirs.name,
					"caregiver": self.team["caregiver"],
					"check_in_time": "2026-02-02 09:00:00",
				}
			).insert()
		frappe.get_doc(
			{
				"doctype": "Home Visit",
				"care_person": self.mine.name,
				"caregiver": self.team["caregiver"],
				"check_in_time": "2026-02-02 09:00:00",
			}
		).insert()
		# the report and the map count only their persons
		rows = overdue_home_visits.execute({})[1]
		self.assertEqual({r.care_person for r in rows} - {self.mine.name}, set())
		counts = adl_village_layer()["features"]
		self.assertEqual(sum(f["properties"]["bedbound"] for f in counts), 1)

	def test_care_manager_sees_caseload(self):
		frappe.set_user(self.team["manager"])
		names = set(frappe.get_list("Care Person", pluck="name", limit=0))
		self.assertIn(self.mine.name, names)
		self.assertNotIn(self.theirs.name, names)
		frappe.set_user(self.team["swo"])
		self.assertTrue(
			{self.mine.name, self.theirs.name} <= set(frappe.get_list("Care Person", pluck="name", limit=0))
		)

	def test_vulnerable_homes_layer_for_ems(self):
		dispatcher = make_user("dispatcher.care@test.nonsaad.go.th", ["EMS Dispatcher"])
		frappe.set_user(dispatcher)
		features = vulnerable_homes_layer()["features"]
		ours = [f for f in features if f["properties"]["first_name"] == self.mine.first_name]
		self.assertTrue(ours)
		self.assertLessEqual(
			set(features[0]["properties"]), {"first_name", "adl_group", "village", "house_no", "title"}
		)
		frappe.set_user(self.team["caregiver"])
		with self.assertRaises(frappe.PermissionError):
			vulnerable_homes_layer()

	def test_desk_view_is_logged(self):
		from frappe.desk.form.load import getdoc

		frappe.set_user(self.team["swo"])
		before = frappe.db.count(
			"View Log", {"reference_doctype": "Care Person", "reference_name": self.mine.name}
		)
		getdoc("Care Person", self.mine.name)
		after = frappe.db.count(
			"View Log",
			{
				"reference_doctype": "Care Person",
				"reference_name": self.mine.name,
				"viewed_by": self.team["swo"],
			},
		)
		self.assertEqual(after, before + 1)
