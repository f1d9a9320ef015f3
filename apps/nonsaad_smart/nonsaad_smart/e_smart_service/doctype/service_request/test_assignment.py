"""Assignment of a Service Request (issue 10 item 5): only those who do the work, through Frappe's
assignment (ToDo + notification), a reassignment closes the old ToDo, the form names the next step."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.doctype.service_request.service_request import (
	AssigneeRoleError,
	assignee_query,
)
from nonsaad_smart.e_smart_service.doctype.service_request.test_service_request import act
from nonsaad_smart.e_smart_service.tests.factories import make_request, officer


def open_todos(name: str) -> list[str]:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": "Service Request", "reference_name": name, "status": "Open"},
		pluck="allocated_to",
	)


class TestAssignment(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.frontdesk, cls.works, cls.tech = officer("frontdesk"), officer("works"), officer("technician")
		cls.auditor = officer("auditor")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_only_workers_are_offered_and_accepted(self):
		offered = {row[0] for row in assignee_query("User", "", "name", 0, 500, {})}
		self.assertIn(self.tech, offered)
		self.assertIn(self.works, offered)
		self.assertNotIn(self.auditor, offered)
		self.assertNotIn(self.frontdesk, offered)
		doc = act(self.frontdesk, make_request(), "Accept")
		with self.assertRaises(AssigneeRoleError):
			act(self.works, doc, "Assign", assigned_to=self.auditor)
		self.assertEqual(frappe.db.get_value("Service Request", doc.name, "workflow_state"), "Accepted")
		self.assertEqual(open_todos(doc.name), [])

	def test_assign_makes_todo_and_notification_and_next_step(self):
		doc = act(self.frontdesk, make_request(), "Accept")
		doc = act(self.works, doc, "Assign", assigned_to=self.tech)
		self.assertEqual(open_todos(doc.name), [self.tech])
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"document_type": "Service Request", "document_name": doc.name, "for_user": self.tech},
			)
		)
		doc.run_method("onload")
		self.assertIn(frappe.utils.get_fullname(self.tech), doc.get_onload().next_step)
		# reassigned: the old ToDo is cancelled, the new assignee has one
		other = self.works  # a public works officer may take the work himself
		doc = act(self.works, doc, "Reassign")
		doc = act(self.works, doc, "Assign", assigned_to=other)
		self.assertEqual(open_todos(doc.name), [other])
