"""The map's layer API: registry, public vs staff layers, bbox filtering, settings."""

import json

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core import gis
from nonsaad_smart.tests.utils import TEST_CENTER, ensure_test_settings, make_village


class TestGis(FrappeTestCase):
	def setUp(self):
		ensure_test_settings()
		make_village(98)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_village_layer_is_public_geojson(self):
		frappe.set_user("Guest")
		names = [layer["name"] for layer in gis.get_layers()]
		self.assertIn("villages", names)
		fc = gis.get_layer("villages")
		self.assertEqual(fc["type"], "FeatureCollection")
		feature = next(f for f in fc["features"] if f["properties"]["village_no"] == 98)
		self.assertEqual(feature["geometry"]["coordinates"], [TEST_CENTER[1], TEST_CENTER[0]])

	def test_unknown_layer(self):
		with self.assertRaises(frappe.DoesNotExistError):
			gis.get_layer("no-such-layer")

	def test_private_layer_refused_to_guest(self):
		spec = {
			"secret": {
				"label": "Secret",
				"doctype": "Citizen",
				"method": "nonsaad_smart.smart_core.gis.village_layer",
			}
		}
		original = gis.registered_layers
		gis.registered_layers = lambda: {**original(), **spec}
		try:
			frappe.set_user("Guest")
			self.assertNotIn("secret", [layer["name"] for layer in gis.get_layers()])
			with self.assertRaises(frappe.PermissionError):
				gis.get_layer("secret")
			frappe.set_user("Administrator")
			self.assertIn("secret", [layer["name"] for layer in gis.get_layers()])
		finally:
			gis.registered_layers = original

	def test_bbox(self):
		lat, lng = TEST_CENTER
		inside = gis.get_layer("villages", bbox=f"{lng - 0.001},{lat - 0.001},{lng + 0.001},{lat + 0.001}")
		self.assertIn(98, [f["properties"]["village_no"] for f in inside["features"]])
		outside = gis.get_layer("villages", bbox="100,13,100.1,13.1")
		self.assertEqual(outside["features"], [])
		for bad in ("1,2,3", "a,b,c,d", "5,5,1,1"):
			with self.subTest(bad=bad), self.assertRaises(frappe.ValidationError):
				gis.get_layer("villages", bbox=bad)

	def test_map_settings(self):
		settings = gis.map_settings()
		self.assertEqual(settings["boundary"]["type"], "Polygon")
		self.assertEqual(len(settings["center"]), 2)

	def test_layers_declare_style_legend_popup_and_links(self):
		frappe.set_user("Guest")
		layers = {layer["name"]: layer for layer in gis.get_layers()}
		lights = layers["street_lights"]
		self.assertEqual(lights["style"]["color_by"], "status")
		self.assertEqual(
			[row["label"] for row in lights["legend"]], [_(s) for s in lights["style"]["colors"]]
		)
		self.assertEqual([f["field"] for f in lights["popup"]], ["status", "lamp_type", "village"])
		self.assertEqual(lights["popup"][0]["type"], "Select")
		self.assertIn("public", {link["audience"] for link in lights["links"]})
		self.assertIsNone(lights["desk_route"])  # a guest has no desk
		# what the map derives from a pole's data is declared once, in the spec
		self.assertEqual(lights["title"], "{name} – {status}")
		self.assertIn("/pole/{name}", {link["url"] for link in lights["links"]})
		self.assertEqual(layers["villages"]["style"]["shape"], "badge")
		frappe.set_user("Administrator")
		lights = next(layer for layer in gis.get_layers() if layer["name"] == "street_lights")
		self.assertEqual(lights["desk_route"], "/app/street-light-pole/{name}")

	def test_layer_styles_for_other_maps(self):
		"""The report form's asset picker draws a layer as the one map does: its style and title template."""
		lights = gis.layer_style("street_lights")
		spec = gis.registered_layers()["street_lights"]
		self.assertEqual(lights["title"], "{name} – {status}")
		self.assertEqual(lights["style"]["color_by"], "status")
		self.assertEqual(lights["style"]["colors"], spec["style"]["colors"])
		self.assertEqual(lights["style"]["shape"], "circle")
		self.assertIsNone(gis.layer_style("no-such-layer"))
		public = gis.public_layer_styles()
		self.assertEqual(public["street_lights"], lights)
		self.assertNotIn("open_requests", public)  # staff layers are not open data
		self.assertEqual(set(gis.public_layer_styles({"street_lights"})), {"street_lights"})

	def test_popup_values_are_translated_and_links_titled(self):
		spec = {
			"label": "Test Villages",
			"doctype": "Village",
			"popup": [
				{"field": "state", "translate": 1},
				{"field": "late", "label": "Overdue", "type": "Check"},
			],
		}
		self.assertEqual(
			gis.popup_fields(spec)[1],
			{"field": "late", "label": _("Overdue"), "type": "Check", "yes": _("Yes"), "no": _("No")},
		)
		features = [{"properties": {"state": "Faulty", "late": True}}]
		self.assertEqual(gis.display_values(spec, features), {"state": {"Faulty": _("Faulty")}})
		# a Link shows the linked record's title (Village: its name), not its ID
		village = frappe.db.get_value("Village", {"village_no": 98}, ["name", "village_name"], as_dict=True)
		pole_spec = gis.registered_layers()["street_lights"]
		display = gis.display_values(pole_spec, [{"properties": {"village": village.name}}])
		self.assertEqual(display["village"], {village.name: village.village_name})

	def test_public_location_only_for_open_data_layers(self):
		village = frappe.db.get_value("Village", {"village_no": 98}, "name")
		located = gis.public_location("Village", village)
		self.assertEqual((located["latitude"], located["longitude"]), TEST_CENTER)
		self.assertIsNone(gis.public_location("Citizen", "anything"))  # no public layer of citizens
		self.assertIsNone(gis.public_location("Village", "no-such-village"))
		self.assertIsNone(gis.public_location(None, None))

	def test_village_with_a_boundary_is_an_area(self):
		lat, lng = TEST_CENTER
		ring = [
			[lng - 0.002, lat - 0.002],
			[lng + 0.002, lat - 0.002],
			[lng, lat + 0.002],
			[lng - 0.002, lat - 0.002],
		]
		name = make_village(97, boundary_geojson=json.dumps({"type": "Polygon", "coordinates": [ring]}))
		feature = next(f for f in gis.get_layer("villages")["features"] if f["properties"]["name"] == name)
		rounded = [[round(lng, 6), round(lat, 6)] for lng, lat in ring]  # the map's 6 decimals (≈ 0.1 m)
		self.assertEqual(feature["geometry"], {"type": "Polygon", "coordinates": [rounded]})
		self.assertNotIn("boundary_geojson", feature["properties"])
