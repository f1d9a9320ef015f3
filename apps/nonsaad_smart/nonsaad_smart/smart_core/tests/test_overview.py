"""Executive overview: the figures count known data like for like (the month so far against the same days of
last month and of last year; whole months for a past month), follow the viewer's rights, and the weekly
summary is a Frappe Auto Email Report to each Executive, in Thai with BE dates."""

import email
from unittest.mock import patch

import frappe
from frappe.email.doctype.email_queue.email_queue import EmailQueue
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.api import RESOLVED
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
			("2031-02-02 18:00:00", 1),  # in the same days of last month (1-2 February)
			("2031-02-27 10:00:00", 2),  # in February, after its 2nd
			("2030-03-01 08:00:00", 4),  # in the same days of last year (1-2 March 2030)
			("2030-03-31 16:00:00", 1),  # in March 2030, after its 2nd
		):
			for _ in range(count):
				name = make_request().name
				frappe.db.set_value("Service Request", name, "submitted_on", day, update_modified=False)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_periods(self):
		# a past month: whole months
		p = overview.periods(MONTH)
		self.assertEqual([str(d) for d in p["this_month"]], ["2031-03-01", "2031-03-31"])
		self.assertEqual([str(d) for d in p["last_month"]], ["2031-02-01", "2031-02-28"])
		self.assertEqual([str(d) for d in p["last_year"]], ["2030-03-01", "2030-03-31"])
		self.assertFalse(overview.is_month_to_date(p))
		self.assertEqual(overview.month_label("2031-03-01"), "มีนาคม 2574")
		# the current month: the month so far against the same days
		p = overview.periods(on_day="2031-03-02")
		self.assertEqual([str(d) for d in p["this_month"]], ["2031-03-01", "2031-03-02"])
		self.assertEqual([str(d) for d in p["last_month"]], ["2031-02-01", "2031-02-02"])
		self.assertEqual([str(d) for d in p["last_year"]], ["2030-03-01", "2030-03-02"])
		self.assertTrue(overview.is_month_to_date(p, on_day="2031-03-02"))
		self.assertEqual(overview.period_label(*p["this_month"]), "1–2 มีนาคม 2574")
		# a day the shorter month lacks is cut at its end
		p = overview.periods(on_day="2031-03-31")
		self.assertEqual([str(d) for d in p["last_month"]], ["2031-02-01", "2031-02-28"])
		self.assertTrue(overview.is_month_to_date(p, on_day="2031-03-31"))  # still the month so far
		self.assertEqual(overview.period_label(*p["last_month"]), "กุมภาพันธ์ 2574")

	def test_counts_on_known_data_whole_months(self):
		frappe.set_user(make_user("overview.mayor@nonsaad.test", ["Executive"]))
		data = overview.overview_figures(MONTH)
		self.assertFalse(data["month_to_date"])
		received = figure(data, "E-Smart Service", "Requests received")
		self.assertEqual((received["this_month"], received["last_month"], received["last_year"]), (3, 3, 5))
		self.assertEqual(received["vs_last_month"], 0.0)
		self.assertEqual(received["vs_last_year"], -40.0)
		self.assertEqual(received["route"], "/app/service-request")
		# a method figure: none resolved in that month
		sla = figure(data, "E-Smart Service", "Resolved within due date %")
		self.assertEqual(sla["this_month"], 0)
		self.assertTrue(sla["percent"])

	def test_counts_like_for_like_in_the_current_month(self):
		frappe.set_user(make_user("overview.mayor@nonsaad.test", ["Executive"]))
		with patch.object(overview, "today", return_value="2031-03-02"):
			data = overview.overview_figures()
			lang, frappe.local.lang = frappe.local.lang, "th"
			try:
				note_th = overview.comparison_note(overview.periods())
			finally:
				frappe.local.lang = lang
		self.assertTrue(data["month_to_date"])
		received = figure(data, "E-Smart Service", "Requests received")
		# 1-2 March 2031 against 1-2 February 2031 and 1-2 March 2030 (not the whole months: 3, 5)
		self.assertEqual((received["this_month"], received["last_month"], received["last_year"]), (3, 1, 4))
		self.assertEqual(received["vs_last_month"], 200.0)
		self.assertEqual(received["vs_last_year"], -25.0)
		self.assertEqual(data["periods"]["last_month"]["label"], "1–2 กุมภาพันธ์ 2574")
		self.assertIn("1–2 มีนาคม 2573", data["note"])  # the page says what it compares
		self.assertEqual(
			note_th,
			"เดือนนี้ถึงวันนี้ (1–2 มีนาคม 2574) เทียบกับวันเดียวกันของเดือนก่อน (1–2 กุมภาพันธ์ 2574) "
			"และของเดือนเดียวกันปีก่อน (1–2 มีนาคม 2573)",
		)

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

	def test_weekly_summary_is_an_auto_email_report_to_each_executive(self):
		mayor = make_user("overview.weekly@nonsaad.test", ["Executive"])
		name = overview.weekly_report_name(mayor)
		self.assertTrue(name)  # made when the user was given the role (doc event)
		report = frappe.get_doc("Auto Email Report", name)
		self.assertEqual(report.report, overview.WEEKLY_REPORT)
		self.assertEqual((report.frequency, report.day_of_week, report.format), ("Weekly", "Monday", "HTML"))
		self.assertTrue(report.enabled)
		self.assertEqual((report.user, report.email_to), (mayor, mayor))
		self.assertTrue(report.name.startswith("สรุปรายสัปดาห์สำหรับผู้บริหาร"))  # the e-mail's subject
		self.assertEqual(frappe.db.get_value("Report", overview.WEEKLY_REPORT, "is_standard"), "Yes")
		# every enabled Executive has one, and the setup step (install, migrate) is idempotent
		executives = [
			u for u in frappe.utils.user.get_users_with_role("Executive") if overview._wants_weekly(u)
		]
		overview.setup_weekly_reports()
		overview.setup_weekly_reports()
		for user in executives:
			self.assertEqual(
				frappe.db.count("Auto Email Report", {"report": overview.WEEKLY_REPORT, "user": user}),
				1,
				user,
			)
			self.assertTrue(
				frappe.db.get_value("Auto Email Report", overview.weekly_report_name(user), "enabled")
			)
		# no longer an Executive: no more mail
		former = make_user("overview.former@nonsaad.test", ["Executive"])
		user = frappe.get_doc("User", former)
		user.remove_roles("Executive")
		self.assertFalse(
			frappe.db.get_value("Auto Email Report", overview.weekly_report_name(former), "enabled")
		)

	def test_weekly_report_renders_the_figures_in_thai_with_be_dates(self):
		outgoing_account()
		mayor = make_user("overview.render@nonsaad.test", ["Executive"])
		report = frappe.get_doc("Auto Email Report", overview.weekly_report_name(mayor))
		with patch.object(overview, "today", return_value="2031-03-02"):
			columns, rows = frappe.get_doc("Report", overview.WEEKLY_REPORT).get_data(
				filters={"viewer": mayor}, as_dict=True
			)
			html = report.get_report_content()
			frappe.db.delete("Email Queue", {"reference_doctype": "Auto Email Report"})
			# queued, not handed to SMTP: EmailQueue.send commits its status (in a test Frappe sends a
			# separately queued mail at once), which kept this class's requests on the site and grew the
			# counts on every rerun (3, 3, 5 became 6, 6, 10)
			with patch.object(EmailQueue, "send"):
				report.send()
		labels = [c.label for c in columns]
		self.assertEqual(labels[2:5], ["1–2 มีนาคม 2574", "1–2 กุมภาพันธ์ 2574", "1–2 มีนาคม 2573"])
		row = next(r for r in rows if r["figure"] == "เรื่องที่รับแจ้ง")
		self.assertEqual((row["this_month"], row["last_month"], row["last_year"]), ("3", "1", "4"))
		self.assertEqual((row["vs_last_month"], row["vs_last_year"]), ("+200%", "-25%"))
		for text in ("เรื่องที่รับแจ้ง", "1–2 มีนาคม 2574", "1–2 กุมภาพันธ์ 2574", "+200%", "บริการ"):
			self.assertIn(text, html)
		mails = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Auto Email Report", "reference_name": report.name},
			fields=["name", "message"],
		)
		self.assertEqual(len(mails), 1)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": mails[0].name}, pluck="recipient"
		)
		self.assertEqual(recipients, [mayor])
		self.assertIn("เรื่องที่รับแจ้ง", html_of(mails[0].message))
		# the figures are the viewer's: an Education Officer reads no request
		kids = make_user("overview.kids@nonsaad.test", ["Education Officer"])
		_columns, kid_rows = frappe.get_doc("Report", overview.WEEKLY_REPORT).get_data(
			filters={"viewer": kids}, as_dict=True
		)
		self.assertNotIn("เรื่องที่รับแจ้ง", [r["figure"] for r in kid_rows])
		# nobody else may ask for another viewer's figures
		frappe.set_user(kids)
		from nonsaad_smart.smart_core.report.executive_weekly_summary import executive_weekly_summary

		with self.assertRaises(frappe.PermissionError):
			executive_weekly_summary.execute({"viewer": mayor})

	def test_ratings_per_service_type_and_team_for_the_period(self):
		# May 2032 (no other test's month): two requests resolved in it and rated 4 and 2, one of them
		# reopened once; one resolved in June (another period): the Executive's tables count only May's
		for resolved_on, rating, reopened in (
			("2032-05-10 10:00:00", 4, 0),
			("2032-05-20 10:00:00", 2, 1),
			("2032-06-02 10:00:00", 5, 0),
		):
			name = make_request().name
			frappe.db.set_value(
				"Service Request",
				name,
				{
					"workflow_state": RESOLVED,
					"submitted_on": "2032-05-01 08:00:00",
					"resolved_on": resolved_on,
					"rating": rating,
					"reopen_count": reopened,
				},
				update_modified=False,
			)
		service_name = frappe.db.get_value("Service Request", name, "service_name")
		frappe.set_user(make_user("overview.mayor@nonsaad.test", ["Executive"]))
		service = next(
			s
			for s in overview.overview_figures("2032-05-15")["services"]
			if s["service"] == "E-Smart Service"
		)
		by_type, by_team = service["tables"]
		self.assertEqual(by_type["route"], "/performance")
		self.assertEqual(len(by_type["columns"]), 7)
		row = next(r for r in by_type["rows"] if r[0] == service_name)
		# resolved, on time (no due date set: 0 %), median days, ratings, average, reopened %
		self.assertEqual((row[1], row[4], row[5], row[6]), (2, 2, 3.0, 50.0))
		self.assertEqual(sum(r[1] for r in by_team["rows"]), sum(r[1] for r in by_type["rows"]))
		# a viewer who reads no Service Request gets no table
		frappe.set_user("Administrator")
		frappe.set_user(make_user("overview.kids@nonsaad.test", ["Education Officer"]))
		services = overview.overview_figures("2032-05-15")["services"]
		self.assertFalse([s for s in services if s["service"] == "E-Smart Service"])
