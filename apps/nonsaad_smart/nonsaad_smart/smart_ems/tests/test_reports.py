"""Reports on known data: the 8-minute compliance of red cases and the response-time distribution
(median, 90th percentile) in a month with hand-made incidents."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from nonsaad_smart.smart_ems.metrics import eight_minute_compliance, percentile
from nonsaad_smart.smart_ems.report.ems_eight_minute_compliance import ems_eight_minute_compliance
from nonsaad_smart.smart_ems.report.ems_response_times import ems_response_times
from nonsaad_smart.smart_ems.tests.factories import closed_incident, make_ambulance

MONTH = {"from_date": "2020-03-01", "to_date": "2020-03-31"}


class TestEMSReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for day, minutes, triage in (
			(2, 5.0, "Red"),
			(5, 7.5, "Red"),
			(9, 8.0, "Red"),
			(12, 12.0, "Red"),
			(20, 3.0, "Yellow"),
			(25, 20.0, "Green"),
		):
			closed_incident(get_datetime(f"2020-03-{day:02d} 10:00:00"), minutes, triage)
		closed_incident(get_datetime("2020-04-02 10:00:00"), 9.0, "Red")

	def test_eight_minute_compliance_known_share(self):
		_columns, data, _m, _chart = ems_eight_minute_compliance.execute(MONTH)
		march = next(row for row in data if row["month"] == "2020-03")
		self.assertEqual((march["red_cases"], march["within_8"], march["share"]), (4, 3, 75.0))
		self.assertEqual(eight_minute_compliance("2020-03-01", "2020-04-30"), 60.0)
		self.assertEqual(eight_minute_compliance("2020-04-01", "2020-04-30"), 0.0)

	def test_response_time_distribution(self):
		_columns, data, _m, _chart = ems_response_times.execute(MONTH)
		march = next(row for row in data if row["month"] == "2020-03")
		self.assertEqual(march["incidents"], 6)
		self.assertEqual(march["median"], percentile([5, 7.5, 8, 12, 3, 20], 50))
		self.assertEqual(march["median"], 7.8)
		self.assertEqual(march["p90"], 16.0)
		self.assertEqual(march["slowest"], 20.0)

	def test_percentile(self):
		self.assertIsNone(percentile([], 50))
		self.assertEqual(percentile([1, 2, 3, 4], 50), 2.5)
		self.assertEqual(percentile([10], 90), 10)


class TestOtherEMSReports(FrappeTestCase):
	def test_village_utilisation_and_expiry_reports(self):
		from frappe.utils import add_days, today

		from nonsaad_smart.smart_ems.report.ems_ambulance_utilisation import ems_ambulance_utilisation
		from nonsaad_smart.smart_ems.report.ems_crew_certificate_expiry import ems_crew_certificate_expiry
		from nonsaad_smart.smart_ems.report.ems_incidents_per_village import ems_incidents_per_village
		from nonsaad_smart.smart_ems.tests.factories import make_crew

		doc = closed_incident(get_datetime("2020-05-10 10:00:00"), 6.0)
		frappe.db.set_value("EMS Incident", doc.name, "ambulance", make_ambulance().name)
		_c, rows, _m, _chart = ems_incidents_per_village.execute(
			{"from_date": "2020-05-01", "to_date": "2020-05-31"}
		)
		row = next(r for r in rows if r["village"] == doc.village)
		self.assertEqual((row["incidents"], row["red"], row["median"]), (1, 1, 6.0))
		amb = frappe.db.get_value("EMS Incident", doc.name, "ambulance")
		_c, rows = ems_ambulance_utilisation.execute({"from_date": "2020-05-01", "to_date": "2020-05-31"})
		row = next(r for r in rows if r["ambulance"] == amb)
		# dispatched 1 min after the call, back in service after 66: 65 minutes on the road in May's 744 hours
		self.assertEqual((row["incidents"], row["busy_hours"], row["mean_minutes"]), (1, 1.1, 65.0))
		self.assertAlmostEqual(row["utilisation"], round(100 * 65 / 60 / (31 * 24), 2))
		expired = make_crew(certificate_expiry=add_days(today(), -3)).name
		soon = make_crew(certificate_expiry=add_days(today(), 40)).name
		later = make_crew(certificate_expiry=add_days(today(), 400)).name
		_c, rows = ems_crew_certificate_expiry.execute({"within_days": 90})
		states = {r["name"]: r["state"] for r in rows}
		self.assertEqual(
			(states.get(expired), states.get(soon)),
			(
				"หมดอายุแล้ว" if frappe.local.lang == "th" else "Expired",
				"Expiring" if frappe.local.lang != "th" else "ใกล้หมดอายุ",
			),
		)
		self.assertNotIn(later, states)
