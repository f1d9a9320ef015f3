"""The citizen report path of issue 11 (docs/performance.md): cached service types, deferred Workflow
Actions, the tracking number taken at the row's write."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.doctype.service_request.service_request import (
	PROVISIONAL_PREFIX,
	service_type_info,
)
from nonsaad_smart.e_smart_service.tests.factories import make_request
from nonsaad_smart.smart_core import deferred


class TestReportPath(FrappeTestCase):
	def test_service_types_come_from_the_cache_and_follow_changes(self):
		name = frappe.get_all("Service Type", pluck="name", limit=1)[0]
		doc = frappe.get_doc("Service Type", name)
		self.assertEqual(service_type_info(name).sla_days, doc.sla_days)
		doc.sla_days = (doc.sla_days or 0) + 3
		doc.save(ignore_permissions=True)
		self.assertEqual(service_type_info(name).sla_days, doc.sla_days)
		self.assertIsNone(service_type_info("NO-SUCH-TYPE"))

	def test_the_tracking_number_is_taken_when_the_row_is_written(self):
		doc = make_request()
		self.assertTrue(doc.name.startswith("SR-"), doc.name)
		self.assertFalse(frappe.db.exists("Service Request", {"name": ("like", PROVISIONAL_PREFIX + "%")}))
		for row in doc.status_log:
			self.assertEqual(row.parent, doc.name)
		self.assertEqual(
			frappe.db.get_value("Service Request Status Log", {"parent": doc.name}, "status"), "Submitted"
		)

	def test_a_flagged_document_gets_its_workflow_actions_after_the_commit(self):
		from frappe.workflow.doctype.workflow_action import workflow_action

		deferred.install()
		queued = []
		original_enqueue, in_test = frappe.enqueue, frappe.flags.in_test
		frappe.enqueue = lambda method, **kwargs: queued.append((method, kwargs))
		frappe.flags.in_test = False
		try:
			doc = frappe.get_doc(make_request().as_dict())  # a copy of a request, flagged like a web report
			doc.flags.defer_workflow_actions = True
			workflow_action.process_workflow_actions(doc, "on_update")
		finally:
			frappe.enqueue, frappe.flags.in_test = original_enqueue, in_test
		self.assertEqual(len(queued), 1)
		method, kwargs = queued[0]
		self.assertEqual(method, "nonsaad_smart.smart_core.deferred.run_workflow_actions")
		self.assertTrue(kwargs["enqueue_after_commit"])
		self.assertEqual((kwargs["doctype"], kwargs["name"]), ("Service Request", doc.name))
		self.assertFalse(doc.flags.defer_workflow_actions)  # once
		frappe.db.delete("Workflow Action", {"reference_name": doc.name})
		deferred.run_workflow_actions(kwargs["doctype"], kwargs["name"], kwargs["state"])
		self.assertTrue(
			frappe.db.exists(
				"Workflow Action",
				{"reference_name": doc.name, "workflow_state": "Submitted", "status": "Open"},
			)
		)
