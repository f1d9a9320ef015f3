"""The auditor's trail: who created, changed, submitted, cancelled, viewed, printed, exported, deleted or
imported which record and when, from Frappe's own logs, in one list (Script Report "Audit Trail") with
readable Thai diffs; the log retention the trail needs (Log Settings, a setup step).

Sources (each read through `frappe.get_list`, so `smart_core/auditor.py`'s rules apply: a non-System
Manager sees the trail of the app's DocTypes only):

| log | actions |
|---|---|
| the record itself (`owner`, `creation`) | Created |
| Version (track_changes) | Changed, Submitted, Cancelled (docstatus 0→1, 1→2) |
| View Log (track_views, `audit.py` on every read path) | Viewed |
| Access Log (prints, PDF, exports, list reads of sensitive DocTypes) | Printed, Exported, Read |
| Activity Log | Login, Logout, and the framework's other operations |
| Deleted Document | Deleted |
| Data Import | Imported |

Retention: Frappe clears the Activity Log after 90 days by default; `setup_log_retention` (setup step on
install and migrate) raises every cleared audit log to `RETENTION_DAYS` (2 years: the State Audit Office
audits a fiscal year after it ends) and never lowers a longer one.
"""

import json

import frappe
from frappe import _
from frappe.utils import add_days, cint, get_datetime, getdate

from nonsaad_smart.smart_core.auditor import audited_doctypes

RETENTION_DAYS = 730
# the audit logs Log Settings may clear (Version, View Log and Deleted Document are never cleared)
RETAINED_LOGS = ("Activity Log", "Access Log", "View Log", "Route History")
AUDIT_ROLES = ("Auditor", "System Manager", "Municipal Admin")
ACTIONS = (
	"Created",
	"Changed",
	"Submitted",
	"Cancelled",
	"Viewed",
	"Printed",
	"Exported",
	"Read",
	"Deleted",
	"Imported",
	"Login",
	"Logout",
)
MAX_ROWS = 5000
THAI = "th"


class AuditAccessError(frappe.PermissionError):
	pass


