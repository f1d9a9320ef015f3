"""Write side of the server's field rights: what a user may change through Frappe's generic write paths.

Frappe's `read_only` on a field only greys it out in the form; the server takes any value a client sends
through `PUT /api/resource/...`, `frappe.client.save/set_value/...` or the desk's `savedocs`. On the app's
DocTypes (the modules in modules.txt) these paths now check, once, in `check_write`:

1. System fields – fields marked `read_only` in the DocType (not those fetched from a link, which Frappe
   fetches again, nor the workflow state, whose transitions Frappe checks): a client may not change them.
   `SystemFieldError` (HTTP 403) on the API; the desk's save (whose form shows them read-only, and may
   preview a computed total) gets the stored values back instead, and a Duplicate/Amend starts empty.
   Examples: `due_date`, `submitted_on`, `report_count`, `resolved_by`, `status_log` of a Service Request.
2. Workflow edit right: changing a record in a workflow state needs that state's "allow edit" role
   (`WorkflowEditError`); moving between states goes through the workflow actions (`apply_workflow`).
3. Role field rights: a module can limit a role to a few fields of a DocType (hook
   `nonsaad_role_field_rights`, e.g. a Stock Check Committee member writes only the findings of the check
   header, the lines through the scanning page); `RoleFieldError`.

The app's own server code (controllers, its whitelisted methods, jobs) sets system fields as before: these
rules apply to what a client sends, not to what the system computes.
"""

import json

import frappe
from frappe import _
from frappe.model import default_fields, no_value_fields
from frappe.utils import cint, cstr, flt, get_datetime, getdate

from nonsaad_smart.smart_core.field_access import rest_target

IGNORED = set(default_fields) | {"__islocal", "__unsaved", "__last_sync_on", "doctype", "amended_from"}
ADMIN_ROLES = ("System Manager",)


class SystemFieldError(frappe.PermissionError):
	"""A client tried to set a field that only the system sets."""


class WorkflowEditError(frappe.PermissionError):
	"""The record's workflow state does not let this user edit it."""


class RoleFieldError(frappe.PermissionError):
	"""The user's role may change only some fields of this DocType."""


def app_doctype(doctype: str) -> bool:
	if not doctype or not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return False
	modules = {m for m in frappe.get_module_list("nonsaad_smart")}
	return frappe.get_meta(doctype).module in modules


def system_fields(meta) -> list:
	state_field = _workflow_state_field(meta.name)
	return [
		df
		for df in meta.fields
		if df.read_only
		and (df.fieldtype in ("Table", "Table MultiSelect") or df.fieldtype not in no_value_fields)
		and not df.fetch_from
		and not df.is_virtual
		and df.fieldname != state_field
		and df.fieldname not in IGNORED
	]


def _workflow_state_field(doctype: str) -> str | None:
	from frappe.model.workflow import get_workflow_name

	name = get_workflow_name(doctype)
	return frappe.get_cached_value("Workflow", name, "workflow_state_field") if name else None


def _norm(df, value):
	if value in (None, "", [], {}):
		return None
	try:
		if df.fieldtype in ("Int", "Check"):
			return cint(value) or None
		if df.fieldtype in ("Float", "Currency", "Percent"):
			return round(flt(value), 6) or None
		if df.fieldtype == "Date":
			return str(getdate(value))
		if df.fieldtype == "Datetime":
			return str(get_datetime(value))
	except Exception:
		return cstr(value)
	return cstr(value)


def _rows_same(df, new_rows, old_rows) -> bool:
	new_rows = new_rows or []
	if len(new_rows) != len(old_rows):
		return False
	child = frappe.get_meta(df.options)
	data_fields = [f for f in child.fields if f.fieldtype not in no_value_fields]
	if not isinstance(new_rows, list | tuple):
		return False
	for new, old in zip(new_rows, old_rows, strict=False):
		if not isinstance(new, dict):
			new = new.as_dict() if hasattr(new, "as_dict") else None
		if new is None:
			return False
		if new.get("name") and new.get("name") != old.name:
			return False
		for f in data_fields:
			if f.fieldname in new and _norm(f, new.get(f.fieldname)) != _norm(f, old.get(f.fieldname)):
				return False
	return True


def _changed(meta, values: dict, old) -> list[str]:
	changed = []
	for key, value in values.items():
		df = meta.get_field(key)
		if not df or key in IGNORED:
			continue
		if df.fieldtype in ("Table", "Table MultiSelect"):
			if not _rows_same(df, value, old.get(key) or []):
				changed.append(key)
		elif df.fieldtype not in no_value_fields and _norm(df, value) != _norm(df, old.get(key)):
			changed.append(key)
	return changed


def _refuse(error, message):
	frappe.throw(message, error, title=_("Not permitted"))


