"""Read side of the PDPA rules: every list, report, count, group-by and search a user can call follows the
same row-level and field-level rights as the record itself.

Frappe 15 leaves three holes that together unmask a national ID digit by digit:
- `frappe.client.get_count` counts with `frappe.db.count`: no permission check at all;
- a field the user may not read (permlevel) can still be used to filter, group or sort a list
  (`filters=[["national_id", "like", "339%"]]`), which tells its value by bisection;
- child-table rows (`get_list` on a child DocType with `parent=...`) only need read on the parent DocType,
  not on the parent record.

`check_query` is the one rule (refuse a filter/order/group/field expression on a field the user cannot
read, `RestrictedFieldError`, HTTP 403); `COUNT_AND_LIST_METHODS` (hooks.py `override_whitelisted_methods`)
apply it to every whitelisted read path of Frappe, and `check_rest_list` (a `before_request` hook) to
`GET /api/resource/<DocType>`. Counts go through `frappe.get_list`, so they obey permission query
conditions, `has_permission` rules, user permissions and shares exactly like the list. Child DocTypes
follow their parent's row-level rules through `child_query_conditions` (permission query conditions).

The history holds values too: a Version's `data` has the old and new value of every changed field, and
Frappe hands the last ten Versions to every reader of the form (`getdoc` / `get_docinfo`, the timeline).
`mask_change_data` blanks the values of the fields `restricted_fields` names for the viewer (the same rule,
no second list); the timeline (`getdoc`, `get_docinfo`) and a Version or Deleted Document opened or
printed (`MaskedVersion`, `MaskedDeletedDocument`, `print_as_read`) go through it, and a list, export or filter on their
`data` column is refused to all but the System Manager (`LOG_DATA_DOCTYPES`: for Frappe `data` is a
permlevel-0 column it never drops, and a list cannot be masked row by row for every path). The Auditor reads each change
through the Audit Trail report, which shows it as the viewer may read it.
"""

import inspect
import json
import re
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.core.doctype.deleted_document.deleted_document import DeletedDocument
from frappe.core.doctype.version.version import Version
from frappe.model import CORE_DOCTYPES, get_permitted_fields

from nonsaad_smart.smart_core import audit
from nonsaad_smart.smart_core.text_input import json_object, known_doctype, refuse_missing


class RestrictedFieldError(frappe.PermissionError):
	"""A query names a field the user may not read (HTTP 403)."""


# logs whose `data` column holds another record's values (field -> values): refused in lists, masked when
# one is opened (the DocType the values belong to is in the named field)
LOG_DATA_DOCTYPES = {"Version": "ref_doctype", "Deleted Document": "deleted_doctype"}
HIDDEN_VALUE = "•••"

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TABLE_REF = re.compile(r"`?tab([A-Za-z0-9 _-]+?)`?\.")
# a plain (optionally table-qualified, optionally aliased) column: Frappe itself drops it if unreadable
PLAIN_FIELD = re.compile(r"^\s*(`?tab[\w -]+`?\.)?`?\w+`?(\s+as\s+`?\w+`?)?\s*$", re.IGNORECASE)


# --- the rule ----------------------------------------------------------------------------------------
def restricted_fields(doctype: str, parenttype: str | None = None, user: str | None = None) -> set[str]:
	"""Columns of `doctype` that `user` may not read (fields above the permlevels their roles read)."""
	user = user or frappe.session.user
	if user == "Administrator" or not doctype or not frappe.db.exists("DocType", doctype):
		return set()
	if doctype in LOG_DATA_DOCTYPES:
		return set() if "System Manager" in frappe.get_roles(user) else {"data"}
	meta = frappe.get_meta(doctype)
	if meta.istable and not parenttype:
		parenttype = meta.get("parenttype") or _parent_of(doctype)
	columns = set(meta.get_valid_columns())
	permitted = set(get_permitted_fields(doctype, parenttype=parenttype, user=user, ignore_virtual=True))
	return {c for c in columns - permitted if meta.get_field(c)}


def _parent_of(child: str) -> str | None:
	return frappe.db.get_value(
		"DocField", {"options": child, "fieldtype": ("in", ("Table", "Table MultiSelect"))}, "parent"
	)


def _parse(value):
	if isinstance(value, str):
		text = value.strip()
		if text[:1] in ("[", "{"):
			try:
				return json.loads(text)
			except ValueError:
				return value
	return value


