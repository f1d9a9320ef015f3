"""Import (dry run, all-or-nothing, refused files) and export of Smart Terrain's layers."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_terrain.geodata import (
	ImportFileError,
	ImportRowsError,
	run_import,
	to_geojson,
	to_kml,
)
from nonsaad_smart.smart_terrain.testing import terrain_village


def road_feature(code, coords, **props):
	return {
		"type": "Feature",
		"properties": {
			"road_code": code,
			"road_name": f"ถนนนำเข้า {code}",
			"surface": "Concrete",
			"width_m": 4,
			**props,
		},
		"geometry": {"type": "LineString", "coordinates": coords},
	}


def geojson(*features) -> bytes:
	return json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False).encode()


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>ถนน KML</name>
<ExtendedData><Data name="road_code"><value>นภ.ถ.95-001</value></Data><Data name="surface"><value>Laterite</value></Data>
<Data name="width_m"><value>4</value></Data><Data name="village"><value>{village}</value></Data></ExtendedData>
<LineString><coordinates>102.300,16.970,0 102.301,16.971,0 102.302,16.971,0</coordinates></LineString></Placemark>
</Document></kml>"""

GPX = """<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
<trk><name>รางระบายน้ำ GPX</name><trkseg>
<trkpt lat="16.965" lon="102.300"/><trkpt lat="16.9655" lon="102.3005"/><trkpt lat="16.966" lon="102.3008"/>
</trkseg></trk></gpx>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&b;</name></Placemark></Document></kml>"""


class TestGeodata(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.village = terrain_village()

	def good_file(self):
		return geojson(
			road_feature("นภ.ถ.96-001", [[102.30, 16.96], [102.301, 16.961]], village=self.village),
			road_feature("นภ.ถ.96-002", [[102.31, 16.96], [102.311, 16.962]], village=self.village),
		)

	def test_dry_run_reports_rows_and_writes_nothing(self):
		before = frappe.db.count("Road")
		result = run_import("Road", self.good_file(), "roads.geojson", dry_run=True)
		self.assertEqual(frappe.db.count("Road"), before)
		self.assertEqual(result["errors"], 0)
		self.assertEqual([r["row"] for r in result["rows"]], [1, 2])
		self.assertGreater(result["rows"][0]["length_m"], 100)
		self.assertEqual(result["rows"][0]["geometry"]["type"], "LineString")
		result = run_import("Road", self.good_file(), "roads.geojson", dry_run=False)
		self.assertEqual((result["written"], frappe.db.count("Road")), (2, before + 2))
		self.assertTrue(frappe.db.exists("Road", "นภ.ถ.96-002"))

	def test_kml_and_gpx(self):
		result = run_import("Road", KML.format(village=self.village).encode(), "road.kml", dry_run=False)
		self.assertEqual(result["written"], 1)
		self.assertEqual(frappe.db.get_value("Road", "นภ.ถ.95-001", "surface"), "Laterite")
		before = frappe.db.count("Drain")
		# GPX has no village: every row fails the Drain's rules, nothing is written
		with self.assertRaises(ImportRowsError):
			run_import("Drain", GPX.encode(), "drain.gpx", dry_run=False)
		self.assertEqual(frappe.db.count("Drain"), before)
		report = run_import("Drain", GPX.encode(), "drain.gpx", dry_run=True)
		self.assertEqual(report["rows"][0]["title"], "รางระบายน้ำ GPX")
		self.assertTrue(report["rows"][0]["error"])

	def test_bad_files_write_zero_rows(self):
		before = frappe.db.count("Road")
		outside = road_feature("นภ.ถ.96-010", [[102.30, 16.96], [102.60, 16.96]], village=self.village)
		good = road_feature("นภ.ถ.96-011", [[102.30, 16.962], [102.301, 16.962]], village=self.village)
		cases = {
			"wrong type": (b"road_code,road_name\n1,x", "roads.csv", ImportFileError),
			"broken JSON": (b'{"type": "FeatureCollection", "features": [', "roads.geojson", ImportFileError),
			"broken XML": (b"<kml><Document><Placemark>", "roads.kml", ImportFileError),
			"DTD and entities": (BILLION_LAUGHS.encode(), "roads.kml", ImportFileError),
			"not KML": (b"<html><body/></html>", "roads.kml", ImportFileError),
			"no features": (geojson(), "roads.geojson", ImportFileError),
			"too large": (b" " * (2048 * 1024 + 1), "roads.geojson", ImportFileError),
			"a point for a road": (
				geojson(
					{
						"type": "Feature",
						"properties": {"road_code": "นภ.ถ.96-012"},
						"geometry": {"type": "Point", "coordinates": [102.3, 16.96]},
					}
				),
				"roads.geojson",
				ImportRowsError,
			),
			"one row outside the municipality": (geojson(good, outside), "roads.geojson", ImportRowsError),
		}
		for label, (content, filename, error) in cases.items():
			with self.assertRaises(error, msg=label):
				run_import("Road", content, filename, dry_run=False)
			self.assertEqual(frappe.db.count("Road"), before, label)
		report = run_import("Road", geojson(good, outside), "roads.geojson", dry_run=True)
		self.assertEqual([bool(r["error"]) for r in report["rows"]], [False, True])
		self.assertIn("outside", report["rows"][1]["error"])

	def test_export_geojson_and_kml(self):
		run_import("Road", self.good_file(), "roads.geojson", dry_run=False) if not frappe.db.exists(
			"Road", "นภ.ถ.96-001"
		) else None
		collection = to_geojson("Road")
		feature = next(f for f in collection["features"] if f["properties"]["name"] == "นภ.ถ.96-001")
		self.assertEqual(feature["geometry"]["type"], "LineString")
		kml = to_kml("Road").decode()
		self.assertIn("<name>ถนนนำเข้า นภ.ถ.96-001</name>", kml)
		# what is exported imports again (round trip of the KML, after the rows are gone)
		frappe.delete_doc("Road", "นภ.ถ.96-001", force=True)
		from nonsaad_smart.smart_terrain.geodata import parse_kml

		self.assertTrue(
			any(f["properties"].get("road_code") == "นภ.ถ.96-001" for f in parse_kml(kml.encode()))
		)