def check_write(doctype: str, values: dict, name: str | None = None, *, from_desk: bool = False) -> dict:
	"""The rules above for `values` sent by a client for `doctype` (record `name`, or a new one).

	Returns the values to use (system fields cleared on a desk insert when `from_desk`)."""
	if frappe.session.user == "Administrator" or not isinstance(values, dict) or not app_doctype(doctype):
		return values
	meta = frappe.get_meta(doctype)
	name = name or values.get("name")
	exists = bool(name) and not values.get("__islocal") and frappe.db.exists(doctype, name)
	if not exists:
		for df in system_fields(meta):
			if values.get(df.fieldname) not in (None, "", [], 0):
				if from_desk:
					values[df.fieldname] = [] if df.fieldtype in ("Table", "Table MultiSelect") else None
				else:
					_refuse(
						SystemFieldError,
						_("{0} of {1} is set by the system, not by hand").format(
							frappe.bold(_(df.label or df.fieldname)), _(doctype)
						),
					)
		return values

	old = frappe.get_doc(doctype, name)
	changed = _changed(meta, values, old)
	if not changed:
		return values
	by_system = {df.fieldname: df for df in system_fields(meta)}
	for fieldname in [f for f in changed if f in by_system]:
		if from_desk:
			# the desk form sends back what it shows; a computed preview (a total) or a stale copy of a
			# system field is replaced by the stored value, the controller computes it again
			stored = old.get(fieldname)
			values[fieldname] = [r.as_dict() for r in stored] if isinstance(stored, list) else stored
			changed.remove(fieldname)
		else:
			_refuse(
				SystemFieldError,
				_("{0} of {1} is set by the system, not by hand").format(
					frappe.bold(_(by_system[fieldname].label or fieldname)), _(doctype)
				),
			)
	roles = set(frappe.get_roles())
	state_field = _workflow_state_field(doctype)
	edits = [f for f in changed if f != state_field]
	if state_field and edits and not roles & set(ADMIN_ROLES):
		check_workflow_edit(doctype, old, roles)
	if edits:
		check_role_fields(doctype, edits, roles)
	return values


def check_workflow_edit(doctype: str, old, roles: set[str]):
	from frappe.model.workflow import get_workflow

	workflow = get_workflow(doctype)
	state = old.get(workflow.workflow_state_field) or workflow.states[0].state
	allowed = {s.allow_edit for s in workflow.states if s.state == state}
	if not roles & allowed:
		_refuse(
			WorkflowEditError,
			_("{0} {1} is {2}: only {3} may change it now").format(
				_(doctype), old.name, _(state), ", ".join(_(r) for r in sorted(allowed))
			),
		)


def check_role_fields(doctype: str, changed: list[str], roles: set[str]):
	"""Roles listed in `nonsaad_role_field_rights` for `doctype` write only their fields – unless the user
	also holds a role with write right on the DocType that is not limited there."""
	limits: dict[str, set[str]] = {}
	for entry in frappe.get_hooks("nonsaad_role_field_rights") or []:
		for role, fields in (entry.get(doctype) or {}).items():
			limits.setdefault(role, set()).update(fields)
	if not limits or not roles & set(limits):
		return
	writers = {p.role for p in frappe.get_meta(doctype).permissions if p.write and not p.permlevel}
	if (roles & writers) - set(limits) or roles & set(ADMIN_ROLES):
		return
	allowed = set().union(*(limits[r] for r in roles & set(limits)))
	if outside := [f for f in changed if f not in allowed]:
		_refuse(
			RoleFieldError,
			_("Your role may change only {0} of {1}, not {2}").format(
				", ".join(sorted(allowed)), _(doctype), ", ".join(outside)
			),
		)


def check_child_row_write(doctype: str, name: str, values: dict) -> None:
	"""A change to one row of a child table is checked as a change of its parent's table."""
	parent = frappe.db.get_value(doctype, name, ["parenttype", "parent", "parentfield"], as_dict=True)
	if parent:
		rows = [r.as_dict() for r in frappe.get_doc(parent.parenttype, parent.parent).get(parent.parentfield)]
		for row in rows:
			if row.name == name:
				row.update(values)
		check_write(parent.parenttype, {parent.parentfield: rows}, parent.parent)


# --- the generic write paths (override_whitelisted_methods in hooks.py) ------------------------------------
def _doc_dict(doc) -> dict:
	"""The document sent: a JSON object with its doctype; anything else a 417 with a message (a 500 in
	Frappe's own method before, issue 18's fuzzer)."""
	from nonsaad_smart.smart_core.text_input import InvalidInputError, known_doctype

	try:
		values = frappe.parse_json(doc) if isinstance(doc, str) else (doc or {})
	except ValueError:
		values = None
	if not isinstance(values, dict) or not isinstance(values.get("doctype"), str) or not values["doctype"]:
		frappe.throw(_("Send the document as a JSON object with its doctype"), InvalidInputError)
	known_doctype(values["doctype"])  # a junk one was an ImportError 500 in Frappe's get_doc
	if values.get("parenttype") is not None:
		known_doctype(values["parenttype"])
	return values


