"""The rule that must never break (one ambulance on one active incident, one crew member on one ambulance),
the refusals (expired or missing certificate, failed vehicle check, no crew) and the suggestion."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from nonsaad_smart.smart_ems.crew import CrewCertificateError
from nonsaad_smart.smart_ems.dispatch import (
	AmbulanceBusyError,
	AmbulanceOutOfServiceError,
	CrewBusyError,
	IncidentNotOpenError,
	NoCrewError,
	dispatch,
	suggest,
)
from nonsaad_smart.smart_ems.doctype.ems_shift.ems_shift import ShiftOverlapError
from nonsaad_smart.smart_ems.tests.factories import (
	make_ambulance,
	make_crew,
	make_incident,
	make_shift,
	ready_ambulance,
)


def vehicle_check(ambulance: str, failed_item: str | None = None, **values):
	items = frappe.get_all("EMS Check Item", filters={"enabled": 1}, fields=["name", "critical"])
	return frappe.get_doc(
		{
			"doctype": "Vehicle Check",
			"ambulance": ambulance,
			"check_date": today(),
			"oxygen_level": 90,
			"fuel_level": 80,
			"items": [{"check_item": i.name, "ok": int(i.name != failed_item)} for i in items],
			**values,
		}
	).insert(ignore_permissions=True)


class TestDispatch(FrappeTestCase):
	def test_dispatch_holds_ambulance_and_crew(self):
		amb, crew = ready_ambulance()
		incident = make_incident()
		result = dispatch(incident.name, amb)
		self.assertEqual(result["crew"], sorted(crew))
		row = frappe.db.get_value("Ambulance", amb, ["status", "current_incident"], as_dict=True)
		self.assertEqual((row.status, row.current_incident), ("Dispatched", incident.name))
		for name in crew:
			self.assertEqual(frappe.db.get_value("EMS Crew Member", name, "current_incident"), incident.name)
		doc = frappe.get_doc("EMS Incident", incident.name)
		self.assertEqual(doc.status, "Dispatched")
		self.assertTrue(doc.dispatched)
		self.assertEqual(doc.distance_km, 0)
		self.assertEqual([r.crew_member for r in doc.crew], sorted(crew))

	def test_busy_ambulance_refused_naming_the_incident(self):
		amb, _crew = ready_ambulance()
		first, second = make_incident(), make_incident()
		dispatch(first.name, amb)
		with self.assertRaises(AmbulanceBusyError) as caught:
			dispatch(second.name, amb)
		self.assertIn(first.name, str(caught.exception))
		self.assertFalse(frappe.db.get_value("EMS Incident", second.name, "ambulance"))

	def test_incident_dispatched_once(self):
		amb1, _c1 = ready_ambulance()
		amb2, _c2 = ready_ambulance()
		incident = make_incident()
		dispatch(incident.name, amb1)
		with self.assertRaises(IncidentNotOpenError):
			dispatch(incident.name, amb2)

	def test_crew_member_never_on_two_ambulances(self):
		amb1, crew = ready_ambulance()
		amb2 = make_ambulance().name
		first, second = make_incident(), make_incident()
		dispatch(first.name, amb1)
		with self.assertRaises(CrewBusyError) as caught:
			dispatch(second.name, amb2, crew=[crew[0]])
		self.assertIn(first.name, str(caught.exception))
		self.assertEqual(frappe.db.get_value("Ambulance", amb2, "status"), "Available")

	def test_crew_on_two_overlapping_shifts_refused(self):
		_amb1, crew = ready_ambulance()
		amb2 = make_ambulance().name
		with self.assertRaises(ShiftOverlapError):
			make_shift(amb2, [crew[0]])

	def test_expired_or_missing_certificate_cannot_be_assigned(self):
		amb = make_ambulance().name
		expired = make_crew(certificate_expiry=add_days(today(), -1)).name
		missing = make_crew(expires_in=None).name
		incident = make_incident()
		for crew in (expired, missing):
			with self.assertRaises(CrewCertificateError):
				dispatch(incident.name, amb, crew=[crew])
			with self.assertRaises(CrewCertificateError):
				make_shift(amb, [crew])
		self.assertEqual(frappe.db.get_value("Ambulance", amb, "status"), "Available")
		self.assertFalse(frappe.db.get_value("EMS Crew Member", expired, "current_incident"))

	def test_no_crew_refused(self):
		amb = make_ambulance().name
		with self.assertRaises(NoCrewError):
			dispatch(make_incident().name, amb)

	def test_failed_vehicle_check_refuses_dispatch_until_a_passing_check(self):
		amb, _crew = ready_ambulance()
		check = vehicle_check(amb, failed_item="ออกซิเจน")
		self.assertEqual(check.result, "Fail")
		self.assertEqual(frappe.db.get_value("Ambulance", amb, "status"), "Out of Service")
		incident = make_incident()
		with self.assertRaises(AmbulanceOutOfServiceError):
			dispatch(incident.name, amb)
		self.assertEqual(suggest(incident.name), [s for s in suggest(incident.name) if s["ambulance"] != amb])
		self.assertEqual(vehicle_check(amb).result, "Pass")
		self.assertEqual(frappe.db.get_value("Ambulance", amb, "status"), "Available")
		dispatch(incident.name, amb)

	def test_low_oxygen_fails_the_check(self):
		amb, _crew = ready_ambulance()
		check = vehicle_check(amb, oxygen_level=30)
		self.assertEqual(check.result, "Fail")
		self.assertIn("50", check.failed_items)

	def test_saving_the_form_never_frees_a_busy_ambulance(self):
		amb, _crew = ready_ambulance()
		incident = make_incident()
		dispatch(incident.name, amb)
		doc = frappe.get_doc("Ambulance", amb)
		doc.status = "Available"
		doc.current_incident = None
		doc.save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("Ambulance", amb, "current_incident"), incident.name)

	def test_suggestion_nearest_first_with_valid_crew_only(self):
		near, _c = ready_ambulance(latitude=16.971, longitude=102.291)
		far, _c = ready_ambulance(latitude=16.99, longitude=102.31)
		no_crew = make_ambulance(latitude=16.9701, longitude=102.2901).name
		incident = make_incident()
		names = [s["ambulance"] for s in suggest(incident.name)]
		self.assertLess(names.index(near), names.index(far))
		self.assertNotIn(no_crew, names)
		first = next(s for s in suggest(incident.name) if s["ambulance"] == near)
		self.assertAlmostEqual(first["distance_km"], 0.1, delta=0.1)
		self.assertGreater(first["estimated_minutes"], 1)
