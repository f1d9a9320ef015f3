"""Audit Trail: who did what to which record and when, from every log (smart_core/audit_trail.py), with
the changes in Thai. For the Auditor (read only), the System Manager and the Municipal Admin."""

from frappe import _

from nonsaad_smart.smart_core.audit_trail import trail
from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	columns = [
		column(_("When"), "timestamp", "Datetime", 160),
		# Data, not Link: a Link column makes the framework filter rows by the Auditor's read on User/DocType
		column(_("User"), "user", "Data", 180),
		column(_("Action"), "action_label", "Data", 110),
		column(_("DocType"), "reference_doctype", "Data", 150),
		column(_("Record"), "reference_name", "Data", 160),
		column(_("Details"), "details", "Small Text", 420),
		column(_("Log"), "source", "Data", 120),
	]
	return columns, trail(filters)
