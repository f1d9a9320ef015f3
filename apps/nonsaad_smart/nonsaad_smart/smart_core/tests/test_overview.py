"""Executive overview: the figures count known data per month, follow the viewer's rights, and the weekly
summary e-mail reaches each Executive in Thai."""

import email

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.tests.factories import make_request
from nonsaad_smart.smart_core import overview
from nonsaad_smart.smart_core.tests.test_notify_and_qr import outgoing_account
from nonsaad_smart.tests.utils import make_user

MONTH = "2031-03-15"  # a month no other test or demo row falls in


def html_of(message: str) -> str:
	"""The HTML part of a queued e-mail, decoded."""
	for part in email.message_from_string(message).walk():
		if part.get_content_type() == "text/html":
			return part.get_payload(decode=True).decode("utf-8")
	return ""


def figure(data: dict, service: str, label: str) -> dict | None:
	for row in data["services"]:
		if row["service"] == service:
			return next((f for f in row["figures"] if f["label"] == label), None)
	return None


class TestOverview(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for day, count in (
			("2031-03-02 09:00:00", 3),
			("2031-02-27 10:00:00", 2),
			("2030-03-31 16:00:00", 1),
		):
			for _ in range(count):
				name = make_request().name
				frappe.db.set_value("Service Request", name, "submitted_on", day, update_modified=False)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_periods(self):
		p = overview.periods(MONTH)
		self.assertEqual([str(d) for d in p["this_month"]], ["2031-03-01", "2031-03-31"])
		self.assertEqual([str(d) for d in p["last_month"]], ["2031-02-01", "2031-02-28"])
		self.assertEqual([str(d) for d in p["last_year"]], ["2030-03-01", "2030-03-31"])
		self.assertEqual(overview.month_label("2031-03-01"), "มีนาคม 2574")

	def test_counts_on_known_data(self):
		frappe.set_user(make_user("overview.mayor@nonsaad.test", ["Executive"]))
		data = overview.overview_figures(MONTH)
		received = figure(data, "E-Smart Service", "Requests received")
		self.assertEqual((received["this_month"], received["last_month"], received["last_year"]), (3, 2, 1))
		self.assertEqual(received["vs_last_month"], 50.0)
		self.assertEqual(received["vs_last_year"], 200.0)
		self.assertEqual(received["route"], "/app/service-request")
		# a method figure: none resolved in that month
		sla = figure(data, "E-Smart Service", "Resolved within due date %")
		self.assertEqual(sla["this_month"], 0)
		self.assertTrue(sla["percent"])

	def test_figures_follow_the_viewers_rights(self):
		frappe.set_user(make_user("overview.kids@nonsaad.test", ["Education Officer"]))
		services = {row["service"] for row in overview.overview_figures(MONTH)["services"]}
		self.assertIn("Smart Kids", services)
		self.assertNotIn("E-Smart Service", services)  # the Education Officer reads no Service Request
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			overview.overview_figures(MONTH)

	def test_every_registered_figure_is_readable_by_the_administrator(self):
		data = overview.overview_figures(MONTH)
		shown = {(row["service"], f["label"]) for row in data["services"] for f in row["figures"]}
		for spec in overview.figure_specs():
			installed = not spec.get("doctype") or frappe.db.exists("DocType", spec.doctype)
			if installed:
				self.assertIn((spec.service, frappe._(spec.label)), shown, spec)

	def test_weekly_summary_in_thai_to_each_executive(self):
		outgoing_account()
		mayor = make_user("overview.weekly@nonsaad.test", ["Executive"])
		frappe.db.delete("Email Queue", {"reference_doctype": "Workspace"})
		sent = overview.send_weekly_summary()
		self.assertIn(mayor, sent)
		mails = frappe.get_all(
			"Email Queue", filters={"reference_doctype": "Workspace"}, fields=["name", "message"]
		)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": ("in", [m.name for m in mails])}, pluck="recipient"
		)
		self.assertIn(mayor, recipients)
		message = next(
			html_of(m.message)
			for m in mails
			if mayor in frappe.get_all("Email Queue Recipient", filters={"parent": m.name}, pluck="recipient")
		)
		self.assertIn("สรุปผลการให้บริการทุกด้านของเทศบาล", message)
		self.assertIn("เรื่องที่รับแจ้ง", message)
