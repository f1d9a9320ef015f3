"""Allowance Payment Run: the payments of one month and allowance kind (see smart_care/payment_run.py for the
job). Its `run_key` (month|kind) is unique in the database: a second run of the same month and kind cannot
be inserted."""

import frappe
from frappe import _
from frappe.model.document import Document

from nonsaad_smart.smart_care.payment_run import RUNNING, mark_interrupted, run_key
from nonsaad_smart.smart_care.rules import first_of_month
from nonsaad_smart.smart_core.thai_date import fiscal_year


class DuplicatePaymentRunError(frappe.ValidationError):
	pass


class AllowancePaymentRun(Document):
	def before_insert(self):
		self.set_month()  # before naming: the name carries the BE fiscal year (APR-2570-00001)

	def set_month(self):
		self.month = first_of_month(self.month)
		self.fiscal_year = fiscal_year(self.month)
		self.run_key = run_key(self.month, self.allowance_kind)

	def onload(self):
		# a run whose worker was killed shows as Failed ("interrupted"), not "Running" for ever
		if self.status == RUNNING and mark_interrupted(self.name):
			self.reload()

	def validate(self):
		self.set_month()
		other = frappe.db.get_value(
			"Allowance Payment Run", {"run_key": self.run_key, "name": ("!=", self.name)}
		)
		if other:
			frappe.throw(
				_("The {0} run of this month already exists: {1}").format(_(self.allowance_kind), other),
				DuplicatePaymentRunError,
			)

	def on_trash(self):
		if self.status == "Completed":
			frappe.throw(_("A completed payment run cannot be deleted"))
		frappe.db.delete("Allowance Payment Line", {"payment_run": self.name})
