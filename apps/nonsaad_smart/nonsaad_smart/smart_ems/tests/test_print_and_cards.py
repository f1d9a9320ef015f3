"""The incident record print (Thai, BE dates, the time chain and its corrections) and the workspace
cards (active incidents, ambulances available, 8-minute compliance, expiring certificates)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_datetime, today

from nonsaad_smart.smart_ems import api
from nonsaad_smart.smart_ems.dispatch import dispatch
from nonsaad_smart.smart_ems.tests.factories import closed_incident, make_crew, make_incident, ready_ambulance
from nonsaad_smart.tests.utils import make_user


class TestIncidentPrint(FrappeTestCase):
	def test_record_in_thai_with_be_dates_and_time_chain(self):
		doc = closed_incident(get_datetime("2020-03-15 10:00:00"), 7.5)
		lang, frappe.local.lang = frappe.local.lang, "th"
		try:
			html = frappe.get_print("EMS Incident", doc.name, "EMS Incident Record")
		finally:
			frappe.local.lang = lang
		for text in ("แบบบันทึกการปฏิบัติการแพทย์ฉุกเฉิน", "เวลาปฏิบัติการ", "รับแจ้งเหตุ", "ถึงที่เกิดเหตุ", "2563"):
			self.assertIn(text, html)
		self.assertIn("10:07:30", html)  # at scene, 7.5 minutes after the call
		self.assertNotIn("2020", html.split("เวลาปฏิบัติการ", 1)[1])  # BE years in the time chain


class TestWorkspaceCards(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_cards_count_what_they_say(self):
		dispatcher = make_user("ems.cards.dispatcher@nonsaad.test", ["EMS Dispatcher"])
		frappe.set_user(dispatcher)
		active, available = api.active_incident_count()["value"], api.available_ambulance_count()["value"]
		expiring = api.expiring_certificate_count()["value"]
		frappe.set_user("Administrator")
		amb, _crew = ready_ambulance()
		make_crew(certificate_expiry=add_days(today(), 30))
		dispatch(make_incident().name, amb)
		frappe.set_user(dispatcher)
		self.assertEqual(api.active_incident_count()["value"], active + 1)
		self.assertEqual(api.available_ambulance_count()["value"], available)  # one more, and it left
		self.assertEqual(api.expiring_certificate_count()["value"], expiring + 1)
		self.assertEqual(api.eight_minute_card()["fieldtype"], "Percent")
