import json

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_terrain import api
from nonsaad_smart.smart_terrain.doctype.road.road import InvalidRoadCodeError, InvalidSegmentsError
from nonsaad_smart.smart_terrain.geometry import (
	GeometryOutsideMunicipalityError,
	InvalidGeometryError,
	SelfOverlapError,
)
from nonsaad_smart.smart_terrain.testing import MERIDIAN, SHORT, line, make_road, make_survey

# WGS84 meridian arc per degree of latitude at 16.97° N: 111 132.954 − 559.822 cos 2φ + 1.175 cos 4φ
# = 110 669 m; 0.04° of latitude = 4 426.8 m (EPSG Guidance Note 7-2 series for the meridian arc)
MERIDIAN_M = 4426.8


class TestRoad(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_length_from_geometry_against_a_known_line(self):
		road = make_road(MERIDIAN)
		self.assertLess(abs(road.length_m - MERIDIAN_M) / MERIDIAN_M, 0.005)
		self.assertEqual((road.start_longitude, road.start_latitude), (102.29, 16.95))
		self.assertEqual((road.end_longitude, road.end_latitude), (102.29, 16.99))
		self.assertAlmostEqual(road.latitude, 16.97, places=3)  # the middle of the line
		self.assertEqual((road.min_latitude, road.max_latitude), (16.95, 16.99))

	def test_multilinestring_and_drawn_feature_collection(self):
		drawn = {
			"type": "FeatureCollection",
			"features": [
				{
					"type": "Feature",
					"properties": {},
					"geometry": {"type": "LineString", "coordinates": MERIDIAN[:2]},
				},
				{
					"type": "Feature",
					"properties": {},
					"geometry": {"type": "LineString", "coordinates": SHORT},
				},
			],
		}
		road = make_road(geometry=json.dumps(drawn))
		self.assertGreater(road.length_m, MERIDIAN_M / 2)
		self.assertEqual(len(json.loads(road.geometry)["features"]), 2)

	def test_invalid_geometry_refused(self):
		for bad in (
			json.dumps({"type": "Point", "coordinates": [102.29, 16.97]}),
			json.dumps({"type": "LineString", "coordinates": [[102.29, 16.97]]}),
			json.dumps({"type": "LineString", "coordinates": [[102.29, "x"], [102.3, 16.97]]}),
			"not json",
			"",
		):
			with self.assertRaises(InvalidGeometryError, msg=bad):
				make_road(geometry=bad)
		with self.assertRaises(GeometryOutsideMunicipalityError):
			make_road([[102.29, 16.97], [102.50, 16.97]])
		# a line that runs back over itself
		with self.assertRaises(SelfOverlapError):
			make_road([[102.280, 16.960], [102.284, 16.960], [102.281, 16.960]])

	def test_road_code_pattern(self):
		for bad in ("ABC-1", "นภ.ถ.1-1", "นภ.ถ.01-0001"):
			with self.assertRaises(InvalidRoadCodeError):
				make_road(road_code=bad)
		self.assertEqual(make_road(road_code=" นภ.ถ. 98-001 ").name, "นภ.ถ.98-001")

	def test_segments_by_chainage(self):
		road = make_road(MERIDIAN, segments=[{"segment_no": 1, "chainage_from_m": 0, "chainage_to_m": 2000}])
		with self.assertRaises(InvalidSegmentsError):
			road.append("segments", {"segment_no": 2, "chainage_from_m": 1500, "chainage_to_m": 3000})
			road.save()
		road.reload()
		road.append("segments", {"segment_no": 2, "chainage_from_m": 2000, "chainage_to_m": 4400})
		road.save()
		make_survey("Road", road.name, road_segment=1, paser=8)
		make_survey("Road", road.name, road_segment=2, paser=3)
		road.reload()
		# length-weighted: (8 × 2000 + 3 × 2400) / 4400 = 5.3
		self.assertEqual((road.paser, road.condition_class), (5, "Fair"))
		self.assertEqual(road.segments[1].condition_class, "Poor")

	def test_layer_lines_in_bbox_and_nearest(self):
		road = make_road(SHORT)
		layer = api.road_layer(bbox="102.2805,16.959,102.2815,16.961")
		names = [f["properties"]["name"] for f in layer["features"]]
		self.assertIn(road.name, names)
		feature = next(f for f in layer["features"] if f["properties"]["name"] == road.name)
		self.assertEqual(feature["geometry"]["type"], "LineString")
		self.assertNotIn(
			road.name,
			[f["properties"]["name"] for f in api.road_layer(bbox="102.30,16.99,102.31,17.0")["features"]],
		)
		# a pin 11 m north of the road snaps to it; one 200 m away does not
		found = api.nearest_road(16.9601, 102.2805)
		self.assertEqual(found["name"], road.name)
		self.assertLess(found["distance_m"], 15)
		self.assertIsNone(api.nearest_road(16.962, 102.281))  # 220 m north: beyond the 30 m snap distance

	def test_register_print_in_thai_with_be_dates(self):
		road = make_road(MERIDIAN, year_built_be=2555)
		make_survey("Road", road.name, paser=4, survey_date="2026-03-15")
		html = frappe.get_print("Road", road.name, print_format="Road Register")
		for words in ("ทะเบียนทางหลวงท้องถิ่น", road.road_code, "ลาดยาง", "4.427 กิโลเมตร", "2569", "ชำรุด"):
			self.assertIn(words, html)
		self.assertNotIn("2026", html.split("พิมพ์เมื่อ")[0])
