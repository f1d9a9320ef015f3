"""The auditor's trail: every log in one list with Thai diffs (report "Audit Trail"), for the audit roles
only; log retention ≥ 1 year (setup step); the evidence pack's manifest hashes verify."""

import csv
import hashlib
import io
import json
import zipfile

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core import audit_trail, evidence
from nonsaad_smart.smart_core.report.audit_trail import audit_trail as report
from nonsaad_smart.tests.utils import make_citizen, make_user, pdf_text


class TestAuditTrail(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.auditor = make_user("trail.auditor@nonsaad.test", ["Auditor"])
		cls.clerk = make_user("trail.clerk@nonsaad.test", ["Front Desk Officer"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def record(self):
		"""A Citizen created, changed twice and viewed."""
		doc = make_citizen()
		doc.reload()
		doc.first_name = "สมชาย"
		doc.save(ignore_permissions=True, ignore_version=False)  # tests skip versions by default
		doc.reload()
		doc.first_name, doc.phone = "สมหญิง", "0822222222"
		doc.save(ignore_permissions=True, ignore_version=False)
		frappe.get_doc(
			{
				"doctype": "View Log",
				"viewed_by": self.clerk,
				"reference_doctype": "Citizen",
				"reference_name": doc.name,
			}
		).insert(ignore_permissions=True)
		return doc

	def test_retention_is_at_least_a_year_and_never_lowered(self):
		audit_trail.setup_log_retention()
		audit_trail.setup_log_retention()
		days = audit_trail.retention_days()
		self.assertGreaterEqual(days["Activity Log"], 365)
		for doctype, value in days.items():
			if doctype in audit_trail.RETAINED_LOGS:
				self.assertGreaterEqual(value, audit_trail.RETENTION_DAYS, doctype)
		settings = frappe.get_single("Log Settings")
		for row in settings.logs_to_clear:
			if row.ref_doctype == "Activity Log":
				row.days = 3000
		settings.save(ignore_permissions=True)
		audit_trail.setup_log_retention()
		self.assertEqual(audit_trail.retention_days()["Activity Log"], 3000)

	def test_the_trail_of_a_record_with_thai_diffs(self):
		doc = self.record()
		frappe.set_user(self.auditor)
		rows = audit_trail.trail({"doctype": "Citizen", "record": doc.name})
		actions = [r["action"] for r in rows]
		self.assertIn("Created", actions)
		self.assertEqual(actions.count("Changed"), 2)
		self.assertIn("Viewed", actions)
		change = next(r for r in rows if r["action"] == "Changed" and "สมหญิง" in r["details"])
		self.assertIn("สมชาย → สมหญิง", change["details"])
		# the phone (a field the auditor reads masked) changed, its values are not shown
		self.assertNotIn("0822222222", change["details"])
		self.assertIn(audit_trail.HIDDEN, change["details"])
		self.assertRegex(change["details"], "[\u0e00-\u0e7f]")  # the field's label in Thai
		self.assertEqual(change["action_label"], frappe._("Changed", lang="th"))
		viewed = next(r for r in rows if r["action"] == "Viewed")
		self.assertEqual(viewed["user"], self.clerk)
		# filters: user, action
		only_clerk = audit_trail.trail({"doctype": "Citizen", "record": doc.name, "user": self.clerk})
		self.assertEqual({r["action"] for r in only_clerk}, {"Viewed"})
		self.assertEqual(
			{
				r["action"]
				for r in audit_trail.trail({"record": doc.name, "doctype": "Citizen", "action": "Viewed"})
			},
			{"Viewed"},
		)
		columns, data = report.execute({"doctype": "Citizen", "record": doc.name})
		self.assertEqual(len(data), len(rows))
		self.assertIn("details", [c["fieldname"] for c in columns])

	def test_only_the_audit_roles_read_the_trail(self):
		frappe.set_user(self.clerk)
		with self.assertRaises(audit_trail.AuditAccessError):
			audit_trail.trail({})
		with self.assertRaises(audit_trail.AuditAccessError):
			evidence.make_pack("Citizen", "x")

	def test_evidence_pack_hashes_verify(self):
		doc = self.record()
		frappe.set_user(self.auditor)
		file_name, content = evidence.make_pack("Citizen", doc.name)
		self.assertTrue(file_name.endswith(".zip"))
		pack = zipfile.ZipFile(io.BytesIO(content))
		manifest = json.loads(pack.read("manifest.json"))
		names = {f["name"] for f in manifest["files"]}
		self.assertEqual(
			names, {f"{doc.name}.pdf", "attachments.csv", "versions.csv", "view_log.csv", "access_log.csv"}
		)
		self.assertEqual(set(pack.namelist()), names | {"manifest.json"})
		for entry in manifest["files"]:
			data = pack.read(entry["name"])
			self.assertEqual(hashlib.sha256(data).hexdigest(), entry["sha256"], entry["name"])
			self.assertEqual(len(data), entry["bytes"])
		pdf = pack.read(f"{doc.name}.pdf")
		self.assertTrue(pdf.startswith(b"%PDF"))
		self.assertIn("สมหญิง", pdf_text(pdf))  # Thai, the letter head's municipality
		versions = list(csv.DictReader(io.StringIO(pack.read("versions.csv").decode("utf-8-sig"))))
		self.assertTrue(any("สมชาย → สมหญิง" in v["details"] for v in versions))
		views = list(csv.DictReader(io.StringIO(pack.read("view_log.csv").decode("utf-8-sig"))))
		self.assertEqual([v["user"] for v in views], [self.clerk])
		# the pack is itself logged
		self.assertTrue(
			frappe.db.exists(
				"Access Log",
				{"method": "Evidence Pack", "reference_document": doc.name, "user": self.auditor},
			)
		)
		# a period pack
		today = frappe.utils.today()
		_name, content = evidence.make_pack(None, None, today, today)
		pack = zipfile.ZipFile(io.BytesIO(content))
		manifest = json.loads(pack.read("manifest.json"))
		for entry in manifest["files"]:
			self.assertEqual(hashlib.sha256(pack.read(entry["name"])).hexdigest(), entry["sha256"])
		self.assertIn(doc.name, pack.read("audit_trail.csv").decode("utf-8-sig"))


class TestReportExportLogged(FrappeTestCase):
	def test_script_and_query_report_exports_of_a_sensitive_doctype_are_logged(self):
		from nonsaad_smart.smart_core import audit

		if not frappe.db.exists("Report", "Test Citizen Export"):
			frappe.get_doc(
				{
					"doctype": "Report",
					"report_name": "Test Citizen Export",
					"ref_doctype": "Citizen",
					"report_type": "Query Report",
					"is_standard": "No",
					"module": "Smart Core",
					"query": "select name as `Citizen:Link/Citizen:120` from `tabCitizen` limit 3",
				}
			).insert(ignore_permissions=True)
		frappe.local.nonsaad_reads = []
		frappe.local.form_dict = frappe._dict(
			report_name="Test Citizen Export", file_format_type="CSV", filters="{}", visible_idx="[]"
		)
		frappe.local.response = frappe._dict()
		audit.export_report()
		self.assertTrue(frappe.local.response.filecontent)
		(entry,) = frappe.local.nonsaad_reads
		self.assertEqual(
			(entry["doctype"], entry["kind"], entry["file_type"], entry["method"]),
			("Citizen", "export", "CSV", "frappe.desk.query_report.export_query"),
		)
		self.assertIn("Test Citizen Export", entry["filters"])
		before = frappe.db.count("Access Log", {"export_from": "Citizen"})
		audit._write(entry)
		self.assertEqual(frappe.db.count("Access Log", {"export_from": "Citizen"}), before + 1)
		frappe.local.nonsaad_reads = []
