"""Who may do what on Smart EMS (the permission matrix as real users), the certificate alerts, the
create-only setup, and the dispatch map's layers: a spec with `roles` is served to those roles only,
and `"dispatch": 1` puts it on the dispatch map (a fake layer plugged in through the hook)."""

import json
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from nonsaad_smart.smart_core import gis
from nonsaad_smart.smart_core.geo import feature_collection, point_feature
from nonsaad_smart.smart_ems import api
from nonsaad_smart.smart_ems.alerts import send_certificate_alerts
from nonsaad_smart.smart_ems.setup import setup_ems
from nonsaad_smart.smart_ems.tests.factories import make_crew, make_incident
from nonsaad_smart.tests.utils import TEST_CENTER, make_user

MATRIX = json.loads((Path(__file__).parent.parent / "permission_matrix.json").read_text())
FAKE_LAYER = {
	"fake_homes": {
		"label": "Villages",
		"method": "nonsaad_smart.smart_ems.tests.test_permissions_and_map.fake_layer",
		"public": 0,
		"roles": ["EMS Dispatcher"],
		"dispatch": 1,
		"color": "#6a1b9a",
		"popup": [{"field": "adl_group", "label": "Village"}],
	}
}


def fake_layer(bbox=None) -> dict:
	return feature_collection([point_feature(*TEST_CENTER, {"name": "H1", "adl_group": "bedbound"})])


def hooks_with_fake_layer(real):
	def get_hooks(hook=None, *args, **kwargs):
		value = real(hook, *args, **kwargs)
		if hook == "nonsaad_map_layers":
			return [*value, FAKE_LAYER]
		return value

	return get_hooks


class TestEMSPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = {
			role: make_user(f"ems.perm.{role.lower().replace(' ', '')}@nonsaad.test", [role])
			for role in ("EMS Dispatcher", "EMS Crew", "Executive", "Auditor")
		}
		cls.users["Citizen"] = make_user("ems.perm.citizen@nonsaad.test", ["Citizen"], "Website User")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_rights_per_role_as_in_the_matrix(self):
		incident = make_incident()
		for doctype, roles in MATRIX["doctypes"].items():
			for role, user in self.users.items():
				rights = set(roles.get(role, {}).get("rights", []))
				for ptype in ("read", "write", "create", "delete"):
					allowed = bool(frappe.has_permission(doctype, ptype, user=user))
					if roles.get(role, {}).get("rows", "all") != "all" and ptype == "read":
						continue  # a row rule: checked per record below
					self.assertEqual(allowed, ptype in rights, f"{role} {ptype} {doctype}")
		crew = self.users["EMS Crew"]
		self.assertFalse(frappe.has_permission("EMS Incident", "read", incident.name, user=crew))
		self.assertTrue(
			frappe.has_permission("EMS Incident", "read", incident.name, user=self.users["Executive"])
		)

	def test_citizen_and_guest_see_nothing(self):
		make_incident()
		frappe.set_user(self.users["Citizen"])
		self.assertRaises(frappe.PermissionError, frappe.get_list, "EMS Incident")
		self.assertRaises(frappe.PermissionError, api.dispatch_map_data)
		frappe.set_user("Guest")
		self.assertRaises(frappe.PermissionError, api.dispatch_map_data)

	def test_executive_cannot_dispatch(self):
		frappe.set_user(self.users["Executive"])
		self.assertRaises(frappe.PermissionError, api.dispatch, make_incident().name, "AMB-00")

	def test_layer_with_roles_served_to_those_roles_only(self):
		with patch.object(frappe, "get_hooks", hooks_with_fake_layer(frappe.get_hooks)):
			frappe.set_user(self.users["EMS Dispatcher"])
			self.assertIn("fake_homes", [layer["name"] for layer in gis.get_layers()])
			self.assertEqual(
				gis.get_layer("fake_homes")["features"][0]["properties"]["adl_group"], "bedbound"
			)
			data = api.dispatch_map_data()
			self.assertIn("fake_homes", [layer["info"]["name"] for layer in data["layers"]])
			frappe.set_user(self.users["Executive"])  # staff without the layer's role
			self.assertNotIn("fake_homes", [layer["name"] for layer in gis.get_layers()])
			self.assertRaises(frappe.PermissionError, gis.get_layer, "fake_homes")
			self.assertNotIn(
				"fake_homes", [layer["info"]["name"] for layer in api.dispatch_map_data()["layers"]]
			)
			frappe.set_user("Guest")  # nothing of it on the public map
			self.assertNotIn("fake_homes", [layer["name"] for layer in gis.get_layers()])
			self.assertRaises(frappe.PermissionError, gis.get_layer, "fake_homes")

	def test_incidents_per_village_layer_for_staff_only(self):
		incident = make_incident()
		frappe.set_user(self.users["EMS Dispatcher"])
		self.assertIn("ems_incidents_by_village", [layer["name"] for layer in gis.get_layers()])
		features = gis.get_layer("ems_incidents_by_village")["features"]
		mine = next(f for f in features if f["properties"]["name"] == incident.village)
		self.assertGreaterEqual(mine["properties"]["incidents"], 1)
		self.assertEqual(
			set(mine["properties"]) - {"name", "village_no", "village_name", "title"},
			{"incidents", "red_cases"},
		)
		for user in (self.users["EMS Crew"], self.users["Citizen"], "Guest"):
			frappe.set_user(user)
			self.assertNotIn("ems_incidents_by_village", [layer["name"] for layer in gis.get_layers()])
			self.assertRaises(frappe.PermissionError, gis.get_layer, "ems_incidents_by_village")


class TestEMSAlertsAndSetup(FrappeTestCase):
	def test_certificate_alert_90_days_before_once(self):
		dispatcher = make_user("ems.alert.dispatcher@nonsaad.test", ["EMS Dispatcher"])
		soon = make_crew(certificate_expiry=add_days(today(), 60))
		later = make_crew(certificate_expiry=add_days(today(), 120))

		def alerts(name):
			return frappe.db.count(
				"Notification Log",
				{"for_user": dispatcher, "document_type": "EMS Crew Member", "document_name": name},
			)

		self.assertGreaterEqual(send_certificate_alerts(), 1)
		self.assertEqual((alerts(soon.name), alerts(later.name)), (1, 0))
		send_certificate_alerts()
		self.assertEqual(alerts(soon.name), 1)
		frappe.db.set_value("EMS Crew Member", soon.name, "certificate_expiry", add_days(today(), 80))
		send_certificate_alerts()
		self.assertEqual(alerts(soon.name), 2)

	def test_setup_is_create_only(self):
		setup_ems()
		self.assertEqual(setup_ems(), 0)
		frappe.delete_doc("Chief Complaint", "03", force=True)
		frappe.db.set_value("EMS Check Item", "ยางรถ", "critical", 0)
		self.assertEqual(setup_ems(), 0)
		self.assertFalse(frappe.db.exists("Chief Complaint", "03"))
		self.assertEqual(frappe.db.get_value("EMS Check Item", "ยางรถ", "critical"), 0)
		self.assertGreaterEqual(frappe.db.count("Chief Complaint"), 20)
