"""Point-in-municipality, GeoJSON building and working-day arithmetic on a Holiday List."""

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core import geo, working_days
from nonsaad_smart.smart_core.geo import OutsideMunicipalityError
from nonsaad_smart.tests.utils import TEST_BOUNDARY, ensure_test_settings

# a square with a square hole
DONUT = {
	"type": "Polygon",
	"coordinates": [
		[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
		[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
	],
}


class TestGeo(FrappeTestCase):
	def test_point_inside_and_outside(self):
		self.assertTrue(geo.point_in_geometry(16.97, 102.29, TEST_BOUNDARY))
		self.assertFalse(geo.point_in_geometry(13.75, 100.50, TEST_BOUNDARY))  # Bangkok
		self.assertFalse(geo.point_in_geometry(16.97, 102.40, TEST_BOUNDARY))

	def test_hole_is_outside(self):
		self.assertTrue(geo.point_in_geometry(2, 2, DONUT))
		self.assertFalse(geo.point_in_geometry(5, 5, DONUT))

	def test_multipolygon_and_string(self):
		multi = {
			"type": "MultiPolygon",
			"coordinates": [DONUT["coordinates"], [[[20, 20], [21, 20], [21, 21], [20, 20]]]],
		}
		self.assertTrue(geo.point_in_geometry(20.2, 20.8, frappe.as_json(multi)))

	def test_validate_point(self):
		ensure_test_settings()
		geo.validate_point(16.97, 102.29)
		geo.validate_point(None, None)  # no place given is allowed
		with self.assertRaises(OutsideMunicipalityError):
			geo.validate_point(13.75, 100.50)
		with self.assertRaises(frappe.ValidationError):
			geo.validate_point(16.97, None)
		with self.assertRaises(frappe.ValidationError):
			geo.validate_point(95, 102.29)

	def test_features(self):
		rows = [
			{"name": "A", "latitude": 16.9, "longitude": 102.2},
			{"name": "B", "latitude": None, "longitude": None},
		]
		fc = geo.feature_collection(geo.rows_to_features(rows))
		self.assertEqual(len(fc["features"]), 1)
		self.assertEqual(fc["features"][0]["geometry"]["coordinates"], [102.2, 16.9])
		self.assertEqual(fc["features"][0]["properties"], {"name": "A"})


class TestWorkingDays(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		name = "_Test Nonsaad Holidays"
		if not frappe.db.exists("Holiday List", name):
			doc = frappe.new_doc("Holiday List")
			doc.holiday_list_name = name
			doc.from_date, doc.to_date = "2026-01-01", "2026-12-31"
			for weekday in ("Saturday", "Sunday"):
				doc.weekly_off = weekday
				doc.get_weekly_off_dates()
			doc.append("holidays", {"holiday_date": "2026-04-13", "description": "Songkran"})
			doc.append("holidays", {"holiday_date": "2026-04-14", "description": "Songkran"})
			doc.append("holidays", {"holiday_date": "2026-04-15", "description": "Songkran"})
			doc.insert(ignore_permissions=True)
		cls.holidays = name

	def test_over_a_holiday_weekend(self):
		# Friday 10 April 2026 + 1 working day: Sat, Sun, Mon-Wed Songkran -> Thursday 16 April
		self.assertEqual(
			working_days.add_working_days("2026-04-10", 1, self.holidays), datetime.date(2026, 4, 16)
		)
		self.assertEqual(
			working_days.add_working_days("2026-04-10", 2, self.holidays), datetime.date(2026, 4, 17)
		)

	def test_plain_week(self):
		self.assertEqual(
			working_days.add_working_days("2026-11-23", 5, self.holidays), datetime.date(2026, 11, 30)
		)

	def test_between(self):
		self.assertEqual(working_days.working_days_between("2026-04-10", "2026-04-17", self.holidays), 2)
		self.assertEqual(working_days.working_days_between("2026-04-17", "2026-04-10", self.holidays), 0)

	def test_first_working_day(self):
		self.assertEqual(
			working_days.first_working_day_on_or_after("2026-04-11", self.holidays),
			datetime.date(2026, 4, 16),
		)
