"""The citizen web form "report" (แจ้งเรื่องร้องเรียน/ร้องทุกข์): its server side.

Frappe's web-form endpoint (`frappe.website.doctype.web_form.web_form.accept`) is overridden in hooks
(`override_whitelisted_methods`) so that, for this form only,

- the photo is checked (type by content, size) before anything is written,
- a report about an asset that already has an open request is added to that request (no new row),
- the answer tells the tracking number and nothing else (no personal data of an earlier reporter).

Every other web form goes to Frappe's own `accept`, under the same rate limit, after the app's guard
(`guard_web_form`, issue 18): a guest may send only a web form of this app that allows guests, and its
values pass the shared text check (smart_core.text_input) field by field; the framework's own guest forms
(request-data, request-to-delete-data) need a logged-in user (`require_login_for_framework_forms`).
"""

import json

import frappe
from frappe.rate_limiter import rate_limit
from frappe.website.doctype.web_form import web_form as frappe_web_form

from nonsaad_smart.e_smart_service.api import REPORT_FIELDS, submit_report
from nonsaad_smart.smart_core.text_input import MissingFieldError, clean_text, parse_form_data, require

REPORT_WEB_FORM = "report"


def web_form_rate_limit() -> int:
	"""Submissions per minute per IP (Frappe's default for web forms; a site may set its own)."""
	return frappe.conf.get("nonsaad_web_form_rate_limit") or 10


@frappe.whitelist(allow_guest=True)
@rate_limit(key="web_form", limit=web_form_rate_limit, seconds=60)
def accept(web_form=None, data=None, for_payment=False):
	if not web_form or not isinstance(web_form, str) or data in (None, ""):
		frappe.throw(
			frappe._("Send the form and its data"), MissingFieldError, title=frappe._("Missing information")
		)
	if web_form != REPORT_WEB_FORM:
		# not a JSON object: a 4xx with a message (Frappe's accept answered a 500, issue 18 fuzzer)
		values = guard_web_form(web_form, parse_form_data(data))
		return frappe_web_form.accept.__wrapped__(web_form, json.dumps(values))
	values = parse_form_data(data)
	if values.get("name"):
		frappe.throw(frappe._("You are not allowed to update this Web Form Document"), frappe.PermissionError)
	frappe.flags.in_web_form = True
	report = {k: values.get(k) for k in REPORT_FIELDS}
	report["channel"] = "Web"
	# only a photo uploaded in this request is taken (checked by content), never a URL of another file
	name, merged = submit_report(report, values.get("photo") or None)
	return {
		"doctype": "Service Request",
		"name": name,
		"merged": int(merged),
		"status_url": f"/request-status?tracking_number={name}",
	}


def app_modules() -> set[str]:
	return set(frappe.get_module_list("nonsaad_smart"))


# field types whose value is text a person typed (checked by clean_text); the rest Frappe converts
TEXT_FIELDTYPES = {
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Text Editor",
	"Markdown Editor",
	"Autocomplete",
}
PASSED_FIELDTYPES = {
	"Attach",
	"Attach Image",
	"Check",
	"Int",
	"Float",
	"Currency",
	"Percent",
	"Date",
	"Datetime",
	"Time",
	"Table",
	"Table MultiSelect",
	"Geolocation",
	"Rating",
}


class WebFormNotOpenError(frappe.PermissionError):
	pass


