"""The time chain: stamps strictly in order at the server's time, only by the incident's crew (or a
dispatcher); corrections only by an authorised role, monotonic, logged with who and why (and Version)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from nonsaad_smart.smart_ems.chain import TimeChainOrderError
from nonsaad_smart.smart_ems.dispatch import dispatch
from nonsaad_smart.smart_ems.doctype.ems_incident.ems_incident import TimeChainEditError
from nonsaad_smart.smart_ems.tests.factories import crew_user, make_incident, ready_ambulance
from nonsaad_smart.smart_ems.timechain import (
	CorrectionNotAllowedError,
	InvalidCorrectionError,
	NotYourIncidentError,
	correct_time,
	stamp,
)
from nonsaad_smart.tests.utils import make_user


class TestTimeChain(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.other_crew = crew_user("ems.chain.other@nonsaad.test")
		cls.dispatcher = make_user("ems.chain.dispatcher@nonsaad.test", ["EMS Dispatcher"])

	def setUp(self):
		# each test's crew rides a new ambulance: a user is linked to one crew member only
		self.crew_user = crew_user(f"ems.chain.{frappe.generate_hash(length=8)}@nonsaad.test")

	def tearDown(self):
		frappe.set_user("Administrator")

	def dispatched(self, user=None):
		amb, _crew = ready_ambulance(crew_users=(user,) if user else ())
		incident = make_incident(minutes_ago=10)
		dispatch(incident.name, amb)
		return incident.name, amb

	def test_steps_in_order_only(self):
		name, amb = self.dispatched(self.crew_user)
		frappe.set_user(self.crew_user)
		with self.assertRaises(TimeChainOrderError):
			stamp(name, "at_scene")
		state = stamp(name, "left_base")
		self.assertEqual(state["next_step"], "at_scene")
		with self.assertRaises(TimeChainOrderError):
			stamp(name, "left_base")  # a double tap records once
		stamp(name, "at_scene")
		frappe.set_user("Administrator")
		doc = frappe.get_doc("EMS Incident", name)
		self.assertEqual(doc.status, "At Scene")
		self.assertEqual(frappe.db.get_value("Ambulance", amb, "status"), "At Scene")
		self.assertLessEqual(get_datetime(doc.dispatched), get_datetime(doc.left_base))
		self.assertLessEqual(abs((get_datetime(doc.at_scene) - now_datetime()).total_seconds()), 60)
		self.assertAlmostEqual(doc.response_minutes, 10, delta=1)
		self.assertTrue(doc.within_8_minutes is not None)

	def test_full_chain_releases_ambulance_and_crew(self):
		name, amb = self.dispatched(self.crew_user)
		frappe.set_user(self.crew_user)
		for step in ("left_base", "at_scene", "left_scene", "at_hospital", "back_in_service"):
			stamp(name, step)
		frappe.set_user("Administrator")
		doc = frappe.get_doc("EMS Incident", name)
		self.assertEqual((doc.status, doc.outcome), ("Closed", "Transported"))
		self.assertIsNotNone(doc.total_minutes)
		row = frappe.db.get_value("Ambulance", amb, ["status", "current_incident"], as_dict=True)
		self.assertEqual((row.status, row.current_incident), ("Available", None))
		self.assertFalse(frappe.get_all("EMS Crew Member", filters={"current_incident": name}))

	def test_no_transport_skips_the_hospital(self):
		name, _amb = self.dispatched()
		for step in ("left_base", "at_scene", "left_scene"):
			stamp(name, step)
		stamp(name, "back_in_service", no_transport=1)
		doc = frappe.get_doc("EMS Incident", name)
		self.assertEqual((doc.status, doc.no_transport, doc.outcome), ("Closed", 1, "Treated at Scene"))
		self.assertIsNone(doc.at_hospital)

	def test_crew_press_only_their_own_incident(self):
		name, _amb = self.dispatched(self.crew_user)
		frappe.set_user(self.other_crew)
		with self.assertRaises(NotYourIncidentError):
			stamp(name, "left_base")
		self.assertFalse(frappe.has_permission("EMS Incident", "read", name, user=self.other_crew))
		self.assertNotIn(name, frappe.get_list("EMS Incident", pluck="name"))
		frappe.set_user(self.crew_user)
		self.assertIn(name, frappe.get_list("EMS Incident", pluck="name"))
		self.assertFalse(frappe.get_doc("EMS Incident", name).left_base)

	def test_stamps_not_editable_in_the_form(self):
		name, _amb = self.dispatched()
		doc = frappe.get_doc("EMS Incident", name)
		doc.dispatched = add_to_date(doc.dispatched, minutes=-1)
		with self.assertRaises(TimeChainEditError):
			doc.save(ignore_permissions=True)

	def test_correction_by_dispatcher_logged_and_monotonic(self):
		name, _amb = self.dispatched()
		stamp(name, "left_base")
		doc = frappe.get_doc("EMS Incident", name)
		old = get_datetime(doc.dispatched)
		reason = "วิทยุขัดข้อง สั่งการทางโทรศัพท์ก่อนบันทึก"
		frappe.set_user(self.crew_user)
		with self.assertRaises(CorrectionNotAllowedError):
			correct_time(name, "dispatched", str(add_to_date(old, minutes=-2)), reason)
		frappe.set_user(self.dispatcher)
		with self.assertRaises(TimeChainOrderError):  # before the call
			correct_time(name, "dispatched", str(add_to_date(doc.call_received, minutes=-1)), reason)
		with self.assertRaises(TimeChainOrderError):  # after the next stamp
			correct_time(name, "dispatched", str(add_to_date(doc.left_base, minutes=1)), reason)
		with self.assertRaises(TimeChainOrderError):  # in the future
			correct_time(name, "left_base", str(add_to_date(now_datetime(), minutes=5)), reason)
		with self.assertRaises(InvalidCorrectionError):  # no reason
			correct_time(name, "dispatched", str(old), "")
		with self.assertRaises(InvalidCorrectionError):  # not recorded yet
			correct_time(name, "at_scene", str(old), reason)
		new = add_to_date(old, minutes=-2)
		correct_time(name, "dispatched", str(new), reason)
		frappe.set_user("Administrator")
		doc = frappe.get_doc("EMS Incident", name)
		self.assertEqual(get_datetime(doc.dispatched), new)
		self.assertAlmostEqual(doc.dispatch_minutes, 8, delta=0.2)
		row = doc.corrections[-1]
		self.assertEqual((row.step, row.corrected_by, row.reason), ("Dispatched", self.dispatcher, reason))
		self.assertEqual(get_datetime(row.old_time), old)
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "EMS Incident", "docname": name}, pluck="data"
		)
		self.assertTrue(any('"dispatched"' in v for v in versions), versions)
