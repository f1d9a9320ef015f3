"""One map: layers grouped by service, all layers in one request, server-side clusters, the search box."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.tests.factories import make_request
from nonsaad_smart.smart_core import gis, onemap
from nonsaad_smart.smart_core.geo import feature_collection, point_feature
from nonsaad_smart.smart_core.registry import installed_asset_registers
from nonsaad_smart.tests.utils import TEST_CENTER, ensure_test_settings, make_user, make_village


class TestOneMap(FrappeTestCase):
	def setUp(self):
		ensure_test_settings()
		make_village(98)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_layers_grouped_by_service_base_first(self):
		frappe.set_user("Guest")
		layers = onemap.get_map_layers()
		by_name = {layer["name"]: layer for layer in layers}
		self.assertEqual(by_name["villages"]["group"], "Base map")
		self.assertEqual(by_name["street_lights"]["group"], "Smart I Pole")
		# the one map's JS makes a pole's title from the spec's template (features carry data only)
		self.assertEqual(by_name["street_lights"]["title"], "{name} – {status}")
		self.assertTrue(by_name["villages"]["base"])
		self.assertTrue(layers[0]["base"])
		self.assertNotIn("open_requests", by_name)  # staff only

	def test_all_layers_in_one_request_as_the_user_may(self):
		frappe.set_user("Guest")
		guest = onemap.get_all_layers()
		self.assertEqual(set(guest), {layer["name"] for layer in onemap.get_map_layers()})
		frappe.set_user("Administrator")
		frappe.set_user(make_user("onemap.frontdesk@nonsaad.test", ["Front Desk Officer"]))
		staff = onemap.get_all_layers()
		self.assertIn("open_requests", staff)
		lat, lng = TEST_CENTER
		box = f"{lng - 0.001},{lat - 0.001},{lng + 0.001},{lat + 0.001}"
		inside = onemap.get_all_layers(bbox=box, zoom=17)
		self.assertIn(98, [f["properties"].get("village_no") for f in inside["villages"]["features"]])
		with self.assertRaises(gis.InvalidBBoxError):
			onemap.get_all_layers(bbox="5,5,1,1")

	def test_ten_thousand_points_are_clustered(self):
		lat, lng = TEST_CENTER
		features = [
			point_feature(lat + (i % 100) * 0.0005, lng + (i // 100) * 0.0005, {"name": f"P{i}"})
			for i in range(10000)
		]
		collection = feature_collection(features, layer="test")
		clustered = onemap.cluster(collection)
		self.assertEqual(clustered["total"], 10000)
		self.assertLessEqual(len(clustered["features"]), onemap.GRID * onemap.GRID)
		self.assertEqual(sum(f["properties"].get("count", 1) for f in clustered["features"]), 10000)
		self.assertEqual(
			len(collection["features"]), 10000
		)  # the collection given (maybe cached) is unchanged
		small = feature_collection(features[:50])
		self.assertIs(onemap.cluster(small), small)
		# a line is never clustered
		line = {
			"type": "Feature",
			"geometry": {"type": "LineString", "coordinates": [[lng, lat], [lng + 0.01, lat]]},
		}
		mixed = onemap.cluster(feature_collection([*features, line]))
		self.assertIn(line, mixed["features"])

	def test_search_a_pole_code_as_the_public(self):
		registers = installed_asset_registers()
		self.assertIn("Street Light Pole", registers)
		from nonsaad_smart.smart_i_pole.testing import make_pole

		pole = make_pole()
		frappe.set_user("Guest")
		found = onemap.search(pole.name[:-1])
		self.assertIn(pole.name, [r["name"] for r in found if r["doctype"] == "Street Light Pole"])
		row = next(r for r in found if r["name"] == pole.name)
		self.assertEqual(row["layer"], "street_lights")
		self.assertIsNone(row["route"])  # a guest gets no desk route
		self.assertEqual(onemap.search("x"), [])

	def test_search_a_tracking_number_staff_only(self):
		request = make_request().name
		frappe.set_user("Guest")
		self.assertNotIn(request, [r["name"] for r in onemap.search(request)])
		frappe.set_user("Administrator")
		frappe.set_user(make_user("onemap.frontdesk@nonsaad.test", ["Front Desk Officer"]))
		row = next(r for r in onemap.search(request) if r["name"] == request)
		self.assertEqual(row["doctype"], "Service Request")
		self.assertEqual(row["route"], f"/app/service-request/{request}")
		frappe.set_user("Administrator")
		frappe.set_user(make_user("onemap.kids@nonsaad.test", ["Education Officer"]))
		self.assertNotIn(request, [r["name"] for r in onemap.search(request)])

	def test_a_failing_layer_leaves_the_others_on_the_map(self):
		spec = {
			"broken": {
				"label": "Broken",
				"public": 1,
				"method": "nonsaad_smart.smart_core.onemap.no_such_layer",
			}
		}
		original = gis.registered_layers
		gis.registered_layers = lambda: {**original(), **spec}
		try:
			data = onemap.get_all_layers()
		finally:
			gis.registered_layers = original
		self.assertNotIn("broken", data)
		self.assertIn("villages", data)

	def test_the_whole_map_is_cached_and_invalidated_on_save(self):
		from nonsaad_smart.smart_i_pole.testing import make_pole

		lat, lng = TEST_CENTER
		box = f"{lng - 0.001},{lat - 0.001},{lng + 0.001},{lat + 0.001}"
		frappe.set_user("Guest")
		before = onemap.get_all_layers(bbox=box, zoom=17)
		key = onemap._all_layers_key(
			{n: s for n, s in gis.registered_layers().items() if gis._allowed(s)}, gis.parse_bbox(box), True
		)
		self.assertIsNotNone(frappe.cache.get_value(key, expires=True))  # the whole answer is cached
		frappe.set_user("Administrator")
		pole = make_pole()  # a new pole (doc events): the street-lights layer's generation moves
		frappe.set_user("Guest")
		after = onemap.get_all_layers(bbox=box, zoom=17)
		self.assertNotIn(pole.name, names(before))
		self.assertIn(pole.name, names(after))
		frappe.set_user("Administrator")
		frappe.get_doc("Street Light Pole", pole.name).delete(ignore_permissions=True)
		frappe.set_user("Guest")
		self.assertNotIn(pole.name, names(onemap.get_all_layers(bbox=box, zoom=17)))


def names(data: dict) -> set:
	return {f["properties"].get("name") for f in data["street_lights"]["features"]}