def guard_web_form(name, values: frappe._dict) -> frappe._dict:
	"""The app's checks before Frappe's accept of any other web form.

	- a form that does not exist or is not published: refused (not a 404 page, a message);
	- a guest may send only a published web form of this app with login not required: the framework's
	  and ERPNext's forms validate nothing of their own against guest data;
	- only the form's own fields are passed on (no `owner`, `docstatus`, `workflow_state`…), each text
	  value through the shared text check (normalised, no markup, at most 2 000 characters), a
	  mandatory field of the form required; a guest cannot name an existing record to update."""
	form = frappe.db.get_value(
		"Web Form", name, ["name", "module", "published", "login_required", "doc_type"], as_dict=True
	)
	if not form or not form.published:
		frappe.throw(
			frappe._("This form is not open"), WebFormNotOpenError, title=frappe._("Form not accepted")
		)
	guest = frappe.session.user == "Guest"
	if guest and (form.login_required or form.module not in app_modules()):
		frappe.throw(
			frappe._("Log in to send this form"), WebFormNotOpenError, title=frappe._("Log in first")
		)
	if guest and values.get("name"):
		frappe.throw(frappe._("You are not allowed to update this Web Form Document"), frappe.PermissionError)
	if form.module not in app_modules():
		return values  # a logged-in user on a framework form: Frappe's own checks and permissions
	meta = frappe.get_meta(form.doc_type)
	clean = frappe._dict({"name": values.get("name")} if values.get("name") else {})
	for field in frappe.get_all(
		"Web Form Field",
		filters={"parent": form.name, "parenttype": "Web Form"},
		fields=["fieldname", "fieldtype", "label", "reqd"],
	):
		if not field.fieldname or (field.fieldname not in values and not field.reqd):
			continue
		df = meta.get_field(field.fieldname)
		label = frappe._(field.label or (df and df.label) or field.fieldname)
		value = values.get(field.fieldname)
		if field.reqd:
			require(value if value != "" else None, label)
		fieldtype = field.fieldtype or (df and df.fieldtype)
		if fieldtype in TEXT_FIELDTYPES or fieldtype not in PASSED_FIELDTYPES:
			value = clean_text(value, label)
		clean[field.fieldname] = value
	return clean


def require_login_for_framework_forms():
	"""Setup step (install and every migrate): the framework's published guest web forms (request-data, request-to-delete-data)
	ask for a login; the app's guard refuses their guest data anyway, this makes their pages say so."""
	modules = app_modules()
	for form in frappe.get_all(
		"Web Form", filters={"published": 1, "login_required": 0}, fields=["name", "module"]
	):
		if form.module not in modules:
			frappe.db.set_value("Web Form", form.name, "login_required", 1, update_modified=False)


@frappe.whitelist(allow_guest=True)
def form_settings(asset_doctype: str | None = None, asset_name: str | None = None) -> dict:
	"""What the report form needs in the browser: public service types and the map of the municipality.

	With the asset the citizen came from (a pole's QR page, the map's "report a problem"), also where it
	stands, so that the form's map opens on it (only assets an open-data map layer shows)."""
	from nonsaad_smart.e_smart_service.assets import map_layers
	from nonsaad_smart.e_smart_service.doctype.service_type.service_type import public_service_types
	from nonsaad_smart.smart_core.gis import public_layer_styles, public_location

	settings = frappe.get_cached_doc("Smart Settings")
	asset_layers = map_layers()
	me = None
	if frappe.session.user != "Guest":
		me = frappe.db.get_value(
			"Citizen", {"user": frappe.session.user}, ["full_name", "phone"], as_dict=True
		)
	return {
		"me": {"name": me.full_name, "phone": me.phone} if me else None,
		"service_types": [
			{
				"name": t.name,
				"name_th": t.name_th,
				"name_en": t.name_en,
				"asset_doctype": t.asset_doctype,
				"kind": t.kind,
			}
			for t in public_service_types()
		],
		# register DocType -> its map layer, to pick the asset on the map (hooks nonsaad_asset_registers)
		"asset_layers": asset_layers,
		# how those layers draw their features (colour by status, title template): the map's own styles
		"asset_styles": public_layer_styles(set(asset_layers.values())),
		"center": [settings.map_center_lat, settings.map_center_lng],
		"zoom": settings.map_zoom or 13,
		"boundary": frappe.parse_json(settings.boundary_geojson) if settings.boundary_geojson else None,
		"asset": public_location(asset_doctype, asset_name),
	}