def _tokens(text) -> set[str]:
	return set(IDENTIFIER.findall(str(text or "")))


def _refuse(doctype: str, field: str, usage: str):
	frappe.throw(
		_("You may not {0} {1} by the field {2}: you have no right to read it").format(
			_(usage), _(doctype), frappe.bold(field)
		),
		RestrictedFieldError,
		title=_("Not permitted"),
	)


def _filter_fields(doctype: str, filters) -> list[tuple[str, str]]:
	"""(doctype, field expression) for each condition of a dict / list filter."""
	filters = _parse(filters)
	out = []
	if not filters:
		return out
	if isinstance(filters, dict):
		return [(doctype, str(key)) for key in filters]
	if isinstance(filters, list | tuple):
		for f in filters:
			f = _parse(f)
			if isinstance(f, dict):
				out += [(doctype, str(key)) for key in f]
			elif isinstance(f, list | tuple):
				if len(f) >= 4:
					out.append((str(f[0] or doctype), str(f[1])))
				elif f:
					out.append((doctype, str(f[0])))
			elif isinstance(f, str):
				out.append((doctype, f))
	return out


def check_query(
	doctype: str,
	filters=None,
	or_filters=None,
	order_by=None,
	group_by=None,
	fields=None,
	parent: str | None = None,
	searched=None,
):
	"""Refuse (RestrictedFieldError) a filter, sort, group, search or computed field on a field the user may
	not read.

	Plain field names in `fields` are left to Frappe, which drops unreadable columns from the result, except
	where Frappe reads the column as readable: its core DocTypes (it drops none) and the `data` of the logs
	(`LOG_DATA_DOCTYPES`, permlevel 0): there a plain field or `*` is refused too."""
	if not doctype or frappe.session.user == "Administrator":
		return
	cache: dict[str, set[str]] = {}

	def hidden(dt: str) -> set[str]:
		if dt not in cache:
			cache[dt] = restricted_fields(dt, parenttype=parent if dt == doctype else doctype)
		return cache[dt]

	def check_expression(text, usage: str, dt: str = doctype):
		tokens = _tokens(text)
		doctypes = {dt} | {t.strip() for t in TABLE_REF.findall(str(text or ""))}
		for other in doctypes:
			if bad := tokens & hidden(other):
				_refuse(other, sorted(bad)[0], usage)

	for dt, expression in _filter_fields(doctype, filters) + _filter_fields(doctype, or_filters):
		check_expression(expression, "filter", dt if frappe.db.exists("DocType", dt) else doctype)
	for expression in (order_by, group_by):
		if expression:
			check_expression(expression, "sort or group")
	fields = _parse(fields)
	if isinstance(fields, str):
		fields = [f for f in fields.split(",")]
	core = doctype in CORE_DOCTYPES or doctype in LOG_DATA_DOCTYPES
	for field in fields or []:
		if not isinstance(field, str):
			continue
		if core and hidden(doctype) and (PLAIN_FIELD.match(field) or "*" in field):
			check_expression(field.replace("*", " ".join(sorted(hidden(doctype)))), "list")
		elif not PLAIN_FIELD.match(field):
			check_expression(field, "compute")
	if searched:
		check_expression(" ".join(searched), "search")


def check_form_dict(doctype: str | None = None):
	"""`check_query` on the request's own arguments (reportview, REST): a document type is required."""
	args = frappe.form_dict
	if not doctype:
		refuse_missing([] if args.get("doctype") else ["doctype"])
		doctype = known_doctype(args.get("doctype"))
	check_query(
		doctype,
		filters=args.get("filters"),
		or_filters=args.get("or_filters"),
		order_by=args.get("order_by") or _sort_expression(args),
		group_by=args.get("group_by"),
		fields=args.get("fields"),
		parent=args.get("parent") or args.get("parent_doctype"),
	)


def _sort_expression(args) -> str | None:
	return args.get("sort_by")


