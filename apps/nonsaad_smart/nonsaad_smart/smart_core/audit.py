"""PDPA read log: every read of a sensitive DocType, on every path, leaves a row saying who read which records.

Sensitive DocTypes: those a module lists in the `nonsaad_sensitive_doctypes` hook (smart_core lists Citizen;
Care, EMS, Pet add theirs) and every DocType with `track_views`.

Frappe logs a View Log when a form is opened in the desk and an Access Log for `/printview` and report
exports. The other read paths are logged here:
- the whitelisted read methods (`field_access.COUNT_AND_LIST_METHODS`: `frappe.client.get_list`, `get`,
  `get_value`, `frappe.desk.reportview.get`, `get_list`, `export_query`) call `record_*` during the request;
- prints through `frappe.www.printview.get_html_and_style` and `frappe.utils.print_format.download_pdf`
  / `download_multi_pdf` (wrapped below);
- Script/Query Report exports through `frappe.desk.query_report.export_query` (wrapped below: the report's
  `ref_doctype` decides whether it is sensitive);
- REST `GET /api/resource/<DocType>[/<name>]` is recognised by its path.
`log_api_read` (an `after_request` hook) writes what was recorded once the response is a success: a View Log
per single record read, one Access Log per request and DocType for list reads, exports and prints, with the
method, the filters and the names of the records read (`page`: a JSON list). Counts are not logged: they
show no record, and `field_access` makes them follow the list's rules.
"""

import json
from urllib.parse import unquote

import frappe
from frappe.model.document import Document

from nonsaad_smart.smart_core.text_input import json_object, known_doctype

RESOURCE_PREFIXES = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")
MAX_NAMES = 5000


def sensitive_doctypes() -> set[str]:
	return set(frappe.get_hooks("nonsaad_sensitive_doctypes") or [])


def is_sensitive(doctype: str | None) -> bool:
	if not doctype or not isinstance(doctype, str):
		return False
	if doctype in sensitive_doctypes():
		return True
	return bool(frappe.db.exists("DocType", doctype) and frappe.get_meta(doctype).track_views)


def _pending() -> list[dict]:
	if not hasattr(frappe.local, "nonsaad_reads"):
		frappe.local.nonsaad_reads = []
	return frappe.local.nonsaad_reads


def _as_text(value) -> str | None:
	if value in (None, "", [], {}):
		return None
	return value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)


def record_read(doctype: str, method: str, names: list, filters=None, kind: str = "view", file_type=None):
	"""Remember a read of `names` of `doctype` (written after the response by `log_api_read`)."""
	if frappe.session.user == "Guest" or not is_sensitive(doctype):
		return
	_pending().append(
		{
			"doctype": doctype,
			"method": method,
			"names": [n for n in names if n],
			"filters": _as_text(filters),
			"kind": kind,
			"file_type": file_type,
		}
	)


def _names_by_query(doctype: str, **args) -> list[str]:
	args = {k: v for k, v in args.items() if v not in (None, "")}
	args.setdefault("limit_page_length", MAX_NAMES)
	try:
		return frappe.get_list(
			doctype,
			filters=args.get("filters"),
			or_filters=args.get("or_filters"),
			order_by=args.get("order_by"),
			limit_start=args.get("limit_start"),
			limit_page_length=args.get("limit_page_length"),
			parent_doctype=args.get("parent"),
			pluck="name",
		)
	except Exception:
		frappe.clear_last_message()
		return []


def record_list_read(doctype: str, method: str, rows, **query):
	"""A list read: the names come from the rows, or from the same query when the rows do not carry them."""
	if frappe.session.user == "Guest" or not is_sensitive(doctype) or not rows:
		return
	names = [r.get("name") for r in rows if isinstance(r, dict) and r.get("name")]
	if not names:
		names = _names_by_query(doctype, **query)
	record_read(doctype, method, names, filters=query.get("filters"), kind="list")


