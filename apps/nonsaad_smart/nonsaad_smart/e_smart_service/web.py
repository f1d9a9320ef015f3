"""The citizen web form "report" (แจ้งเรื่องร้องเรียน/ร้องทุกข์): its server side.

Frappe's web-form endpoint (`frappe.website.doctype.web_form.web_form.accept`) is overridden in hooks
(`override_whitelisted_methods`) so that, for this form only,

- the photo is checked (type by content, size) before anything is written,
- a report about an asset that already has an open request is added to that request (no new row),
- the answer tells the tracking number and nothing else (no personal data of an earlier reporter).

Every other web form goes to Frappe's own `accept`, under the same rate limit.
"""

import json

import frappe
from frappe.rate_limiter import rate_limit
from frappe.website.doctype.web_form import web_form as frappe_web_form

from nonsaad_smart.e_smart_service.api import REPORT_FIELDS, submit_report
from nonsaad_smart.e_smart_service.validation import InvalidInputError, MissingFieldError

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
		values = parse_form_data(data)
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


def parse_form_data(data) -> frappe._dict:
	"""The form's values: a JSON object (as text, or already parsed); anything else is a clear 4xx."""
	if isinstance(data, str):
		try:
			data = json.loads(data)
		except ValueError:
			data = None
	if not isinstance(data, dict):
		frappe.throw(
			frappe._("The form data must be a JSON object of fields"),
			InvalidInputError,
			title=frappe._("Form not accepted"),
		)
	return frappe._dict(data)


@frappe.whitelist(allow_guest=True)
def form_settings(asset_doctype: str | None = None, asset_name: str | None = None) -> dict:
	"""What the report form needs in the browser: public service types and the map of the municipality.

	With the asset the citizen came from (a pole's QR page, the map's "report a problem"), also where it
	stands, so that the form's map opens on it (only assets an open-data map layer shows)."""
	from nonsaad_smart.e_smart_service.assets import map_layers
	from nonsaad_smart.e_smart_service.doctype.service_type.service_type import public_service_types
	from nonsaad_smart.smart_core.gis import public_location

	settings = frappe.get_cached_doc("Smart Settings")
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
		"asset_layers": map_layers(),
		"center": [settings.map_center_lat, settings.map_center_lng],
		"zoom": settings.map_zoom or 13,
		"boundary": frappe.parse_json(settings.boundary_geojson) if settings.boundary_geojson else None,
		"asset": public_location(asset_doctype, asset_name),
	}