# --- child tables follow their parent's row-level rules (permission_query_conditions) ---------------
def child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`tabChild`.parent must be a parent record the user may read (the parent's own list rules)."""
	user = user or frappe.session.user
	if user == "Administrator" or not doctype:
		return ""
	parents = frappe.get_all(
		"DocField",
		filters={"options": doctype, "fieldtype": ("in", ("Table", "Table MultiSelect"))},
		pluck="parent",
		distinct=True,
	)
	conditions = []
	for parent in parents:
		if not frappe.has_permission(parent, "read", user=user) and not frappe.has_permission(
			parent, "select", user=user
		):
			continue
		permitted = frappe.get_list(
			parent, fields=["name"], user=user, order_by=None, limit_page_length=0, run=0
		)
		conditions.append(
			f"(`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in ({permitted}))"
		)
	return "(" + " or ".join(conditions) + ")" if conditions else "1=0"


# --- the whitelisted read paths (override_whitelisted_methods in hooks.py) ---------------------------
@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""frappe.client.get_count through frappe.get_list: the same rows the user may list, nothing more."""
	check_query(doctype, filters=filters)
	rows = frappe.get_list(doctype, filters=_parse(filters), fields=["count(*) as count"], order_by=None)
	return rows[0].count if rows else 0


@frappe.whitelist()
def get_list(
	doctype,
	fields=None,
	filters=None,
	group_by=None,
	order_by=None,
	limit_start=None,
	limit_page_length=20,
	parent=None,
	debug: bool = False,
	as_dict: bool = True,
	or_filters=None,
):
	import frappe.client

	check_query(doctype, filters, or_filters, order_by, group_by, fields, parent)
	result = frappe.client.get_list(
		doctype,
		fields=fields,
		filters=filters,
		group_by=group_by,
		order_by=order_by,
		limit_start=limit_start,
		limit_page_length=limit_page_length,
		parent=parent,
		debug=debug,
		as_dict=as_dict,
		or_filters=or_filters,
	)
	audit.record_list_read(
		doctype,
		"frappe.client.get_list",
		result,
		filters=filters,
		or_filters=or_filters,
		parent=parent,
		order_by=order_by,
		limit_start=limit_start,
		limit_page_length=limit_page_length,
	)
	return result


@frappe.whitelist()
def get(doctype, name=None, filters=None, parent=None):
	import frappe.client

	check_query(doctype, filters=filters, parent=parent)
	result = frappe.client.get(doctype, name=name, filters=filters, parent=parent)
	audit.record_read(doctype, "frappe.client.get", [result.get("name")])
	return result


@frappe.whitelist()
def get_value(doctype, fieldname, filters=None, as_dict=True, debug=False, parent=None):
	import frappe.client

	check_query(doctype, filters=filters, fields=_parse(fieldname), parent=parent)
	result = frappe.client.get_value(doctype, fieldname, filters, as_dict=as_dict, debug=debug, parent=parent)
	if result:
		audit.record_read(doctype, "frappe.client.get_value", [], filters=filters)
	return result


@frappe.whitelist()
@frappe.read_only()
def reportview_get():
	from frappe.desk import reportview

	check_form_dict()
	result = reportview.get()
	audit.record_compressed_read(frappe.form_dict.doctype, "frappe.desk.reportview.get", result)
	return result


@frappe.whitelist()
@frappe.read_only()
def reportview_get_list():
	from frappe.desk import reportview

	check_form_dict()
	result = reportview.get_list()
	audit.record_list_read(frappe.form_dict.doctype, "frappe.desk.reportview.get_list", result)
	return result


@frappe.whitelist()
@frappe.read_only()
def reportview_get_count():
	from frappe.desk import reportview

	check_form_dict()
	return reportview.get_count()


@frappe.whitelist()
def export_query():
	from frappe.desk import reportview

	doctype = frappe.form_dict.doctype
	check_form_dict()
	args = frappe._dict(frappe.form_dict)
	result = reportview.export_query()
	audit.record_export(doctype, "frappe.desk.reportview.export_query", args)
	return result


@frappe.whitelist()
@frappe.read_only()
def get_sidebar_stats(stats, doctype, filters=None):
	from frappe.desk import reportview

	check_query(doctype, filters=filters, group_by=_stats_columns(stats))
	return reportview.get_sidebar_stats(stats, doctype, filters)


@frappe.whitelist()
@frappe.read_only()
def get_stats(stats, doctype, filters=None):
	from frappe.desk import reportview

	check_query(doctype, filters=filters, group_by=_stats_columns(stats))
	return reportview.get_stats(stats, doctype, filters)


@frappe.whitelist()
def get_filter_dashboard_data(stats, doctype, filters=None):
	from frappe.desk import reportview

	columns = " ".join(t.get("name", "") for t in (_parse(stats) or []) if isinstance(t, dict))
	check_query(doctype, filters=filters, group_by=columns)
	return reportview.get_filter_dashboard_data(stats, doctype, filters)


def _stats_columns(stats) -> str:
	stats = _parse(stats)
	return " ".join(str(s) for s in stats) if isinstance(stats, list) else str(stats or "")


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""Sidebar "group by" counts; "Assigned To" counts only the records the user may list."""
	from frappe.desk import listview

	check_query(doctype, filters=current_filters, group_by=field)
	if field != "assigned_to":
		return listview.get_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(doctype, filters=_parse(current_filters), pluck="name", limit_page_length=0)
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	user = frappe.qb.DocType("User")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.from_(user)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (todo.allocated_to == user.name)
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& (todo.reference_name.isin(names))
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
		.run(as_dict=True)
	)