def record_compressed_read(doctype: str, method: str, result):
	"""frappe.desk.reportview.get answers {"keys": [...], "values": [[...]]}."""
	if not is_sensitive(doctype) or not isinstance(result, dict) or not result.get("values"):
		return
	keys = result.get("keys") or []
	if "name" in keys:
		index = keys.index("name")
		names = [row[index] for row in result["values"]]
	else:
		args = frappe.form_dict
		names = _names_by_query(
			doctype,
			filters=args.get("filters"),
			or_filters=args.get("or_filters"),
			order_by=args.get("order_by"),
			limit_start=args.get("start"),
			limit_page_length=args.get("page_length"),
		)
	record_read(doctype, method, names, filters=frappe.form_dict.get("filters"), kind="list")


def record_export(doctype: str, method: str, args):
	if not is_sensitive(doctype):
		return
	if selection := args.get("selected_items"):
		names = frappe.parse_json(selection)
	else:
		names = _names_by_query(
			doctype,
			filters=args.get("filters"),
			or_filters=args.get("or_filters"),
			order_by=args.get("order_by"),
			limit_page_length=0,
		)
	record_read(
		doctype,
		method,
		names,
		filters=args.get("filters"),
		kind="export",
		file_type=args.get("file_format_type"),
	)


# --- prints (desk print preview and PDF downloads) ------------------------------------------------------
@frappe.whitelist()
def get_html_and_style(
	doc: str,
	name: str | None = None,
	print_format: str | None = None,
	no_letterhead: bool | None = None,
	letterhead: str | None = None,
	trigger_print: bool = False,
	style: str | None = None,
	settings: str | None = None,
):
	from frappe.www import printview

	# a DocType name with `name`, else a whole document as a JSON object (junk was a 500 in Frappe's code)
	if isinstance(name, str) and name:
		known_doctype(doc)
	else:
		known_doctype(json_object(doc, "doc").get("doctype"))
	result = printview.get_html_and_style(
		doc, name, print_format, no_letterhead, letterhead, trigger_print, style, settings
	)
	doctype = doc if isinstance(name, str) else frappe.parse_json(doc).get("doctype")
	record_name = name if isinstance(name, str) else frappe.parse_json(doc).get("name")
	record_read(doctype, "frappe.www.printview.get_html_and_style", [record_name], kind="print")
	return result


@frappe.whitelist(allow_guest=True)
def download_pdf(
	doctype: str | None = None,
	name: str | None = None,
	format=None,
	doc=None,
	no_letterhead=0,
	language=None,
	letterhead=None,
	pdf_generator=None,
):
	from frappe.utils import print_format

	if not (isinstance(doctype, str) and doctype and isinstance(name, str) and name):
		# a bare call was Frappe's TypeError, a 500 (issue 18 fuzzer)
		frappe.throw(frappe._("Give the document type and the document name"), frappe.ValidationError)
	known_doctype(doctype)
	result = print_format.download_pdf(
		doctype,
		name,
		format=format,
		# a document object from a caller in Python; a request's `doc` is text, which Frappe's print
		# permission check read as a document (an AttributeError 500): the named record is printed
		doc=doc if isinstance(doc, Document) else None,
		no_letterhead=no_letterhead,
		language=language,
		letterhead=letterhead,
		pdf_generator=pdf_generator,
	)
	record_read(doctype, "frappe.utils.print_format.download_pdf", [name], kind="print", file_type="PDF")
	return result


@frappe.whitelist()
def download_multi_pdf(doctype, name, format=None, no_letterhead=False, letterhead=None, options=None):
	from frappe.utils import print_format

	result = print_format.download_multi_pdf(doctype, name, format, no_letterhead, letterhead, options)
	if isinstance(doctype, str) and not doctype.strip().startswith("{"):
		names = frappe.parse_json(name) if isinstance(name, str) and name.startswith("[") else [name]
		record_read(
			doctype, "frappe.utils.print_format.download_multi_pdf", names, kind="print", file_type="PDF"
		)
	else:
		for dt, names in (frappe.parse_json(doctype) or {}).items():
			record_read(
				dt, "frappe.utils.print_format.download_multi_pdf", names, kind="print", file_type="PDF"
			)
	return result


