"""Mobile scanning page of the annual stock check: /karupan-scan (committee members only).

The committee member picks the running check, scans the QR label with the phone camera (BarcodeDetector
where the browser has it) or types the code, sees the asset and marks its result with photo and GPS.
Everything is saved through nonsaad_smart.smart_karupan.api, which checks membership by itself.
"""

import frappe
from frappe import _

from nonsaad_smart.smart_karupan.api import CONDITIONS, RESULTS, my_checks

no_cache = 1

RESULT_COLOURS = {
	"Found In Use": "success",
	"Found Unused": "info",
	"Damaged": "warning",
	"Lost": "danger",
	"Not Needed": "secondary",
}


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.throw(_("Log in to scan assets"), frappe.PermissionError)
	context.no_breadcrumbs = True
	context.no_header = False
	context.title = _("Annual asset stock check")
	context.checks = my_checks()
	context.selected = frappe.form_dict.get("check") or (
		context.checks[0].name if len(context.checks) == 1 else ""
	)
	context.results = [(r, _(r), RESULT_COLOURS[r]) for r in RESULTS]
	context.conditions = [(c, _(c)) for c in CONDITIONS]
	return context
