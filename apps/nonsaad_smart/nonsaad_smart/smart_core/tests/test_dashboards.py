"""The workspace's number cards and chart: they exist, count what they say, and respect permissions."""

import json

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from nonsaad_smart.e_smart_service.api import OPEN_STATES
from nonsaad_smart.smart_core import field_access
from nonsaad_smart.tests.utils import make_user

OPEN = list(OPEN_STATES)


class TestDashboards(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def card_count(self, name, extra=None):
		card = frappe.get_doc("Number Card", name)
		return get_result(card.as_json(), json.loads(card.filters_json or "[]") + (extra or []))

	def test_cards_count_what_they_say(self):
		self.assertEqual(
			self.card_count("Open Service Requests"),
			frappe.db.count("Service Request", {"workflow_state": ("in", OPEN)}),
		)
		self.assertEqual(
			self.card_count("Overdue Service Requests", [["Service Request", "due_date", "<", today()]]),
			frappe.db.count("Service Request", {"workflow_state": ("in", OPEN), "due_date": ("<", today())}),
		)
		self.assertEqual(
			self.card_count("Faulty Street Lights"),
			frappe.db.count("Street Light Pole", {"status": ("in", ["Faulty", "Under Repair"])}),
		)
		self.assertEqual(self.card_count("Registered Citizens"), frappe.db.count("Citizen"))

	def test_cards_count_the_open_states_of_the_api(self):
		# the number cards are standard JSON: their state filter must stay the one list of e_smart_service
		for name in ("Open Service Requests", "Overdue Service Requests"):
			filters = json.loads(frappe.db.get_value("Number Card", name, "filters_json"))
			state_filter = next(f for f in filters if f[1] == "workflow_state")
			self.assertEqual((state_filter[2], state_filter[3]), ("in", OPEN), name)

	def test_workspace_shows_cards_and_chart(self):
		workspace = frappe.get_doc("Workspace", "Smart Government")
		cards = {row.number_card_name for row in workspace.number_cards}
		self.assertEqual(len(cards), 8)
		for name in cards:
			self.assertTrue(frappe.db.exists("Number Card", name), name)
		for row in workspace.charts:
			self.assertTrue(frappe.db.exists("Dashboard Chart", row.chart_name), row.chart_name)
		self.assertIn("Service Requests per Village", {row.chart_name for row in workspace.charts})

	def test_card_needs_read_permission(self):
		frappe.set_user(make_user("technician.cards@nonsaad.test", ["Repair Technician"]))
		with self.assertRaises(frappe.PermissionError):
			self.card_count("Registered Citizens")

	def test_every_service_has_a_workspace_with_cards_and_a_chart_for_its_readers(self):
		services = [m for m in frappe.get_module_list("nonsaad_smart") if m != "Smart Core"]
		technician = make_user("technician.cards@nonsaad.test", ["Repair Technician"])
		for module in services:
			workspace = frappe.get_doc("Workspace", module)
			self.assertTrue(workspace.number_cards, module)
			self.assertTrue(workspace.charts, module)
			for row in workspace.charts:
				chart = frappe.get_doc("Dashboard Chart", row.chart_name)
				if chart.chart_type in ("Custom", "Report"):
					continue  # drawn from its source method or report (checked by their own tests)
				frappe.set_user("Administrator")
				data = field_access.dashboard_chart_get(chart_name=chart.name)
				self.assertIsNotNone(data, chart.name)
				frappe.set_user(technician)
				if not frappe.has_permission(chart.document_type, "read"):
					with self.assertRaises(frappe.PermissionError, msg=chart.name):
						field_access.dashboard_chart_get(chart_name=chart.name)
					frappe.clear_last_message()
				frappe.set_user("Administrator")

	def test_a_chart_shows_each_viewer_their_own_rows(self):
		# Frappe caches a chart's data per chart name; the app's override computes it per viewer
		from frappe.desk.doctype.dashboard_chart import dashboard_chart

		from nonsaad_smart.e_smart_service.tests.factories import make_request

		technician = make_user("technician.chart@nonsaad.test", ["Repair Technician"])
		request = make_request()
		frappe.db.set_value("Service Request", request.name, "assigned_to", technician)
		dashboard_chart.get(
			chart_name="Open Requests by State", refresh=1
		)  # Frappe's cache, as Administrator
		everyone = frappe.db.count("Service Request", {"workflow_state": ("in", OPEN)})
		mine = frappe.db.count("Service Request", {"workflow_state": ("in", OPEN), "assigned_to": technician})
		self.assertGreater(everyone, mine)
		frappe.set_user(technician)
		data = field_access.dashboard_chart_get(chart_name="Open Requests by State")
		self.assertEqual(sum(data["datasets"][0]["values"]), mine)
