"""E-Smart Service on the registries: asset registers (validation, callbacks, Open311 codes, boot info)
and citizen links (a person's requests, permission-checked)."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service import api
from nonsaad_smart.e_smart_service.assets import asset_by_code, map_layers, register_doctypes
from nonsaad_smart.e_smart_service.doctype.service_request.service_request import InvalidAssetError
from nonsaad_smart.e_smart_service.tests.factories import make_request, make_service_type
from nonsaad_smart.smart_core import registry
from nonsaad_smart.tests.utils import make_citizen, make_user, make_village

CALLS = []


def record_report(asset_name, request):
	"""A real callback of the test register below: remembers what it was told."""
	CALLS.append(("report", asset_name, request))


def record_update(event):
	CALLS.append(("update", event.asset_name, event.state, event.accepted, event.settled, event.is_open))


TEST_REGISTER = {
	"doctype": "Village",
	"code_field": "village_name",
	"label": "Village",
	"on_report": "nonsaad_smart.e_smart_service.tests.test_registries.record_report",
	"on_request_update": "nonsaad_smart.e_smart_service.tests.test_registries.record_update",
}


def with_test_register():
	"""frappe.get_hooks with one more register (as a further module's hooks.py would add it)."""
	real = frappe.get_hooks

	def get_hooks(hook=None, *args, **kwargs):
		value = real(hook, *args, **kwargs)
		if hook == "nonsaad_asset_registers":
			return [*value, TEST_REGISTER]
		return value

	return patch.object(frappe, "get_hooks", get_hooks)


class TestAssetRegisters(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		CALLS.clear()

	def test_smart_i_pole_registers_the_pole(self):
		spec = registry.asset_register("Street Light Pole")
		self.assertEqual((spec.code_field, spec.map_layer), ("pole_code", "street_lights"))
		self.assertIn("Street Light Pole", register_doctypes())
		self.assertEqual(map_layers()["Street Light Pole"], "street_lights")
		# Smart Terrain registers Road, Drain and Culvert (with their map layers); an unknown code is refused
		self.assertEqual(
			{d: map_layers().get(d) for d in ("Road", "Drain", "Culvert")},
			{"Road": "roads", "Drain": "drains", "Culvert": "culverts"},
		)
		self.assertIsNone(registry.asset_register("Bridge"))
		with self.assertRaises(InvalidAssetError):
			make_request(asset_doctype="Culvert", asset_name="C-1")

	def test_asset_by_code_uses_the_code_field(self):
		pole = frappe.get_all("Street Light Pole", fields=["name", "pole_code"], limit=1)
		if pole:
			self.assertEqual(asset_by_code("Street Light Pole", pole[0].pole_code), pole[0].name)
		self.assertIsNone(asset_by_code("Street Light Pole", "NO-SUCH-POLE"))
		self.assertIsNone(asset_by_code("Culvert", "C-1"))

	def test_callbacks_of_a_new_register_are_called(self):
		village = make_village()
		name = frappe.db.get_value("Village", village, "village_name")
		with with_test_register():
			self.assertEqual(asset_by_code("Village", name), village)
			request = make_request(asset_doctype="Village", asset_name=village)
			self.assertEqual(
				CALLS, [("report", village, request.name), ("update", village, api.SUBMITTED, 0, 0, 1)]
			)
			CALLS.clear()
			tracking, merged = api.submit_report(
				{
					"service_type": request.service_type,
					"description": "อีกคนแจ้งเรื่องเดียวกัน",
					"requester_name": "นายสอง แจ้งซ้ำ",
					"requester_phone": "0812345678",
					"asset_doctype": "Village",
					"asset_name": village,
					"channel": "Web",
				}
			)
			self.assertEqual((tracking, merged), (request.name, True))
			self.assertEqual(CALLS, [("report", village, request.name)])
			CALLS.clear()
			request.reload()
			request.workflow_state = api.ACCEPTED
			request.save()
			request.reason = "ไม่พบปัญหา"
			request.workflow_state = api.REJECTED
			request.save()
		self.assertEqual(
			CALLS,
			[
				("update", village, api.ACCEPTED, True, False, True),
				("update", village, api.REJECTED, False, True, False),
			],
		)

	def test_public_api_of_the_states(self):
		request = make_request()
		self.assertTrue(api.is_open(request.name))
		self.assertFalse(api.is_open("SR-NO-SUCH"))
		self.assertIsNone(api.request_asset(request.name))
		self.assertEqual(set(api.OPEN_STATES) | set(api.CLOSED_STATES), set(api.STATES))
		self.assertTrue(set(api.IN_HAND_STATES) < set(api.OPEN_STATES))
		self.assertTrue(api.state_label(api.SUBMITTED))
		# the workflow fixture has exactly these states and actions
		workflow = frappe.get_doc("Workflow", "Service Request")
		self.assertEqual([s.state for s in workflow.states], list(api.STATES))
		from nonsaad_smart.e_smart_service.states import ACTIONS

		self.assertEqual({t.action for t in workflow.transitions}, set(ACTIONS))

	def test_open_requests_by_asset(self):
		village = make_village()
		with with_test_register():
			request = make_request(asset_doctype="Village", asset_name=village)
		row = api.open_requests_by_asset("Village")[village]
		self.assertEqual((row.name, row.state), (request.name, api.SUBMITTED))
		self.assertEqual(row.state_label, api.state_label(api.SUBMITTED))
		self.assertEqual(api.request_asset(request.name), {"asset_doctype": "Village", "asset_name": village})
		self.assertEqual(api.get_request_asset(request.name).asset_name, village)
		frappe.set_user(make_user("supplies.registries@nonsaad.test", ["Supplies Officer"]))
		with self.assertRaises(frappe.PermissionError):
			api.get_request_asset(request.name)
		frappe.set_user("Administrator")
		frappe.db.set_value("Service Request", request.name, "workflow_state", api.RESOLVED)
		self.assertNotIn(village, api.open_requests_by_asset("Village"))
		self.assertFalse(api.is_open(request.name))

	def test_desk_gets_the_states_in_boot(self):
		boot = frappe._dict()
		api.boot_session(boot)
		info = boot.nonsaad_service_request
		self.assertEqual(info["open_states"], list(api.OPEN_STATES))
		self.assertEqual(info["in_hand_states"], list(api.IN_HAND_STATES))
		self.assertEqual(set(info["colours"]), set(api.STATES))
		self.assertIn("Street Light Pole", info["asset_doctypes"])


class TestCitizenLinks(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_service_request_is_a_citizen_link(self):
		self.assertIn(
			("Service Request", "requester"), [(l.doctype, l.field) for l in registry.citizen_links()]
		)

	def test_a_citizens_requests_as_each_role_may_see_them(self):
		citizen = make_citizen().name
		other = make_citizen().name
		mine = make_request(requester=citizen)
		make_request(requester=other)
		frontdesk = make_user("frontdesk.links@nonsaad.test", ["Front Desk Officer"])
		welfare = make_user("welfare.links@nonsaad.test", ["Social Welfare Officer"])
		technician = make_user("technician.links@nonsaad.test", ["Repair Technician"])
		records = registry.citizen_records(citizen)
		self.assertEqual([r.name for r in records["Service Request"]], [mine.name])
		frappe.set_user(frontdesk)
		self.assertEqual([r.name for r in registry.citizen_records(citizen)["Service Request"]], [mine.name])
		# reads the person but not the requests: the requests are left out
		frappe.set_user(welfare)
		self.assertNotIn("Service Request", registry.citizen_records(citizen))
		# may not read the person at all
		frappe.set_user(technician)
		with self.assertRaises(frappe.PermissionError):
			registry.citizen_records(citizen)
