"""The Auditor reads the trail of the municipality's records, and writes nothing.

Frappe keeps the trail in Version (changes), View Log (form views), Access Log (reports, exports, prints,
REST lists), Activity Log (logins, workflow actions) and Deleted Document; out of the box only the System
Manager reads them. `setup_auditor_access` gives the Auditor read on them (a Custom DocPerm, the standard
rows kept), and the hooks below narrow what a non-System-Manager sees to the app's own DocTypes (and the
ERPNext ones the app uses): the trail of other apps' data is not their business.

A comment is a write: `add_comment` refuses users who may not write the document (the desk's comment box
calls it after a read check only).
"""

import frappe
from frappe import _
from frappe.desk.form import utils as form_utils

AUDITOR = "Auditor"
# log DocType -> the field naming the DocType of the logged record
AUDIT_LOGS = {
	"Version": "ref_doctype",
	"View Log": "reference_doctype",
	"Access Log": "export_from",
	"Activity Log": "reference_doctype",
	"Deleted Document": "deleted_doctype",
}
APP = "nonsaad_smart"
# ERPNext / framework DocTypes that are part of the municipality's services (Karupan: the asset register)
SHARED_DOCTYPES = ("Asset", "Asset Movement", "Asset Category", "Asset Repair", "Holiday List")
# Activity Log rows without a record: the logins and logouts of the users
AUTH_OPERATIONS = ("Login", "Logout")


class CommentNotAllowedError(frappe.PermissionError):
	pass


def setup_auditor_access():
	"""Read (and report, export, print) on the audit logs for the Auditor; idempotent."""
	for doctype in AUDIT_LOGS:
		if not frappe.db.exists(
			"Custom DocPerm", {"parent": doctype, "role": AUDITOR, "permlevel": 0, "if_owner": 0}
		):
			frappe.permissions.add_permission(doctype, AUDITOR, 0, "read")
		for ptype in ("read", "report", "export", "print"):
			frappe.permissions.update_permission_property(doctype, AUDITOR, 0, ptype, 1, validate=False)
	frappe.clear_cache()


def audited_doctypes() -> list[str]:
	"""The app's DocTypes and the shared ones it uses (cached for the request)."""
	if not hasattr(frappe.local, "nonsaad_audited_doctypes"):
		modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
		doctypes = frappe.get_all("DocType", filters={"module": ["in", modules]}, pluck="name")
		frappe.local.nonsaad_audited_doctypes = sorted({*doctypes, *SHARED_DOCTYPES})
	return frappe.local.nonsaad_audited_doctypes


def _unrestricted(user: str) -> bool:
	return user == "Administrator" or "System Manager" in frappe.get_roles(user)


def _conditions(log_doctype: str, user: str | None) -> str:
	user = user or frappe.session.user
	if _unrestricted(user):
		return ""
	field = AUDIT_LOGS[log_doctype]
	allowed = ", ".join(frappe.db.escape(d) for d in audited_doctypes())
	condition = f"`tab{log_doctype}`.`{field}` in ({allowed})"
	if log_doctype == "Activity Log":
		operations = ", ".join(frappe.db.escape(o) for o in AUTH_OPERATIONS)
		condition = f"({condition} or `tabActivity Log`.`operation` in ({operations}))"
	return condition


def version_conditions(user=None, doctype=None):
	return _conditions("Version", user)


def view_log_conditions(user=None, doctype=None):
	return _conditions("View Log", user)


def access_log_conditions(user=None, doctype=None):
	return _conditions("Access Log", user)


def activity_log_conditions(user=None, doctype=None):
	return _conditions("Activity Log", user)


def deleted_document_conditions(user=None, doctype=None):
	return _conditions("Deleted Document", user)


def has_log_permission(doc, ptype=None, user=None, debug=False) -> bool:
	"""One log record: the same rule as the lists (hooks can only deny)."""
	user = user or frappe.session.user
	if _unrestricted(user):
		return True
	if doc.doctype == "Activity Log" and doc.get("operation") in AUTH_OPERATIONS:
		return True
	return doc.get(AUDIT_LOGS[doc.doctype]) in audited_doctypes()


@frappe.whitelist(methods=["POST", "PUT"])
def add_comment(
	reference_doctype: str, reference_name: str, content: str, comment_email: str, comment_by: str
):
	"""Frappe's add_comment, for those who may change the document (the Auditor only reads)."""
	doc = frappe.get_doc(reference_doctype, reference_name)
	if not frappe.has_permission(reference_doctype, "write", doc=doc):
		frappe.throw(
			_("You can read {0} {1} but not comment on it: a comment changes the record").format(
				_(reference_doctype), reference_name
			),
			CommentNotAllowedError,
			title=_("Not permitted"),
		)
	return form_utils.add_comment(reference_doctype, reference_name, content, comment_email, comment_by)
