"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for Non Sa-at, JSON or XML (.json / .xml).

    GET  /open311/v2/services.json                 public service types
    GET  /open311/v2/services/<code>.json          definition of one: services about an asset (a pole,
                                                   a drain…) have the attribute `asset_code`
    POST /open311/v2/requests.json                 api_key of an Open311 Client; service_code, lat, long,
                                                   description, first_name, last_name, phone,
                                                   attribute[asset_code], …; at most the client's
                                                   requests_per_minute (429 beyond)
    GET  /open311/v2/requests.json                 filters service_request_id, service_code, status
                                                   (open|closed), start_date, end_date (ISO 8601);
                                                   default the last 90 days, at most 1000
    GET  /open311/v2/requests/<id>.json            one request

Errors use the spec's format: `[{"code": 403, "description": "..."}]` with that HTTP status. Only
public service types are listed and only public fields are returned: never a name, phone or e-mail.

What `requests.json` publishes (open data, PDPA):
- `description` is the request's **Public Description**, written by the office – never the citizen's own
  words ("the pole in front of house no. 12" locates the complainant); empty until the office writes it.
- Walk-in and phone requests are listed only once their Public Description is written (the review);
  web and Open311 reports are listed from the start, with an empty description.
- `lat`/`long` are rounded: 5 decimals (≈ 1 m) for things, 3 decimals (≈ 110 m) for service types
  marked "About People" (noise, smoke, nuisance, stray dogs, general complaints).