def _searched_fields(doctype, txt) -> list[str]:
	"""The fields Frappe's search_widget matches a text against: name, title field, search fields."""
	if not txt or not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return []
	meta = frappe.get_meta(doctype)
	return [f for f in [meta.title_field, *meta.get_search_fields()] if f]


@frappe.whitelist()
def search_link(
	doctype,
	txt,
	query=None,
	filters=None,
	page_length=10,
	searchfield=None,
	reference_doctype=None,
	ignore_user_permissions=False,
):
	from frappe.desk import search

	check_query(doctype, filters=filters, group_by=searchfield, searched=_searched_fields(doctype, txt))
	return search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def search_widget(
	doctype,
	txt,
	query=None,
	searchfield=None,
	start=0,
	page_length=10,
	filters=None,
	filter_fields=None,
	as_dict=False,
	reference_doctype=None,
	ignore_user_permissions=False,
):
	from frappe.desk import search

	check_query(
		doctype,
		filters=filters,
		group_by=searchfield,
		fields=_parse(filter_fields),
		searched=_searched_fields(doctype, txt),
	)
	return search.search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def number_card_result(doc, filters, to_date=None):
	from frappe.desk.doctype.number_card import number_card

	card = frappe._dict(json_object(doc, "doc"))  # text that is not an object was a ValueError 500
	known_doctype(card.document_type)
	check_query(
		card.document_type,
		filters=filters,
		fields=[f"x({card.aggregate_function_based_on})"] if card.aggregate_function_based_on else None,
		parent=card.parent_document_type,
	)
	return number_card.get_result(doc, filters, to_date)


@frappe.whitelist()
def dashboard_chart_get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	from frappe.desk.doctype.dashboard_chart import dashboard_chart

	if chart_name:
		spec = frappe.get_cached_doc("Dashboard Chart", chart_name)
	else:
		# a chart sent whole: a JSON object on a document type of the site (junk was a 500 in Frappe's get)
		refuse_missing([] if chart else ["chart_name"])
		spec = frappe._dict(json_object(chart, "chart"))
		known_doctype(spec.get("document_type"))
	if spec.get("document_type"):
		check_query(
			spec.document_type,
			filters=filters or spec.get("filters_json"),
			group_by=" ".join(
				str(spec.get(k) or "")
				for k in ("based_on", "value_based_on", "group_by_based_on", "aggregate_function_based_on")
			),
			parent=spec.get("parent_document_type"),
		)
	# Frappe caches a chart's data per chart name only ("chart-data:<name>", utils/dashboard.cache_source):
	# the next viewer would get the first one's rows. The chart is computed for this viewer, uncached, with
	# the arguments as Frappe's cache wrapper passes them (an empty string from the desk is None).
	return inspect.unwrap(dashboard_chart.get)(
		chart_name=chart_name,
		chart=None if chart_name else chart,
		no_cache=no_cache,
		filters=filters or None,
		from_date=from_date or None,
		to_date=to_date or None,
		timespan=timespan or None,
		time_interval=time_interval or None,
		heatmap_year=heatmap_year or None,
	)