@frappe.whitelist()
def export_report():
	"""Frappe's Script/Query Report export (CSV/Excel), which the framework does not log: an export of a
	report over a sensitive DocType leaves an Access Log (who, which report, its filters, when)."""
	from frappe.desk import query_report

	form = frappe._dict(frappe.local.form_dict)
	if not isinstance(form.get("report_name"), str) or not frappe.db.exists(
		"Report", form.get("report_name")
	):
		frappe.throw(frappe._("Choose a report to export"), frappe.DoesNotExistError)
	result = query_report.export_query()
	report = form.get("report_name")
	doctype = frappe.get_cached_value("Report", report, "ref_doctype") if report else None
	record_read(
		doctype,
		"frappe.desk.query_report.export_query",
		[],
		filters={"report": report, "filters": form.get("filters")},
		kind="export",
		file_type=form.get("file_format_type"),
	)
	return result


PRINT_METHODS = {
	"frappe.www.printview.get_html_and_style": "nonsaad_smart.smart_core.audit.get_html_and_style",
	"frappe.utils.print_format.download_pdf": "nonsaad_smart.smart_core.audit.download_pdf",
	"frappe.utils.print_format.download_multi_pdf": "nonsaad_smart.smart_core.audit.download_multi_pdf",
	# Script/Query Report exports (issue 17: the framework logs report-view exports, not these)
	"frappe.desk.query_report.export_query": "nonsaad_smart.smart_core.audit.export_report",
}


# --- REST and writing the log ----------------------------------------------------------------------------
def _resource_path(path: str) -> tuple[str, str | None] | None:
	for prefix in RESOURCE_PREFIXES:
		if path.startswith(prefix):
			parts = [unquote(p) for p in path[len(prefix) :].split("/") if p]
			if parts:
				return parts[0], (parts[1] if len(parts) > 1 else None)
	return None


def _record_rest_read(response, request):
	target = _resource_path(request.path)
	if request.method != "GET" or not target or not is_sensitive(target[0]):
		return
	doctype, name = target
	if name:
		record_read(doctype, "REST read", [name])
		return
	try:
		rows = json.loads(response.get_data(as_text=True)).get("data") or []
	except Exception:
		rows = []
	args = frappe.form_dict
	record_list_read(
		doctype,
		"REST list",
		rows,
		filters=args.get("filters"),
		or_filters=args.get("or_filters"),
		order_by=args.get("order_by"),
		limit_start=args.get("limit_start"),
		limit_page_length=args.get("limit_page_length") or args.get("limit"),
		parent=args.get("parent"),
	)


def _write(entry: dict):
	names = list(dict.fromkeys(entry["names"]))
	if entry["kind"] == "view" and len(names) == 1:
		frappe.get_doc(
			{
				"doctype": "View Log",
				"viewed_by": frappe.session.user,
				"reference_doctype": entry["doctype"],
				"reference_name": names[0],
			}
		).insert(ignore_permissions=True)
	frappe.get_doc(
		{
			"doctype": "Access Log",
			"user": frappe.session.user,
			"export_from": entry["doctype"],
			"reference_document": names[0] if len(names) == 1 else None,
			"method": entry["method"],
			"file_type": entry.get("file_type"),
			"filters": entry.get("filters"),
			"page": json.dumps(names, ensure_ascii=False),
		}
	).insert(ignore_permissions=True)


def log_api_read(response, request):
	"""after_request: write the reads recorded during a successful request (and REST reads)."""
	try:
		if getattr(response, "status_code", 500) != 200 or frappe.session.user == "Guest":
			return
		_record_rest_read(response, request)
		entries = _pending()
		if not entries:
			return
		merged: dict[tuple, dict] = {}
		for entry in entries:
			key = (entry["doctype"], entry["method"], entry["kind"])
			if key in merged:
				merged[key]["names"] += entry["names"]
			else:
				merged[key] = dict(entry)
		for entry in merged.values():
			_write(entry)
		frappe.db.commit()
	finally:
		frappe.local.nonsaad_reads = []
