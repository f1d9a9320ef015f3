"""Allowance Payment Run: one line per active registration with its amount; run twice → one run (unique
run_key, controller and database); all or nothing on a forced failure and on a stop; the bank file and
the signed summary. Fiscal year 2575 keeps the tests clear of the demo's runs."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_care import payment_run
from nonsaad_smart.smart_care.bank_file import RunNotCompletedError, bank_rows, to_csv
from nonsaad_smart.smart_care.doctype.allowance_payment_run.allowance_payment_run import (
	DuplicatePaymentRunError,
)
from nonsaad_smart.smart_care.printing import payment_run_summary
from nonsaad_smart.smart_care.tests.factories import (
	as_user,
	make_active_registration,
	make_care_person,
	make_team,
)

FY = 2575
MONTH = "2032-01-15"  # fiscal year 2575


class ForcedFailure(Exception):
	pass


class TestAllowancePaymentRun(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.team = make_team()
		cls.persons = [
			make_care_person("1960-01-01").name,  # 75 in 2575: 700
			make_care_person(
				"1950-06-01", bank="Government Savings Bank", bank_account_no="020123456789"
			).name,  # 85: 800
			make_care_person("1940-03-01", bank="", bank_account_no="").name,  # 95: 1000, paid in cash
		]
		cls.registrations = [make_active_registration(p, cls.team, fiscal_year=FY).name for p in cls.persons]

	def tearDown(self):
		payment_run.after_batch = self._after_batch
		frappe.set_user("Administrator")

	def setUp(self):
		self._after_batch = payment_run.after_batch

	def start(self, month=MONTH):
		return as_user(self.team["swo"], payment_run.start_run, month, "Elderly Allowance")

	def lines(self, run):
		return frappe.get_all(
			"Allowance Payment Line", filters={"payment_run": run}, fields=["registration", "amount", "tier"]
		)

	def test_one_line_per_active_registration(self):
		run = self.start("2032-03-01")
		result = payment_run.execute_run(run, batch_size=2, commit=False)
		self.assertEqual(result["status"], "Completed")
		lines = {row.registration: row.amount for row in self.lines(run)}
		self.assertEqual(lines, dict(zip(self.registrations, (700, 800, 1000), strict=True)))
		doc = frappe.get_doc("Allowance Payment Run", run)
		self.assertEqual((doc.line_count, doc.total_amount, doc.fiscal_year), (3, 2500, FY))
		self.assertTrue(doc.name.startswith(f"APR-{FY}-"), doc.name)

	def test_run_twice_is_one_run(self):
		first = self.start()
		self.assertEqual(self.start(), first)
		payment_run.execute_run(first, commit=False)
		self.assertEqual(payment_run.execute_run(first, commit=False)["status"], "Completed")  # not again
		self.assertEqual(len(self.lines(first)), 3)
		self.assertEqual(self.start(), first)
		self.assertEqual(
			frappe.db.count(
				"Allowance Payment Run", {"run_key": payment_run.run_key(MONTH, "Elderly Allowance")}
			),
			1,
		)
		with self.assertRaises(DuplicatePaymentRunError):
			frappe.get_doc(
				{
					"doctype": "Allowance Payment Run",
					"month": "2032-01-01",
					"allowance_kind": "Elderly Allowance",
				}
			).insert()
		# the database itself refuses a second run of the month and kind
		with self.assertRaises(Exception) as refused:
			frappe.db.sql(
				"insert into `tabAllowance Payment Run` (name, month, allowance_kind, run_key) values ('X-DUP', '2032-01-01', 'Elderly Allowance', %s)",
				payment_run.run_key(MONTH, "Elderly Allowance"),
			)
		self.assertTrue(frappe.db.is_unique_key_violation(refused.exception))

	def test_forced_failure_leaves_nothing(self):
		run = self.start("2031-11-01")
		calls = []

		def fail(run_doc, lines):
			calls.append(lines)
			if len(calls) == 2:
				raise ForcedFailure("disk full")

		payment_run.after_batch = fail
		result = payment_run.execute_run(run, batch_size=1, commit=False)
		self.assertEqual(result["status"], "Failed")
		self.assertEqual(calls, [1, 2])  # two lines were written before the failure ...
		self.assertEqual(self.lines(run), [])  # ... and none is left
		doc = frappe.get_doc("Allowance Payment Run", run)
		self.assertEqual((doc.status, doc.line_count), ("Failed", 0))
		self.assertIn("disk full", doc.error)
		# a failed run can run again, completely
		payment_run.after_batch = self._after_batch
		doc.db_set("status", "Draft")
		self.assertEqual(payment_run.execute_run(run, commit=False)["lines"], 3)

	def test_stop_leaves_nothing(self):
		run = self.start("2031-12-01")

		def stop(run_doc, lines):
			frappe.cache.set_value(payment_run._stop_key(run), 1)

		payment_run.after_batch = stop
		self.assertEqual(payment_run.execute_run(run, batch_size=1, commit=False)["status"], "Stopped")
		self.assertEqual(self.lines(run), [])

	def test_bank_file_and_summary(self):
		run = self.start("2032-02-01")
		with self.assertRaises(RunNotCompletedError):
			as_user(self.team["swo"], bank_rows, run)
		payment_run.execute_run(run, commit=False)
		rows = as_user(self.team["swo"], bank_rows, run)
		self.assertEqual(len(rows), 2)  # the person without an account is paid in cash
		self.assertEqual([r[1] for r in rows], ["006", "030"])
		self.assertEqual({r[2] for r in rows}, {"9876543210", "020123456789"})
		self.assertTrue(to_csv(rows).startswith("Seq,Bank Code,Account No.,Account Name,Amount"))
		self.assertIn("700.00", to_csv(rows))
		with self.assertRaises(frappe.PermissionError):
			as_user(self.team["executive"], bank_rows, run)  # reads the run, not the accounts
		summary = as_user(self.team["executive"], payment_run_summary, run)
		self.assertEqual((summary["persons"], summary["cash"], summary["total"]), (3, 1, 2500))
		self.assertEqual(summary["total_text"], "สองพันห้าร้อยบาทถ้วน")
		html = frappe.get_print("Allowance Payment Run", run, "Allowance Payment Summary")
		self.assertIn("สองพันห้าร้อยบาทถ้วน", html)
		self.assertIn("กุมภาพันธ์ 2575", html)  # the month in BE

	def test_suspended_registration_not_paid(self):
		reg = frappe.get_doc("Allowance Registration", self.registrations[0])
		reg.db_set({"end_reason": "Other", "end_date": "2032-01-02"})
		as_user(self.team["swo"], apply_workflow, reg, "Suspend")
		run = self.start("2032-04-01")
		payment_run.execute_run(run, commit=False)
		self.assertEqual({row.registration for row in self.lines(run)}, set(self.registrations[1:]))