# --- the history: Version data (timeline) and Deleted Document data, as the viewer may read them ---------
def mask_change_data(ref_doctype: str, data, user: str | None = None, known: dict | None = None):
	"""A Version's `data` (JSON text or dict) with the values of fields the user may not read replaced by
	HIDDEN_VALUE: the change stays visible (which field, who, when), its values do not. Same type out.
	`known`: a dict kept by the caller across the Versions of one record (the rights are looked up once)."""
	as_text = isinstance(data, str)
	try:
		diff = json.loads(data) if as_text else data
	except ValueError:
		return data
	if not isinstance(diff, dict) or not ref_doctype:
		return data
	known = {} if known is None else known

	def restricted(doctype: str, parenttype: str | None = None) -> set[str]:
		if (doctype, parenttype) not in known:
			known[doctype, parenttype] = restricted_fields(doctype, parenttype=parenttype, user=user)
		return known[doctype, parenttype]

	hidden = restricted(ref_doctype)
	if not hidden and not any(diff.get(k) for k in ("added", "removed", "row_changed")):
		return data
	meta = frappe.get_meta(ref_doctype) if frappe.db.exists("DocType", ref_doctype) else None

	def child_hidden(table: str) -> set[str]:
		df = meta.get_field(table) if meta else None
		if not df or not df.options:
			return set()
		return restricted(df.options, ref_doctype) | ({table} if table in hidden else set())

	def mask_changes(changes, names: set[str]):
		return [
			[c[0], HIDDEN_VALUE, HIDDEN_VALUE] if isinstance(c, list) and c and c[0] in names else c
			for c in changes or []
		]

	def mask_row(row, names: set[str]):
		if not isinstance(row, dict):
			return row
		if "*" in names:
			return {k: v for k, v in row.items() if k in ("name", "idx", "doctype")}
		return {k: (HIDDEN_VALUE if k in names else v) for k, v in row.items()}

	if "changed" in diff:
		diff["changed"] = mask_changes(diff["changed"], hidden)
	for key in ("added", "removed"):
		if key in diff:
			diff[key] = [
				[e[0], mask_row(e[1], {"*"} if e[0] in hidden else child_hidden(e[0]))]
				if isinstance(e, list) and len(e) == 2
				else e
				for e in diff[key] or []
			]
	if "row_changed" in diff:
		diff["row_changed"] = [
			[*e[:3], mask_changes(e[3], child_hidden(e[0]))] if isinstance(e, list) and len(e) == 4 else e
			for e in diff["row_changed"] or []
		]
	return frappe.as_json(diff, indent=None, separators=(",", ":")) if as_text else diff


def mask_record_data(doctype: str, data, user: str | None = None):
	"""A Deleted Document's `data` (the record as JSON) without the fields the user may not read."""
	try:
		record = json.loads(data) if isinstance(data, str) else data
	except ValueError:
		return data
	if not isinstance(record, dict) or not doctype:
		return data
	hidden = restricted_fields(doctype, user=user)
	meta = frappe.get_meta(doctype) if frappe.db.exists("DocType", doctype) else None
	for key, value in list(record.items()):
		if key in hidden:
			record.pop(key)
		elif isinstance(value, list) and meta and (df := meta.get_field(key)) and df.options:
			child = restricted_fields(df.options, parenttype=doctype, user=user)
			record[key] = [
				{k: v for k, v in row.items() if k not in child} if isinstance(row, dict) else row
				for row in value
			]
	return frappe.as_json(record, indent=1)


def _mask_timeline():
	docinfo = frappe.response.get("docinfo") or {}
	known = {}
	for version in docinfo.get("versions") or []:
		version["data"] = mask_change_data(docinfo.get("doctype"), version.get("data"), known=known)


def _named_record(doctype, name) -> str:
	"""The arguments of a form's load as a client sends them: both, a known DocType, a text name (Frappe
	answered junk with a 500)."""
	refuse_missing([arg for arg, value in (("doctype", doctype), ("name", name)) if not value])
	if not isinstance(name, str | int):
		frappe.throw(_("There is no record of this name"), frappe.DoesNotExistError)
	return known_doctype(doctype)


@frappe.whitelist()
def getdoc(doctype=None, name=None):
	"""The desk form's load: Frappe's, with the timeline's Version values masked for the viewer."""
	from frappe.desk.form import load

	load.getdoc(_named_record(doctype, name), name)
	_mask_timeline()


