"""Bite Incident: the 24-hour flag, observation until 10 days after the bite, missed observation days and
their daily alert (once a day, to the Public Health Officers), closing needs an outcome."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from nonsaad_smart.smart_pet.alerts import send_observation_alerts
from nonsaad_smart.smart_pet.doctype.bite_incident.bite_incident import (
	InvalidBiteIncidentError,
	is_late,
	missed_days,
)
from nonsaad_smart.smart_pet.testing import health_officer, make_bite


def alerts(user, name):
	return frappe.db.count(
		"Notification Log", {"for_user": user, "document_type": "Bite Incident", "document_name": name}
	)


class TestBiteIncident(FrappeTestCase):
	def test_reported_after_24_hours_is_flagged(self):
		self.assertTrue(is_late("2026-11-01 08:00:00", "2026-11-02 08:01:00"))
		self.assertFalse(is_late("2026-11-01 08:00:00", "2026-11-02 08:00:00"))
		self.assertEqual(make_bite(hours_ago=50, report_delay_hours=25).late_report, 1)
		self.assertEqual(make_bite(hours_ago=50, report_delay_hours=23).late_report, 0)

	def test_observation_until_ten_days_after_the_bite(self):
		bite = make_bite(hours_ago=30)
		self.assertEqual(getdate(bite.observation_until), add_days(getdate(bite.bitten_at), 10))
		bite.extended_until = add_days(getdate(bite.bitten_at), 14)
		bite.save()
		self.assertEqual(getdate(bite.observation_until), add_days(getdate(bite.bitten_at), 14))

	def test_missed_days(self):
		self.assertEqual(
			missed_days("2026-11-01 10:00", "2026-11-11", ["2026-11-02", "2026-11-04"], "2026-11-06"),
			[getdate("2026-11-03"), getdate("2026-11-05")],
		)
		# after the end of observation no more days are missing
		self.assertEqual(len(missed_days("2026-11-01 10:00", "2026-11-11", [], "2026-12-01")), 10)

	def test_missed_day_alerts_the_officers_once_a_day(self):
		officer = health_officer()
		bitten = f"{add_days(today(), -3)} 08:00:00"  # day 1 and 2 after the bite must be observed by now
		bite = make_bite(bitten_at=bitten, reported_at=f"{add_days(today(), -3)} 09:00:00")
		bite.append(
			"observations",
			{"observation_date": add_days(getdate(bite.bitten_at), 1), "animal_condition": "Normal"},
		)
		bite.workflow_state = "Under Observation"
		bite.save()
		self.assertEqual(len(bite.missed_days()), 1)
		send_observation_alerts()
		send_observation_alerts()
		self.assertEqual(alerts(officer, bite.name), 1)
		bite.reload()
		bite.append(
			"observations",
			{"observation_date": add_days(getdate(bite.bitten_at), 2), "animal_condition": "Normal"},
		)
		bite.save()
		self.assertEqual(bite.missed_days(), [])
		send_observation_alerts(add_days(today(), 1))  # tomorrow: today's note is missing
		self.assertEqual(alerts(officer, bite.name), 2)

	def test_needs_victim_animal_and_outcome_to_close(self):
		with self.assertRaises(InvalidBiteIncidentError):
			make_bite(animal_description="")
		bite = make_bite()
		bite.workflow_state = "Closed"
		with self.assertRaises(InvalidBiteIncidentError):
			bite.save()
		bite.reload()
		bite.workflow_state = "Closed"
		bite.outcome = "Healthy"
		bite.save()
		with self.assertRaises(InvalidBiteIncidentError):
			make_bite(hours_ago=-2)
