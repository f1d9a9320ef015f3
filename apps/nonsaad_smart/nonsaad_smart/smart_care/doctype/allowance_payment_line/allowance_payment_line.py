"""Allowance Payment Line: one payment of a run, written in bulk by the run's job (smart_care/payment_run.py)."""

from frappe.model.document import Document


class AllowancePaymentLine(Document):
	pass