@frappe.whitelist()
def get_docinfo(doc=None, doctype=None, name=None):
	"""The timeline reloaded (Frappe's `get_docinfo`): over HTTP `doc` is text, never a document."""
	from frappe.desk.form import load
	from frappe.model.document import Document

	if isinstance(doc, Document):
		load.get_docinfo(doc=doc)
	else:
		load.get_docinfo(doctype=_named_record(doctype, name), name=name)
	_mask_timeline()


def print_as_read(doc, method=None, settings=None):
	"""doc_events "*" before_print: a print holds what its reader may read. Frappe's standard format hides
	a field above the reader's permlevels, but a Jinja format prints `doc.<field>` as stored and the
	/printview page titles itself with the document's title field (a bite's victim name)."""
	doc.apply_fieldlevel_read_permissions()


class _MaskedLog:
	"""Opened (REST, frappe.client.get, the desk form) or printed (`print_as_read`): `data` as the viewer
	may read it."""

	def _mask_data(self):
		if frappe.session.user == "Administrator" or "System Manager" in frappe.get_roles():
			return
		ref = self.get(LOG_DATA_DOCTYPES[self.doctype])
		masked = (mask_change_data if self.doctype == "Version" else mask_record_data)(ref, self.data)
		self.data = masked

	def apply_fieldlevel_read_permissions(self):
		super().apply_fieldlevel_read_permissions()
		self._mask_data()


class MaskedVersion(_MaskedLog, Version):
	pass


class MaskedDeletedDocument(_MaskedLog, DeletedDocument):
	pass


HISTORY_METHODS = {
	"frappe.desk.form.load.getdoc": "nonsaad_smart.smart_core.field_access.getdoc",
	"frappe.desk.form.load.get_docinfo": "nonsaad_smart.smart_core.field_access.get_docinfo",
}


# every count, list, group-by, search and stats method of Frappe 15 a logged-in user can call
COUNT_AND_LIST_METHODS = {
	"frappe.client.get_count": "nonsaad_smart.smart_core.field_access.get_count",
	"frappe.client.get_list": "nonsaad_smart.smart_core.field_access.get_list",
	"frappe.client.get": "nonsaad_smart.smart_core.field_access.get",
	"frappe.client.get_value": "nonsaad_smart.smart_core.field_access.get_value",
	"frappe.desk.reportview.get": "nonsaad_smart.smart_core.field_access.reportview_get",
	"frappe.desk.reportview.get_list": "nonsaad_smart.smart_core.field_access.reportview_get_list",
	"frappe.desk.reportview.get_count": "nonsaad_smart.smart_core.field_access.reportview_get_count",
	"frappe.desk.reportview.export_query": "nonsaad_smart.smart_core.field_access.export_query",
	"frappe.desk.reportview.get_sidebar_stats": "nonsaad_smart.smart_core.field_access.get_sidebar_stats",
	"frappe.desk.reportview.get_stats": "nonsaad_smart.smart_core.field_access.get_stats",
	"frappe.desk.reportview.get_filter_dashboard_data": "nonsaad_smart.smart_core.field_access.get_filter_dashboard_data",
	"frappe.desk.listview.get_group_by_count": "nonsaad_smart.smart_core.field_access.get_group_by_count",
	"frappe.desk.search.search_link": "nonsaad_smart.smart_core.field_access.search_link",
	"frappe.desk.search.search_widget": "nonsaad_smart.smart_core.field_access.search_widget",
	"frappe.desk.doctype.number_card.number_card.get_result": "nonsaad_smart.smart_core.field_access.number_card_result",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "nonsaad_smart.smart_core.field_access.dashboard_chart_get",
}


# --- REST: GET /api/resource/<DocType> does not go through a whitelisted method ------------------------
REST_LIST_PREFIXES = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")


def rest_target(path: str) -> tuple[str, str | None] | None:
	for prefix in REST_LIST_PREFIXES:
		if path.startswith(prefix):
			parts = [unquote(p) for p in path[len(prefix) :].split("/") if p]
			if parts:
				return parts[0], (parts[1] if len(parts) > 1 else None)
	return None


def check_rest_list():
	"""before_request: the same field rule for REST lists (filters, order_by, group_by, computed fields)."""
	request = getattr(frappe.local, "request", None)
	if not request or request.method != "GET":
		return
	target = rest_target(request.path)
	if not target or target[1]:
		return
	if request.headers.get("Authorization") and frappe.session.user == "Guest":
		from frappe.auth import validate_auth

		validate_auth()
	check_form_dict(target[0])
