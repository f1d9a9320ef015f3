import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service import api as service_api
from nonsaad_smart.smart_terrain.doctype.maintenance_work.maintenance_work import (
	ExecutiveApprovalRequiredError,
	RequestAssetMismatchError,
	WorkNotReadyError,
)
from nonsaad_smart.smart_terrain.testing import (
	EXECUTIVE,
	OFFICER,
	TECHNICIAN,
	make_culvert,
	make_drain,
	make_road,
	make_road_request,
	make_survey,
	make_technician,
	make_work,
)
from nonsaad_smart.smart_terrain.workflows import APPROVED, DONE
from nonsaad_smart.tests.utils import make_image_file, make_user


def officer():
	return OFFICER


USERS = {
	OFFICER: ["Public Works Officer"],
	EXECUTIVE: ["Executive"],
	"terrain.ma@nonsaad.test": ["Municipal Admin"],
	"terrain.ems@nonsaad.test": ["EMS Dispatcher"],
	"terrain.kids@nonsaad.test": ["Education Officer"],
}


class TestMaintenanceWork(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for email, roles in USERS.items():  # users are made by the system, before any test switches user
			make_user(email, roles)
		make_technician()
		make_technician("terrain.tech2@nonsaad.test")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_cost_from_unit_rate_and_quantity(self):
		road = make_road(width_m=4)
		work = make_work("Road", road.name)
		self.assertEqual(work.unit, "Square Metre")
		self.assertAlmostEqual(work.quantity, round(road.length_m * 4, 2), places=1)
		self.assertEqual(work.unit_rate, 320)
		self.assertAlmostEqual(work.estimated_cost, round(work.quantity * 320, 2), places=1)
		self.assertEqual(make_work("Culvert", make_culvert().name).quantity, 1)

	def test_workflow_and_executive_approval_above_the_settings_amount(self):
		frappe.db.set_single_value("Terrain Settings", "executive_approval_above", 100000)
		road = make_road()
		small = make_work("Road", road.name, quantity=10)  # 3 200 baht
		big = make_work("Road", road.name, quantity=1000)  # 320 000 baht
		frappe.set_user(officer())
		small = apply_workflow(small, "Approve")
		self.assertEqual(small.workflow_state, APPROVED)
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Maintenance Work", big.name), "Approve")
		# nor around the workflow (a plain save of the state)
		doc = frappe.get_doc("Maintenance Work", big.name)
		doc.workflow_state = APPROVED
		with self.assertRaises((ExecutiveApprovalRequiredError, WorkflowTransitionError)):
			doc.save()
		frappe.set_user(EXECUTIVE)
		self.assertEqual(
			apply_workflow(frappe.get_doc("Maintenance Work", big.name), "Approve").workflow_state, APPROVED
		)

	def test_done_updates_the_asset_and_settles_the_request(self):
		road = make_road()
		make_survey("Road", road.name, paser=3)
		request = make_road_request(road.name)
		self.assertTrue(service_api.is_open(request.name))
		other = make_road()
		with self.assertRaises(RequestAssetMismatchError):
			make_work("Road", other.name, service_request=request.name)
		work = make_work("Road", road.name, service_request=request.name, quantity=10)
		# the office assigned the request to the crew lead (who may then resolve it, as for Pole Repair)
		frappe.db.set_value(
			"Service Request",
			request.name,
			{"workflow_state": service_api.ASSIGNED, "assigned_to": TECHNICIAN},
		)
		frappe.set_user(officer())
		work = apply_workflow(work, "Approve")
		frappe.set_user(TECHNICIAN)
		work = apply_workflow(frappe.get_doc("Maintenance Work", work.name), "Start Work")
		with self.assertRaises(WorkNotReadyError):  # no after photo, no rating after the work
			apply_workflow(frappe.get_doc("Maintenance Work", work.name), "Complete")
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Maintenance Work", work.name)
		doc.after_photo = make_image_file("after-road.jpg")
		doc.condition_after = 9
		doc.work_done = "ปะซ่อมหลุมบ่อ"
		doc.save()
		frappe.set_user(TECHNICIAN)
		done = apply_workflow(frappe.get_doc("Maintenance Work", work.name), "Complete")
		frappe.set_user("Administrator")
		self.assertEqual((done.docstatus, done.workflow_state), (1, DONE))
		self.assertEqual(frappe.db.get_value("Road", road.name, ["paser", "condition_class"]), (9, "Good"))
		self.assertFalse(service_api.is_open(request.name))
		self.assertEqual(
			frappe.db.get_value("Service Request", request.name, "workflow_state"), service_api.RESOLVED
		)
		self.assertIn(work.name, frappe.db.get_value("Service Request", request.name, "resolution_note"))

	def test_drain_work_done_clears_its_condition(self):
		drain = make_drain()
		make_survey("Drain", drain.name, blockage_pct=80, structural_damage="Minor")
		self.assertEqual(frappe.db.get_value("Drain", drain.name, "condition_class"), "Very Poor")
		work = make_work("Drain", drain.name)
		for action in ("Approve", "Start Work", "Complete"):
			work = apply_workflow(frappe.get_doc("Maintenance Work", work.name), action)
		self.assertEqual(
			frappe.db.get_value("Drain", drain.name, ["condition_class", "blockage_pct"]), ("Good", 0)
		)

	def test_permissions_per_role(self):
		road = make_road()
		mine = make_work("Road", road.name)
		theirs = make_work("Road", road.name, technician=make_technician("terrain.tech2@nonsaad.test"))
		# Public Works Officer edits the registers and the works
		frappe.set_user(officer())
		self.assertTrue(frappe.has_permission("Road", "write"))
		self.assertTrue(frappe.has_permission("Road", "create"))
		self.assertTrue(frappe.has_permission("Maintenance Work", "create"))
		# Repair Technician: reads the registers, works only their own works
		frappe.set_user(TECHNICIAN)
		self.assertTrue(frappe.has_permission("Road", "read"))
		self.assertFalse(frappe.has_permission("Road", "write"))
		self.assertFalse(frappe.has_permission("Road", "create"))
		self.assertFalse(frappe.has_permission("Maintenance Work", "create"))
		self.assertTrue(
			frappe.has_permission(
				"Maintenance Work", "write", doc=frappe.get_doc("Maintenance Work", mine.name)
			)
		)
		self.assertFalse(
			frappe.has_permission(
				"Maintenance Work", "read", doc=frappe.get_doc("Maintenance Work", theirs.name)
			)
		)
		visible = frappe.get_list("Maintenance Work", pluck="name", limit=0)
		self.assertIn(mine.name, visible)
		self.assertNotIn(theirs.name, visible)
		# Executive and Municipal Admin read; nobody else of the staff
		for email, _role in (("terrain.ma@nonsaad.test", "Municipal Admin"), (EXECUTIVE, "Executive")):
			frappe.set_user(email)
			self.assertTrue(frappe.has_permission("Road", "read"))
			self.assertFalse(frappe.has_permission("Road", "write"))
		for email, _role in (
			("terrain.ems@nonsaad.test", "EMS Dispatcher"),
			("terrain.kids@nonsaad.test", "Education Officer"),
		):
			frappe.set_user(email)
			self.assertFalse(frappe.has_permission("Road", "read"))
			self.assertFalse(frappe.has_permission("Maintenance Work", "read"))
