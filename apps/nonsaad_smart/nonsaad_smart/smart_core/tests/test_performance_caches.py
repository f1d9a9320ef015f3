"""Caches of issue 11 (docs/performance.md): map layer cache and its invalidation, process caches of what
every report reads, prepared geometry, gzip of large JSON answers (the report path's own:
e_smart_service/tests/test_report_performance.py)."""

import gzip
import json
import time
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from werkzeug.wrappers import Request, Response

from nonsaad_smart.smart_core import cache, compression, geo, gis
from nonsaad_smart.tests.utils import ensure_test_settings, make_user, make_village


class TestLayerCache(FrappeTestCase):
	def setUp(self):
		ensure_test_settings()
		self.village = make_village(96)

	def tearDown(self):
		frappe.set_user("Administrator")

	def village_feature(self):
		features = gis.get_layer("villages")["features"]
		return next(f for f in features if f["properties"]["name"] == self.village)

	def test_a_change_of_the_layer_doctype_drops_the_cached_layer(self):
		first = self.village_feature()
		key = gis.layer_cache_key("villages", gis.registered_layers()["villages"], None)
		self.assertIsNotNone(frappe.cache.get_value(key, expires=True))  # cached
		self.assertEqual(self.village_feature(), first)  # served from the cache
		doc = frappe.get_doc("Village", self.village)
		doc.population = (doc.population or 0) + 17
		doc.save(ignore_permissions=True)
		self.assertNotEqual(gis.layer_cache_key("villages", gis.registered_layers()["villages"], None), key)
		self.assertEqual(self.village_feature()["properties"]["population"], doc.population)

	def test_other_doctypes_leave_the_layers_alone(self):
		before = gis._generation("villages")
		gis.invalidate_layer_cache(frappe._dict(doctype="ToDo"))
		self.assertEqual(gis._generation("villages"), before)
		cleared = gis.clear_layer_cache("Village")  # the villages and the layers that depend on them
		self.assertIn("villages", cleared)
		self.assertNotIn("street_lights", cleared)
		self.assertEqual(gis._generation("villages"), before + 1)

	def test_depends_on_invalidates_too(self):
		spec = {"extra": {"doctype": "Citizen", "depends_on": ["Village"], "method": "x.y"}}
		original = gis.registered_layers
		gis.registered_layers = lambda: {**original(), **spec}
		try:
			self.assertIn("extra", gis.clear_layer_cache("Village"))
			self.assertEqual(gis.clear_layer_cache("Citizen"), ["extra"])
		finally:
			gis.registered_layers = original

	def test_viewer_scope_follows_what_the_user_may_see(self):
		public = gis.registered_layers()["villages"]
		staff = gis.registered_layers()["open_requests"]
		self.assertEqual(gis.viewer_scope(public), "public")
		one = make_user("perf.works1@nonsaad.test", ["Public Works Officer"])
		two = make_user("perf.works2@nonsaad.test", ["Public Works Officer"])
		other = make_user("perf.desk@nonsaad.test", ["Front Desk Officer"])
		frappe.set_user(one)
		scope_one = gis.viewer_scope(staff)
		frappe.set_user(two)
		self.assertEqual(gis.viewer_scope(staff), scope_one)  # same roles, same rows: one cache entry
		frappe.set_user(other)
		self.assertNotEqual(gis.viewer_scope(staff), scope_one)
		frappe.set_user("Administrator")
		self.assertNotEqual(gis.viewer_scope(staff), scope_one)

	def test_bbox_and_language_are_part_of_the_key(self):
		spec = gis.registered_layers()["villages"]
		whole = gis.layer_cache_key("villages", spec, None)
		box = gis.layer_cache_key("villages", spec, gis.parse_bbox("102,16,103,17"))
		self.assertNotEqual(whole, box)
		self.assertIn(frappe.local.lang, whole)
		self.assertIsNone(gis.layer_cache_key("villages", {**spec, "cache": 0}, None))

	def test_the_body_format_is_part_of_the_key(self):
		"""A site upgraded in place (same Redis, same generation) never serves a body cached by the old code:
		the key of every layer, and so of the one map's whole answer, names the body format."""
		from nonsaad_smart.smart_core import onemap

		spec = gis.registered_layers()["street_lights"]
		key = gis.layer_cache_key("street_lights", spec, None)
		self.assertIn(f":v{gis.BODY_FORMAT}:", key)
		layers = {"street_lights": spec}
		whole_map = onemap._all_layers_key(layers, None, True)
		with patch.object(gis, "BODY_FORMAT", gis.BODY_FORMAT - 1):
			self.assertNotEqual(gis.layer_cache_key("street_lights", spec, None), key)
			self.assertNotEqual(onemap._all_layers_key(layers, None, True), whole_map)

	def test_coordinates_are_rounded_to_six_decimals(self):
		features = [
			{"geometry": {"type": "Point", "coordinates": [102.12345678, 16.98765432]}},
			{"geometry": {"type": "Polygon", "coordinates": [[[1.00000049, 2.0000005], [3, 4]]]}},
		]
		gis.round_geometries(features)
		self.assertEqual(features[0]["geometry"]["coordinates"], [102.123457, 16.987654])
		self.assertEqual(features[1]["geometry"]["coordinates"], [[[1.0, 2.000001], [3, 4]]])

	def test_a_layer_built_rounded_is_not_rounded_again(self):
		gis.clear_layer_cache("Street Light Pole")
		with patch.object(gis, "round_geometries", wraps=gis.round_geometries) as again:
			layer = gis.get_layer("street_lights")
			self.assertEqual(again.call_count, 0)  # the pole layer rounds as it builds its points
			gis.clear_layer_cache("Village")
			gis.get_layer("villages")
			self.assertEqual(again.call_count, 1)  # a layer that does not say so is rounded here
		self.assertNotIn(gis.ROUNDED_FLAG, layer)
		for feature in layer["features"]:
			for c in feature["geometry"]["coordinates"]:
				self.assertEqual(c, round(c, gis.COORDINATE_DIGITS))


