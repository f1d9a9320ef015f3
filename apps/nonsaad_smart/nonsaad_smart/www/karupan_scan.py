"""Mobile scanning page of the annual stock check: /karupan-scan (committee members only).

The committee member picks the running check, scans the QR label with the phone camera (BarcodeDetector
where the browser has it) or types the code, sees the asset and marks its result with photo and GPS.
Everything is saved through nonsaad_smart.smart_karupan.api, which checks membership by itself.
"""

import frappe
from frappe import _

from nonsaad_smart.smart_karupan.api import CONDITIONS, RESULTS, my_checks

no_cache = 1

RESULT_LABELS = {
	"Found In Use": ("พบ ใช้งานอยู่", "success"),
	"Found Unused": ("พบ ไม่ได้ใช้งาน", "info"),
	"Damaged": ("ชำรุด", "warning"),
	"Lost": ("สูญหาย", "danger"),
	"Not Needed": ("ไม่จำเป็นต้องใช้", "secondary"),
}
CONDITION_LABELS = {"Good": "ดี", "Fair": "พอใช้", "Poor": "ทรุดโทรม", "Unusable": "ใช้การไม่ได้"}


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.throw(_("Log in to scan assets"), frappe.PermissionError)
	context.no_breadcrumbs = True
	context.no_header = False
	context.title = "ตรวจนับครุภัณฑ์ประจำปี"
	context.checks = my_checks()
	context.selected = frappe.form_dict.get("check") or (
		context.checks[0].name if len(context.checks) == 1 else ""
	)
	context.results = [(r, *RESULT_LABELS[r]) for r in RESULTS]
	context.conditions = [(c, CONDITION_LABELS[c]) for c in CONDITIONS]
	return context