def _doc_list(docs) -> list[dict]:
	"""Documents sent as a JSON list of objects, each with its doctype (else a 417: Frappe's own methods
	answered a number or a bare call with a TypeError 500)."""
	from nonsaad_smart.smart_core.text_input import InvalidInputError

	try:
		values = frappe.parse_json(docs) if isinstance(docs, str) else docs
	except ValueError:
		values = None
	if not isinstance(values, list) or not values:
		frappe.throw(_("Send the documents as a JSON list of objects with their doctype"), InvalidInputError)
	return [_doc_dict(v) for v in values]


def _checked_whole_doc(client_method: str, doc):
	"""frappe.client.save/submit of a whole document, after the write checks."""
	values = _doc_dict(doc)
	check_write(values.get("doctype"), values)
	return frappe.get_attr(client_method)(json.dumps(values, default=str))


@frappe.whitelist(methods=["POST", "PUT"])
def save(doc):
	return _checked_whole_doc("frappe.client.save", doc)


@frappe.whitelist(methods=["POST", "PUT"])
def insert(doc=None):
	import frappe.client

	values = _doc_dict(doc)
	if values.get("parenttype"):
		check_write(values.get("parenttype"), {values.get("parentfield"): [values]}, values.get("parent"))
	else:
		check_write(values.get("doctype"), values)
	return frappe.client.insert(json.dumps(values, default=str))


@frappe.whitelist(methods=["POST", "PUT"])
def insert_many(docs=None):
	import frappe.client

	docs = _doc_list(docs)
	for values in docs:
		check_write(values.get("doctype"), values)
	return frappe.client.insert_many(json.dumps(docs, default=str))


@frappe.whitelist(methods=["POST", "PUT"])
def set_value(doctype, name, fieldname, value=None):
	import frappe.client

	values = (
		frappe.parse_json(fieldname) if isinstance(fieldname, str) and fieldname.startswith("{") else None
	)
	values = values or {fieldname: value}
	if frappe.get_meta(doctype).istable:
		check_child_row_write(doctype, name, values)
	else:
		check_write(doctype, dict(values), name)
	return frappe.client.set_value(doctype, name, fieldname, value)


@frappe.whitelist(methods=["POST", "PUT"])
def bulk_update(docs):
	import frappe.client

	for values in _doc_list(docs):
		check_write(values.get("doctype"), dict(values), values.get("docname") or values.get("name"))
	return frappe.client.bulk_update(docs)


@frappe.whitelist(methods=["POST", "PUT"])
def submit(doc):
	return _checked_whole_doc("frappe.client.submit", doc)


@frappe.whitelist(methods=["POST", "PUT"])
def savedocs(doc, action):
	from frappe.desk.form import save as form_save

	values = _doc_dict(doc)
	values = check_write(values.get("doctype"), values, from_desk=True)
	return form_save.savedocs(json.dumps(values, default=str), action)


@frappe.whitelist()
def submit_cancel_or_update_docs(doctype, docnames, action="submit", data=None, task_id=None):
	from frappe.desk.doctype.bulk_update import bulk_update as bulk

	if action == "update" and data:
		values = frappe.parse_json(data)
		for name in frappe.parse_json(docnames) if isinstance(docnames, str) else docnames:
			check_write(doctype, dict(values), name)
	return bulk.submit_cancel_or_update_docs(doctype, docnames, action, data, task_id)


WRITE_METHODS = {
	"frappe.client.save": "nonsaad_smart.smart_core.write_rights.save",
	"frappe.client.insert": "nonsaad_smart.smart_core.write_rights.insert",
	"frappe.client.insert_many": "nonsaad_smart.smart_core.write_rights.insert_many",
	"frappe.client.set_value": "nonsaad_smart.smart_core.write_rights.set_value",
	"frappe.client.bulk_update": "nonsaad_smart.smart_core.write_rights.bulk_update",
	"frappe.client.submit": "nonsaad_smart.smart_core.write_rights.submit",
	"frappe.desk.form.save.savedocs": "nonsaad_smart.smart_core.write_rights.savedocs",
	"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs": "nonsaad_smart.smart_core.write_rights.submit_cancel_or_update_docs",
}


def check_rest_write():
	"""before_request: `POST/PUT /api/resource/<DocType>[/<name>]` (no whitelisted method to override)."""
	request = getattr(frappe.local, "request", None)
	if not request or request.method not in ("POST", "PUT", "PATCH"):
		return
	target = rest_target(request.path)
	if not target:
		return
	if request.headers.get("Authorization") and frappe.session.user == "Guest":
		from frappe.auth import validate_auth

		validate_auth()
	doctype, name = target
	from frappe.api.v1 import get_request_form_data

	try:
		values = get_request_form_data()
	except Exception:
		return
	if not isinstance(values, dict):
		return
	if name and frappe.db.exists("DocType", doctype) and frappe.get_meta(doctype).istable:
		check_child_row_write(doctype, name, values)
		return
	check_write(doctype, dict(values), name)


def before_request():
	"""One before_request hook for both sides (field_access reads, write_rights writes)."""
	from nonsaad_smart.smart_core.field_access import check_rest_list

	check_rest_list()
	check_rest_write()