class TestReplicaLag(FrappeTestCase):
	"""A layer read on a lagging replica (read_from_replica) within REPLICA_LAG_SECONDS of a write of the
	layer is not cached (the write's invalidation wins); later, or on the primary, it is. The replica is a
	second real connection to the site's database, opened by frappe.read_only as in production."""

	def setUp(self):
		ensure_test_settings()
		self.spec = gis.registered_layers()["villages"]

	def tearDown(self):
		frappe.local.conf.pop("read_from_replica", None)
		frappe.local.conf.pop("replica_host", None)
		for attr in ("replica_db", "primary_db"):  # frappe.connect_replica connects once per request
			if hasattr(frappe.local, attr):
				delattr(frappe.local, attr)

	def read(self, on_replica: bool) -> str:
		"""Read the villages layer (on the replica or the primary); its cache key as it was read."""
		self.tearDown()
		if on_replica:
			frappe.local.conf.read_from_replica = 1
			frappe.local.conf.replica_host = frappe.conf.db_host or "127.0.0.1"
		key = gis.layer_cache_key("villages", self.spec, None)
		seen = {}
		real_get_attr = frappe.get_attr
		real_method = real_get_attr(self.spec["method"])

		def layer_method(**kwargs):  # the real layer method, noting which connection it read
			seen["replica"] = gis._on_replica()
			return real_method(**kwargs)

		def get_attr(path):
			return layer_method if path == self.spec["method"] else real_get_attr(path)

		with patch.object(frappe, "get_attr", get_attr):
			gis.get_layer("villages")
		self.assertEqual(seen["replica"], on_replica)  # the layer was read where it should have been
		return key

	def test_a_read_on_the_replica_soon_after_a_write_is_not_cached(self):
		gis.clear_layer_cache("Village")  # a write of the layer: now
		key = self.read(on_replica=True)
		self.assertIsNone(frappe.cache.get_value(key, expires=True))  # not cached: the replica may lag
		key = self.read(on_replica=False)
		self.assertIsNotNone(frappe.cache.get_value(key, expires=True))  # on the primary: cached

	def test_a_read_on_the_replica_after_the_lag_window_is_cached(self):
		gis.clear_layer_cache("Village")
		written = frappe.cache.get_value(gis._written_key("villages"), expires=True)
		self.assertAlmostEqual(float(written), time.time(), delta=5)
		frappe.cache.set_value(
			gis._written_key("villages"), time.time() - gis.REPLICA_LAG_SECONDS - 1, expires_in_sec=60
		)
		key = self.read(on_replica=True)
		self.assertIsNotNone(frappe.cache.get_value(key, expires=True))

	def test_the_window_is_thirty_seconds(self):
		self.assertEqual(gis.REPLICA_LAG_SECONDS, 30)