def check_auditor() -> None:
	if frappe.session.user != "Administrator" and not set(AUDIT_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only the auditor reads the audit trail"), AuditAccessError)


# --- retention -----------------------------------------------------------------------------------------
def setup_log_retention() -> None:
	"""Log Settings: keep each clearable audit log at least RETENTION_DAYS (raise, never lower)."""
	settings = frappe.get_single("Log Settings")
	changed = False
	for doctype in RETAINED_LOGS:
		if not frappe.db.exists("DocType", doctype):
			continue
		row = next((r for r in settings.logs_to_clear if r.ref_doctype == doctype), None)
		if row and cint(row.days) < RETENTION_DAYS:
			row.days, changed = RETENTION_DAYS, True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()


def retention_days() -> dict[str, int]:
	return {r.ref_doctype: cint(r.days) for r in frappe.get_single("Log Settings").logs_to_clear}


# --- readable diffs ----------------------------------------------------------------------------------
def th(text) -> str:
	return _(str(text), lang=THAI) if text not in (None, "") else ""


def _value(meta, fieldname: str, value) -> str:
	if value in (None, ""):
		return "–"
	df = meta.get_field(fieldname) if meta else None
	if fieldname == "workflow_state" or (df and df.fieldtype == "Select"):
		return th(value)
	if df and df.fieldtype in ("Date", "Datetime"):
		from nonsaad_smart.smart_core.thai_date import format_be_date

		return format_be_date(value, "medium") or str(value)
	if df and df.fieldtype == "Check":
		return "ใช่" if cint(value) else "ไม่ใช่"
	text = str(value)
	return text if len(text) <= 120 else text[:117] + "…"


def _label(meta, fieldname: str) -> str:
	if fieldname == "docstatus":
		return "สถานะเอกสาร"
	df = meta.get_field(fieldname) if meta else None
	return th(df.label) if df and df.label else fieldname


HIDDEN = "(ค่าที่ท่านไม่มีสิทธิ์อ่าน)"


def _readable_levels(meta) -> set[int]:
	"""The permission levels of `meta` the current user reads (a field above them shows no value: a
	masked phone stays masked in its history)."""
	if not meta:
		return {0}
	try:
		return set(meta.get_permlevel_access("read")) | {0}
	except Exception:
		return {0}


def _shown(meta, levels, fieldname, old, new) -> tuple[str, str]:
	df = meta.get_field(fieldname) if meta else None
	if df and cint(df.permlevel) not in levels:
		return HIDDEN, HIDDEN
	return _value(meta, fieldname, old), _value(meta, fieldname, new)


def readable_diff(doctype: str, data) -> str:
	"""A Version's data as Thai lines: "สถานะ: ยื่นเรื่องแล้ว → รับเรื่องแล้ว"."""
	data = frappe.parse_json(data) if isinstance(data, str) else (data or {})
	meta = frappe.get_meta(doctype) if frappe.db.exists("DocType", doctype) else None
	levels = _readable_levels(meta)
	lines = []
	for fieldname, old, new in data.get("changed") or []:
		old_text, new_text = _shown(meta, levels, fieldname, old, new)
		lines.append(f"{_label(meta, fieldname)}: {old_text} → {new_text}")
	for key, verb in (("added", "เพิ่มแถวใน"), ("removed", "ลบแถวจาก")):
		for table, _row in data.get(key) or []:
			lines.append(f"{verb} {_label(meta, table)}")
	for table, _row_name, idx, changes in data.get("row_changed") or []:
		child = None
		if meta and meta.get_field(table):
			child = frappe.get_meta(meta.get_field(table).options)
		child_levels = _readable_levels(child)
		for fieldname, old, new in changes:
			old_text, new_text = _shown(child, child_levels, fieldname, old, new)
			lines.append(
				f"{_label(meta, table)} แถวที่ {idx}: {_label(child, fieldname)}: {old_text} → {new_text}"
			)
	return "\n".join(lines)


def version_action(data) -> str:
	data = frappe.parse_json(data) if isinstance(data, str) else (data or {})
	for fieldname, old, new in data.get("changed") or []:
		if fieldname == "docstatus":
			if cint(old) == 0 and cint(new) == 1:
				return "Submitted"
			if cint(new) == 2:
				return "Cancelled"
	if data.get("creation") or data.get("created_by"):
		return "Created"
	return "Changed"


def access_action(method: str | None, file_type: str | None, report_name: str | None) -> str:
	method = (method or "").lower()
	if "print" in method or "pdf" in method:
		return "Printed"
	if (
		"export" in method
		or report_name
		or (file_type and file_type.upper() in ("CSV", "EXCEL", "XLSX", "ZIP"))
	):
		return "Exported"
	return "Read"


# --- the trail -----------------------------------------------------------------------------------------
def _range(filters, field: str) -> list:
	conditions = []
	if filters.get("from_date"):
		conditions.append([field, ">=", f"{getdate(filters['from_date'])} 00:00:00"])
	if filters.get("to_date"):
		conditions.append([field, "<", f"{add_days(getdate(filters['to_date']), 1)} 00:00:00"])
	return conditions


def _row(when, user, action, doctype, name, details="", source="") -> dict:
	return {
		"timestamp": get_datetime(when),
		"user": user,
		"action": action,
		"action_label": th(action),
		"reference_doctype": doctype,
		"reference_name": name,
		"details": details or "",
		"source": source,
	}


def _created(filters, limit) -> list[dict]:
	doctypes = [filters["doctype"]] if filters.get("doctype") else audited_doctypes()
	rows = []
	for doctype in doctypes:
		meta = frappe.get_meta(doctype) if frappe.db.exists("DocType", doctype) else None
		if not meta or meta.istable or meta.issingle or not frappe.has_permission(doctype, "read"):
			continue
		conditions = _range(filters, "creation")
		if filters.get("record"):
			conditions.append(["name", "=", filters["record"]])
		if filters.get("user"):
			conditions.append(["owner", "=", filters["user"]])
		try:
			found = frappe.get_list(
				doctype,
				filters=conditions,
				fields=["name", "owner", "creation"],
				order_by="creation desc",
				limit_page_length=limit,
			)
		except frappe.PermissionError:
			frappe.clear_last_message()
			continue
		rows += [_row(r.creation, r.owner, "Created", doctype, r.name, source=doctype) for r in found]
	return rows


def _log(doctype, fields, filters, doctype_field, name_field, user_field, limit, extra=None):
	conditions = _range(filters, "creation") + list(extra or [])
	if filters.get("doctype"):
		conditions.append([doctype_field, "=", filters["doctype"]])
	if filters.get("record") and name_field:
		conditions.append([name_field, "=", filters["record"]])
	if filters.get("user"):
		conditions.append([user_field, "=", filters["user"]])
	return frappe.get_list(
		doctype,
		filters=conditions,
		fields=fields,
		order_by="creation desc",
		limit_page_length=limit,
	)


def trail(filters: dict | None = None, limit: int = MAX_ROWS) -> list[dict]:
	"""The audit trail newest first; filters: doctype, record, user, from_date, to_date, action."""
	check_auditor()
	filters = frappe._dict(filters or {})
	rows = []
	wanted = filters.get("action")

	def want(*actions):
		return not wanted or wanted in actions

	if want("Created"):
		rows += _created(filters, limit)
	if want("Changed", "Submitted", "Cancelled", "Created"):
		for v in _log(
			"Version",
			["creation", "owner", "ref_doctype", "docname", "data"],
			filters,
			"ref_doctype",
			"docname",
			"owner",
			limit,
		):
			rows.append(
				_row(
					v.creation,
					v.owner,
					version_action(v.data),
					v.ref_doctype,
					v.docname,
					readable_diff(v.ref_doctype, v.data),
					"Version",
				)
			)
	if want("Viewed"):
		for v in _log(
			"View Log",
			["creation", "viewed_by", "reference_doctype", "reference_name"],
			filters,
			"reference_doctype",
			"reference_name",
			"viewed_by",
			limit,
		):
			rows.append(
				_row(v.creation, v.viewed_by, "Viewed", v.reference_doctype, v.reference_name, "", "View Log")
			)
	if want("Printed", "Exported", "Read"):
		for a in _log(
			"Access Log",
			[
				"creation",
				"user",
				"export_from",
				"reference_document",
				"method",
				"file_type",
				"report_name",
				"page",
			],
			filters,
			"export_from",
			"reference_document",
			"user",
			limit,
		):
			details = " · ".join(
				filter(None, [a.method, a.file_type, a.report_name and th(a.report_name), _records(a.page)])
			)
			action = access_action(a.method, a.file_type, a.report_name)
			rows.append(
				_row(a.creation, a.user, action, a.export_from, a.reference_document, details, "Access Log")
			)
	if want("Login", "Logout") or not wanted:
		for a in _log(
			"Activity Log",
			["creation", "user", "operation", "status", "subject", "reference_doctype", "reference_name"],
			filters,
			"reference_doctype",
			"reference_name",
			"user",
			limit,
			extra=[["operation", "=", wanted]] if wanted else None,
		):
			details = " · ".join(filter(None, [frappe.utils.strip_html(a.subject or ""), th(a.status)]))
			rows.append(
				_row(
					a.creation,
					a.user,
					a.operation or "Activity",
					a.reference_doctype,
					a.reference_name,
					details,
					"Activity Log",
				)
			)
	if want("Deleted"):
		for d in _log(
			"Deleted Document",
			["creation", "owner", "deleted_doctype", "deleted_name", "restored"],
			filters,
			"deleted_doctype",
			"deleted_name",
			"owner",
			limit,
		):
			details = "กู้คืนแล้ว" if d.restored else ""
			rows.append(
				_row(
					d.creation,
					d.owner,
					"Deleted",
					d.deleted_doctype,
					d.deleted_name,
					details,
					"Deleted Document",
				)
			)
	if want("Imported") and not filters.get("record"):
		rows += _imports(filters, limit)
	rows.sort(key=lambda r: r["timestamp"], reverse=True)
	return rows[:limit]


def _records(page) -> str:
	try:
		names = json.loads(page) if page else None
	except (TypeError, ValueError):
		return ""
	if isinstance(names, list) and len(names) > 1:
		return f"{len(names)} รายการ"
	return ""


def _imports(filters, limit) -> list[dict]:
	"""Data Import has no Auditor permission of its own: read here, for the audited DocTypes only."""
	conditions = _range(filters, "creation")
	allowed = [filters["doctype"]] if filters.get("doctype") else audited_doctypes()
	conditions.append(["reference_doctype", "in", allowed])
	if filters.get("user"):
		conditions.append(["owner", "=", filters["user"]])
	found = frappe.get_all(
		"Data Import",
		filters=conditions,
		fields=["name", "creation", "owner", "reference_doctype", "import_type", "status", "payload_count"],
		order_by="creation desc",
		limit_page_length=limit,
	)
	return [
		_row(
			d.creation,
			d.owner,
			"Imported",
			d.reference_doctype,
			None,
			" · ".join(
				filter(None, [d.name, th(d.import_type), th(d.status), f"{cint(d.payload_count)} แถว"])
			),
			"Data Import",
		)
		for d in found
	]