- No photo, name, phone, e-mail, the citizen's description or the office's resolution note. Served by a page renderer (hooks
`page_renderer`), so the paths are the spec's own.
"""

import datetime
import json
import re
import time
from zoneinfo import ZoneInfo

import frappe
from frappe.query_builder.functions import Coalesce
from frappe.utils import add_days, get_datetime, get_system_timezone, getdate, now_datetime
from frappe.website.page_renderers.base_renderer import BaseRenderer
from werkzeug.wrappers import Response

from nonsaad_smart.e_smart_service.api import OPEN_STATES, state_label, submit_report
from nonsaad_smart.e_smart_service.assets import asset_by_code, register_doctypes, register_label
from nonsaad_smart.e_smart_service.doctype.open311_client.open311_client import client_for_key
from nonsaad_smart.e_smart_service.doctype.service_request.service_request import PUBLIC_CHANNELS
from nonsaad_smart.e_smart_service.validation import normalize_text
from nonsaad_smart.smart_core import municipality

PREFIX = "open311/v2/"
# rounding of published places: 5 decimals ≈ 1 m, 3 decimals ≈ 110 m (a block of houses, not one)
THING_DECIMALS = 5
PEOPLE_DECIMALS = 3
MAX_RESULTS = 1000
DEFAULT_DAYS = 90


class Open311Error(Exception):
	def __init__(self, code: int, description: str):
		super().__init__(description)
		self.code, self.description = code, description


# --- the endpoints -------------------------------------------------------------------------------------
def services() -> list[dict]:
	rows = frappe.get_all(
		"Service Type",
		filters={"is_public": 1},
		fields=["code", "name_th", "name_en", "kind", "description", "asset_doctype"],
		order_by="code asc",
	)
	return [
		{
			"service_code": r.code,
			"service_name": r.name_th,
			"description": r.description or r.name_en or "",
			"metadata": bool(asset_register(r.asset_doctype)),
			"type": "realtime",
			"keywords": ", ".join(filter(None, [r.name_en, r.kind])),
			"group": r.kind,
		}
		for r in rows
	]


ASSET_ATTRIBUTE = "asset_code"


def asset_register(asset_doctype: str | None) -> str | None:
	"""The register a service's reports are about (its asset_doctype), when its module is installed
	(hooks nonsaad_asset_registers)."""
	return asset_doctype if asset_doctype in register_doctypes() else None


def asset_register_of(service_code: str) -> str | None:
	return asset_register(frappe.db.get_value("Service Type", service_code, "asset_doctype"))


def service_definition(code: str) -> dict:
	public_service(code)
	attributes = []
	if asset_doctype := asset_register_of(code):
		attributes.append(
			{
				"variable": True,
				"code": ASSET_ATTRIBUTE,
				"datatype": "string",
				"required": False,
				"datatype_description": f"The code of the {register_label(asset_doctype)} as painted on it",
				"order": 1,
				"description": "รหัสทรัพย์สินที่พ่นไว้ (เช่น รหัสเสาไฟ) / Code painted on the asset",
			}
		)
	return {"service_code": code, "attributes": attributes}


def check_rate(client: str) -> None:
	"""An integrator may post at most its `requests_per_minute` (429 Too Many Requests beyond).

	Enforced in the database: the client's row is read FOR UPDATE, so parallel POSTs of one client queue
	on it and each sees the times of the posts before it (`recent_posts`, the last minute's); the count
	is committed at once, before the report is processed, so it counts every attempt and holds the lock
	only for a moment. Counting the client's requests instead would let parallel posts all read the same
	count (and would miss reports merged into an existing request).
	"""
	oc = frappe.qb.DocType("Open311 Client")
	row = (
		frappe.qb.from_(oc)
		.select(oc.requests_per_minute, oc.recent_posts)
		.where(oc.name == client)
		.for_update()
		.run(as_dict=True)
	)
	limit = (row[0].requests_per_minute if row else 0) or 60
	now = time.time()
	recent = [t for t in parse_times(row[0].recent_posts if row else "") if now - t < 60]
	if len(recent) >= limit:
		frappe.db.rollback()
		raise Open311Error(429, f"Too many requests: at most {limit} a minute for this api_key")
	recent.append(now)
	frappe.qb.update(oc).set(oc.recent_posts, " ".join(f"{t:.3f}" for t in recent)).where(
		oc.name == client
	).run()
	frappe.db.commit()


def parse_times(value: str | None) -> list[float]:
	times = []
	for part in (value or "").split():
		try:
			times.append(float(part))
		except ValueError:
			continue
	return times


def post_request(form: dict) -> list[dict]:
	client = client_for_key(form.get("api_key"))
	if not client:
		raise Open311Error(403, "Invalid or missing api_key (คีย์ไม่ถูกต้อง)")
	check_rate(client)
	code = (form.get("service_code") or "").strip()
	if not code:
		raise Open311Error(400, "service_code is required")
	public_service(code)
	asset_code = (form.get(f"attribute[{ASSET_ATTRIBUTE}]") or "").strip()
	asset_doctype = asset_register_of(code)
	if asset_code and not asset_doctype:
		raise Open311Error(400, f"service_code {code} takes no attribute[{ASSET_ATTRIBUTE}]")
	if form.get("lat") in (None, "") or form.get("long") in (None, ""):
		raise Open311Error(400, "lat and long are required (address_string alone is not enough here)")
	try:
		lat, lng = float(form["lat"]), float(form["long"])
	except (TypeError, ValueError):
		raise Open311Error(400, "lat and long must be decimal degrees") from None
	name = " ".join(filter(None, [form.get("first_name"), form.get("last_name")])).strip()
	values = {
		"service_type": code,
		"description": form.get("description"),
		"latitude": lat,
		"longitude": lng,
		"requester_name": name or None,
		"requester_phone": form.get("phone") or None,
		"channel": "Open311",
		"open311_client": client,
	}
	if asset_code:
		# the code painted on the asset is the register's code field (hooks nonsaad_asset_registers)
		values.update(
			{
				"asset_doctype": asset_doctype,
				"asset_name": asset_by_code(asset_doctype, asset_code) or asset_code,
			}
		)
	try:
		tracking, merged = submit_report(values)
	except frappe.ValidationError as e:
		frappe.db.rollback()
		raise Open311Error(400, strip_html(str(e)) or e.__class__.__name__) from None
	frappe.db.set_value("Open311 Client", client, "last_used", now_datetime(), update_modified=False)
	notice = (
		"Added to an open request about the same asset"
		if merged
		else f"Received by {municipality.name('en')}"
	)
	return [{"service_request_id": tracking, "service_notice": notice, "account_id": None}]


def requests(args: dict) -> list[dict]:
	sr, st = frappe.qb.DocType("Service Request"), frappe.qb.DocType("Service Type")
	query = (
		frappe.qb.from_(sr)
		.join(st)
		.on(st.name == sr.service_type)
		.select(*PUBLIC_COLUMNS(sr), st.about_people)
		.where(st.is_public == 1)
		# walk-in and phone requests only once the office has written their public description
		.where(sr.channel.isin(PUBLIC_CHANNELS) | (Coalesce(sr.public_description, "") != ""))
		.orderby(sr.submitted_on, order=frappe.qb.desc)
		.limit(MAX_RESULTS)
	)
	ids = [i.strip() for i in (args.get("service_request_id") or "").split(",") if i.strip()]
	if ids:
		query = query.where(sr.name.isin(ids[:MAX_RESULTS]))
	else:
		start = parse_iso(args.get("start_date"), "start_date")
		end = parse_iso(args.get("end_date"), "end_date")
		if not start:
			start = add_days(end or now_datetime(), -DEFAULT_DAYS)
		query = query.where(sr.submitted_on >= start)
		if end:
			query = query.where(sr.submitted_on <= end)
		codes = [c.strip() for c in (args.get("service_code") or "").split(",") if c.strip()]
		if codes:
			query = query.where(sr.service_type.isin(codes))
		status = (args.get("status") or "").strip().lower()
		if status:
			wanted = set(status.split(","))
			if not wanted <= {"open", "closed"}:
				raise Open311Error(400, "status must be open or closed")
			if wanted == {"open"}:
				query = query.where(sr.workflow_state.isin(OPEN_STATES))
			elif wanted == {"closed"}:
				query = query.where(sr.workflow_state.notin(OPEN_STATES))
	return [public_request(r) for r in query.run(as_dict=True)]


def request_by_id(request_id: str) -> list[dict]:
	found = requests({"service_request_id": request_id})
	if not found:
		raise Open311Error(404, f"No public request {request_id}")
	return found


# --- helpers -----------------------------------------------------------------------------------------------
def PUBLIC_COLUMNS(sr):
	return (
		sr.name,
		sr.workflow_state,
		sr.service_type,
		sr.service_name,
		sr.public_description,
		sr.submitted_on,
		sr.modified,
		sr.due_date,
		sr.latitude,
		sr.longitude,
		sr.village,
		sr.department,
	)


def department_name(department: str | None) -> str | None:
	return frappe.get_cached_value("Department", department, "department_name") if department else None


def public_service(code: str) -> None:
	if not frappe.db.get_value("Service Type", {"name": code, "is_public": 1}):
		raise Open311Error(404, f"Unknown service_code {code}")


def public_request(r) -> dict:
	settings = frappe.get_cached_doc("Smart Settings")
	is_open = r.workflow_state in OPEN_STATES
	return {
		"service_request_id": r.name,
		"status": "open" if is_open else "closed",
		"status_notes": state_label(r.workflow_state),
		"service_name": r.service_name,
		"service_code": r.service_type,
		"description": r.public_description or "",
		"agency_responsible": department_name(r.department) or settings.municipality_name_th,
		"service_notice": "",
		"requested_datetime": iso(r.submitted_on),
		"updated_datetime": iso(r.modified),
		"expected_datetime": iso(datetime.datetime.combine(getdate(r.due_date), datetime.time(16, 30)))
		if r.due_date
		else None,
		"address": frappe.db.get_value("Village", r.village, "village_name") if r.village else "",
		"address_id": r.village,
		"zipcode": settings.postcode,
		"lat": public_coordinate(r.latitude, r.about_people),
		"long": public_coordinate(r.longitude, r.about_people),
		"media_url": None,  # photos stay private (PDPA): faces, houses, number plates
	}


def public_coordinate(value, about_people) -> float | None:
	"""About 1 m for things (a pole, a drain); about 100 m for reports about people (noise, smoke…)."""
	if value is None:
		return None
	return round(float(value), PEOPLE_DECIMALS if about_people else THING_DECIMALS)


def iso(value) -> str | None:
	if not value:
		return None
	dt = get_datetime(value).replace(microsecond=0)
	return dt.replace(tzinfo=ZoneInfo(get_system_timezone())).isoformat()


def parse_iso(value, label: str):
	if not value:
		return None
	try:
		dt = datetime.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
	except ValueError:
		raise Open311Error(400, f"{label} must be ISO 8601, e.g. 2026-11-26T00:00:00+07:00") from None
	if dt.tzinfo:
		dt = dt.astimezone(ZoneInfo(get_system_timezone())).replace(tzinfo=None)
	return dt


def strip_html(text: str) -> str:
	return re.sub(r"<[^>]+>", "", text or "").strip()


# --- transport: clean paths (page renderer), JSON or XML -------------------------------------------------
ROUTES = [
	("GET", re.compile(r"services"), lambda m, form: services()),
	("GET", re.compile(r"services/([A-Za-z0-9_-]{1,20})"), lambda m, form: service_definition(m.group(1))),
	("POST", re.compile(r"requests"), lambda m, form: post_request(form)),
	("GET", re.compile(r"requests"), lambda m, form: requests(form)),
	("GET", re.compile(r"requests/([A-Za-z0-9_-]{1,20})"), lambda m, form: request_by_id(m.group(1))),
]
# XML element names of the spec: root and item per resource
XML_NAMES = {"services": ("services", "service"), "requests": ("service_requests", "request")}


def clean_args(form: dict) -> dict:
	"""Every argument as text: a list or object, a control character or a lone surrogate is a 400 (they
	would fail in the database otherwise)."""
	args = {}
	for key, value in form.items():
		if isinstance(value, bool) or not isinstance(value, str | int | float | type(None)):
			raise Open311Error(400, f"{str(key)[:40]} must be a single value")
		text = None if value is None else str(value)
		if text is not None and normalize_text(text) != text.strip():
			raise Open311Error(400, f"{str(key)[:40]} holds characters that are not allowed")
		args[key] = text
	return args


def dispatch(method: str, subpath: str, form: dict) -> tuple[int, object, str]:
	"""(HTTP status, payload, format) for a path below /open311/v2/."""
	resource, _dot, fmt = subpath.rpartition(".")
	try:
		form = clean_args(form)
		if fmt not in ("json", "xml"):
			raise Open311Error(404, "Unknown Open311 resource: use .json or .xml")
		for verb, pattern, handler in ROUTES:
			match = pattern.fullmatch(resource)
			if match and verb == method:
				return (201 if verb == "POST" else 200), handler(match, form), fmt
		if any(p.fullmatch(resource) for _v, p, _h in ROUTES):
			raise Open311Error(405, f"{method} is not supported here")
		raise Open311Error(404, "Unknown Open311 resource")
	except Open311Error as e:
		return e.code, [{"code": e.code, "description": e.description}], fmt if fmt == "xml" else "json"


def to_xml(resource: str, status: int, payload) -> str:
	from xml.sax.saxutils import escape

	def value(v):
		if v is None:
			return ""
		if isinstance(v, bool):
			return "true" if v else "false"
		return escape(str(v))

	def element(tag, v):
		if isinstance(v, list):
			return f"<{tag}>" + "".join(element("attribute", x) for x in v) + f"</{tag}>"
		if isinstance(v, dict):
			return f"<{tag}>" + "".join(element(k, x) for k, x in v.items()) + f"</{tag}>"
		return f"<{tag}>{value(v)}</{tag}>"

	if status >= 400:
		root, item = "errors", "error"
	elif isinstance(payload, dict):
		return '<?xml version="1.0" encoding="utf-8"?>' + element("service_definition", payload)
	else:
		root, item = XML_NAMES["services" if resource.startswith("services") else "requests"]
	body = "".join(element(item, row) for row in payload)
	return f'<?xml version="1.0" encoding="utf-8"?><{root}>{body}</{root}>'


class Open311Page(BaseRenderer):
	def can_render(self):
		return self.path.startswith(PREFIX)

	def render(self):
		form = {k: v for k, v in frappe.form_dict.items() if k not in ("cmd",)}
		subpath = self.path[len(PREFIX) :]
		status, payload, fmt = dispatch(frappe.request.method, subpath, form)
		if frappe.request.method == "POST":
			frappe.db.commit() if status < 400 else frappe.db.rollback()
		if fmt == "xml":
			body, mimetype = to_xml(subpath, status, payload), "application/xml"
		else:
			body, mimetype = json.dumps(payload, ensure_ascii=False, default=str), "application/json"
		return Response(
			body,
			status=status,
			mimetype=mimetype,
			headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "no-store"},
		)