class TestProcessCaches(FrappeTestCase):
	def test_cached_value_is_rebuilt_after_a_change(self):
		calls = []

		def build():
			calls.append(1)
			return len(calls)

		self.assertEqual(cache.cached("perf-test", ("Village",), build), 1)
		self.assertEqual(cache.cached("perf-test", ("Village",), build), 1)  # no rebuild
		cache.on_doc_change(frappe._dict(doctype="Village"))
		self.assertEqual(cache.cached("perf-test", ("Village",), build), 2)
		cache.on_doc_change(frappe._dict(doctype="ToDo"))  # not watched: nothing happens
		self.assertEqual(cache.cached("perf-test", ("Village",), build), 2)

	def test_generations_are_read_once_per_request(self):
		frappe.local.nonsaad_generations = None  # a new request
		with patch.object(frappe.cache, "mget", wraps=frappe.cache.mget) as mget:
			cache.cached("perf-a", ("Village",), lambda: 1)
			cache.cached("perf-b", ("Service Type",), lambda: 2)
			cache.cached("perf-a", ("Village",), lambda: 1)
		self.assertEqual(mget.call_count, 1)
		calls = []

		def build():
			calls.append(1)
			return len(calls)

		self.assertEqual(cache.cached("perf-c", ("Village",), build), 1)
		frappe.cache.incr(cache._key("Village"))  # another worker changed a village
		self.assertEqual(cache.cached("perf-c", ("Village",), build), 1)  # seen from its next request
		frappe.local.nonsaad_generations = None
		self.assertEqual(cache.cached("perf-c", ("Village",), build), 2)
		cache.bump("Village")  # a change in this process: at once
		self.assertEqual(cache.cached("perf-c", ("Village",), build), 3)

	def test_a_new_village_is_found_at_once(self):
		from nonsaad_smart.smart_core.doctype.village.village import village_of_point

		lat, lng = 16.9512, 102.2512
		ring = [
			[lng - 0.001, lat - 0.001],
			[lng + 0.001, lat - 0.001],
			[lng + 0.001, lat + 0.001],
			[lng - 0.001, lat + 0.001],
			[lng - 0.001, lat - 0.001],
		]
		village_of_point(lat, lng)  # the cache is built without it
		name = make_village(95, boundary_geojson=json.dumps({"type": "Polygon", "coordinates": [ring]}))
		self.assertEqual(village_of_point(lat, lng), name)

	def test_prepared_geometry_agrees_with_ray_casting(self):
		donut = {
			"type": "Polygon",
			"coordinates": [
				[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
				[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
			],
		}
		prepared = geo.prepare_geometry(donut)
		for lat, lng in ((1, 1), (5, 5), (11, 5), (9.99, 0.01), (-1, -1), (4.5, 7)):
			self.assertEqual(
				geo.point_in_prepared(lat, lng, prepared), geo.point_in_geometry(lat, lng, donut), (lat, lng)
			)


class TestGzip(FrappeTestCase):
	def respond(self, body: bytes, accept: str = "gzip, deflate", mimetype="application/json"):
		response = Response(body, mimetype=mimetype)
		request = Request.from_values(headers={"Accept-Encoding": accept})
		compression.gzip_response(response, request)
		return response

	def test_large_json_is_gzipped_when_accepted(self):
		body = json.dumps({"message": ["x" * 50] * 1000}).encode()
		response = self.respond(body)
		self.assertEqual(response.headers.get("Content-Encoding"), "gzip")
		self.assertEqual(gzip.decompress(response.get_data()), body)
		self.assertIn("Accept-Encoding", response.headers.get("Vary", ""))

	def test_small_unaccepted_or_not_json_is_left_alone(self):
		big = json.dumps({"message": ["x" * 50] * 1000}).encode()
		for response in (
			self.respond(b'{"message": 1}'),
			self.respond(big, accept="identity"),
			self.respond(big, mimetype="text/html"),
		):
			self.assertNotIn("Content-Encoding", response.headers)

	def test_layer_body_is_sent_gzipped(self):
		body = gzip.compress(b'{"message": {"type": "FeatureCollection"}}')
		frappe.local.request = Request.from_values(headers={"Accept-Encoding": "gzip"})
		try:
			response = gis.gzip_json_response(body)
			self.assertEqual(response.headers["Content-Encoding"], "gzip")
			self.assertEqual(response.get_data(), body)
			frappe.local.request = Request.from_values()
			plain = gis.gzip_json_response(body)
			self.assertNotIn("Content-Encoding", plain.headers)
			self.assertEqual(json.loads(plain.get_data())["message"]["type"], "FeatureCollection")
		finally:
			del frappe.local.request

	def test_layer_body_is_ascii_json_of_the_same_text(self):
		message = {"title": "NSA-01-0001 – ชำรุด", "village": "บ้านโนนสะอาด", "n": 1.5}
		body = gis.gzip_body(message)
		gzip.decompress(body).decode("ascii")  # Thai written as \u escapes: the encoder's fast path
		self.assertEqual(gis.gunzip_body(body), message)


class TestBulkInsert(FrappeTestCase):
	def setUp(self):
		ensure_test_settings()

	def village(self, no: int, **values):
		from nonsaad_smart.tests.utils import TEST_CENTER

		return frappe.get_doc(
			{
				"doctype": "Village",
				"village_no": no,
				"village_name": f"บ้านทดสอบจำนวนมาก {no}",
				"latitude": TEST_CENTER[0],
				"longitude": TEST_CENTER[1],
				**values,
			}
		)

	def test_checked_rows_are_written_in_bulk(self):
		from nonsaad_smart.smart_core.bulk import insert_checked

		for no in (91, 92):
			frappe.db.delete("Village", {"village_no": no})
		self.assertEqual(insert_checked([self.village(91), self.village(92, households=12)]), 2)
		row = frappe.db.get_value(
			"Village", {"village_no": 92}, ["village_name", "households", "owner"], as_dict=True
		)
		self.assertEqual(
			(row.village_name, row.households, row.owner), ("บ้านทดสอบจำนวนมาก 92", 12, "Administrator")
		)

	def test_a_row_the_controller_rejects_stops_the_whole_batch(self):
		from nonsaad_smart.smart_core.bulk import insert_checked
		from nonsaad_smart.smart_core.geo import OutsideMunicipalityError

		frappe.db.delete("Village", {"village_no": ("in", (93, 94))})
		with self.assertRaises(OutsideMunicipalityError):
			insert_checked([self.village(93), self.village(94, latitude=13.75, longitude=100.5)])
		self.assertFalse(frappe.db.exists("Village", {"village_no": 93}))
