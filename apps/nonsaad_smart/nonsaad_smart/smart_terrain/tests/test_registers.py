"""Road, Drain and Culvert as E-Smart Service asset registers: snapping a pin, the request callbacks."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service import api as service_api
from nonsaad_smart.e_smart_service.assets import map_layers, nearest, nearest_asset, register_doctypes
from nonsaad_smart.e_smart_service.tests.factories import make_request, make_service_type
from nonsaad_smart.smart_terrain.testing import make_culvert, make_drain, make_road, make_road_request


class TestTerrainRegisters(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_registers_and_layers(self):
		for doctype in ("Road", "Drain", "Culvert"):
			self.assertIn(doctype, register_doctypes())
		self.assertEqual(map_layers()["Road"], "roads")

	def test_pin_snaps_to_the_nearest_asset_within_the_distance(self):
		culvert = make_culvert(lat=16.9611, lng=102.2861)
		found = nearest_asset("Culvert", 16.9612, 102.2861)  # 11 m north
		self.assertEqual(found.name, culvert.name)
		self.assertIsNone(nearest_asset("Culvert", 16.9650, 102.2861))  # 430 m
		frappe.db.set_single_value("Terrain Settings", "snap_distance_m", 500)
		self.assertEqual(nearest_asset("Culvert", 16.9650, 102.2861).name, culvert.name)
		frappe.db.set_single_value("Terrain Settings", "snap_distance_m", 30)
		# the guest endpoint: same answer, only for registers with a public layer
		frappe.set_user("Guest")
		self.assertEqual(nearest("Culvert", 16.9612, 102.2861)["name"], culvert.name)
		self.assertIsNone(nearest("Street Light Pole", "x", "y"))
		self.assertIsNone(nearest("User", 16.9612, 102.2861))

	def test_request_about_a_road_and_an_accepted_drain_report(self):
		road = make_road()
		request = make_road_request(road.name)
		self.assertEqual(service_api.request_asset(request.name).asset_name, road.name)
		drain = make_drain()
		make_service_type("TEST-DRAIN", kind="Repair Report", asset_doctype="Drain")
		report = make_request(
			service_type="TEST-DRAIN",
			asset_doctype="Drain",
			asset_name=drain.name,
			latitude=None,
			longitude=None,
		)
		report.workflow_state = service_api.ACCEPTED
		report.flags.ignore_workflow_transition = True
		report.save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("Drain", drain.name, "condition_class"), "Poor")
