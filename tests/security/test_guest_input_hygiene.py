"""Every guest endpoint answers bad input with a 4xx and a message, never a 500 or a traceback, and writes
nothing (issue 9 item 12; tracebacks are off: setup/install.py setup_error_tracebacks).

The inputs are the ones the black-box test found giving HTTP 500: non-JSON `data`, a list or object
where text belongs, an integer phone, a lone surrogate, NaN/infinite numbers, missing arguments, a
Single DocType over REST – on the report form, /request-status, Open311, the map layers and the pole page.
"""

import json
import secrets
import uuid

import pytest
from conftest import WEB_FORM_ACCEPT, Client, report_values

STATUS = "/api/method/nonsaad_smart.e_smart_service.api.request_status"
LAYER = "/api/method/nonsaad_smart.smart_core.gis.get_layer"
OPEN311 = "/open311/v2"
LONE_SURROGATE = "\ud800"


def raw_json(value) -> str:
	"""JSON text as a client may send it: NaN/Infinity and lone surrogates included."""
	return json.dumps(value, allow_nan=True)


def form(data) -> dict:
	return {"data": {"web_form": "report", "data": data if isinstance(data, str) else raw_json(data)}}


def good(**values):
	return report_values(**values)


CASES = {
	# the report web form (frappe.website.doctype.web_form.web_form.accept, overridden by the app)
	"form: data not JSON": ("POST", WEB_FORM_ACCEPT, form("{not json")),
	"form: data a list": ("POST", WEB_FORM_ACCEPT, form([1, 2])),
	"form: data a number": ("POST", WEB_FORM_ACCEPT, form("42")),
	"form: data missing": ("POST", WEB_FORM_ACCEPT, {"data": {"web_form": "report"}}),
	"form: web_form missing": ("POST", WEB_FORM_ACCEPT, {"data": {"data": raw_json(good())}}),
	"form: description a list": ("POST", WEB_FORM_ACCEPT, form(good(description=["ท่อ", "ตัน"]))),
	"form: description an object": ("POST", WEB_FORM_ACCEPT, form(good(description={"a": 1}))),
	"form: name a list": ("POST", WEB_FORM_ACCEPT, form(good(requester_name=["x"]))),
	"form: phone an integer": ("POST", WEB_FORM_ACCEPT, form(good(requester_phone=812345678))),
	"form: phone a boolean": ("POST", WEB_FORM_ACCEPT, form(good(requester_phone=True))),
	"form: description a lone surrogate": ("POST", WEB_FORM_ACCEPT, form(good(description=LONE_SURROGATE))),
	"form: latitude NaN": ("POST", WEB_FORM_ACCEPT, form(good(latitude=float("nan")))),
	"form: longitude infinite": ("POST", WEB_FORM_ACCEPT, form(good(longitude=float("inf")))),
	"form: latitude a list": ("POST", WEB_FORM_ACCEPT, form(good(latitude=[16.9]))),
	"form: service type an object": ("POST", WEB_FORM_ACCEPT, form(good(service_type={"x": 1}))),
	"form: photo a list": ("POST", WEB_FORM_ACCEPT, form(good(photo=["a.jpg"]))),
	# /request-status
	"status: no arguments": ("POST", STATUS, {"data": {}}),
	"status: digits missing": ("POST", STATUS, {"data": {"tracking_number": "SR-2570-00001"}}),
	"status: number a list": ("POST", STATUS, {"json": {"tracking_number": ["a"], "phone_last4": "1234"}}),
	"status: lone surrogate": (
		"POST",
		STATUS,
		{"json_text": raw_json({"tracking_number": LONE_SURROGATE, "phone_last4": "1234"})},
	),
	"status: NUL in number": ("POST", STATUS, {"data": {"tracking_number": "SR-\x00-1", "phone_last4": "1"}}),
	# map layers
	"layer: no layer": ("GET", LAYER, {}),
	"layer: unknown layer": ("GET", LAYER, {"params": {"layer": "no_such_layer"}}),
	"layer: bbox NaN": ("GET", LAYER, {"params": {"layer": "street_lights", "bbox": "nan,nan,nan,nan"}}),
	"layer: bbox infinite": ("GET", LAYER, {"params": {"layer": "villages", "bbox": "-inf,-inf,inf,inf"}}),
	"layer: bbox text": ("GET", LAYER, {"params": {"layer": "villages", "bbox": "a,b,c,d"}}),
	"layer: bbox three numbers": ("GET", LAYER, {"params": {"layer": "villages", "bbox": "1,2,3"}}),
	"layer: bbox a list": ("POST", LAYER, {"json": {"layer": "villages", "bbox": [1, 2, 3, 4]}}),
	# REST on a Single DocType
	"rest: single doctype list": ("GET", "/api/resource/Smart Settings", {}),
	"rest v2: single doctype list": ("GET", "/api/v2/document/Smart Settings", {}),
	# Open311
	"open311: post without api_key": (
		"POST",
		f"{OPEN311}/requests.json",
		{"data": {"service_code": "WASTE"}},
	),
	"open311: service_code a list": ("POST", f"{OPEN311}/requests.json", {"json": {"service_code": ["W"]}}),
	"open311: bad start_date": ("GET", f"{OPEN311}/requests.json", {"params": {"start_date": "yesterday"}}),
	"open311: bad status": ("GET", f"{OPEN311}/requests.json", {"params": {"status": "pending"}}),
	"open311: id with NUL": ("GET", f"{OPEN311}/requests.json", {"params": {"service_request_id": "SR\x00"}}),
	"open311: unknown service": ("GET", f"{OPEN311}/services/NOPE.json", {}),
	"open311: unknown format": ("GET", f"{OPEN311}/services.csv", {}),
	"open311: unknown request": ("GET", f"{OPEN311}/requests/SR-2570-99999.json", {}),
	# the pole page
	"pole: unknown code": ("GET", "/pole/NSA-99-9999", {}),
	"pole: markup as code": ("GET", "/pole/%3Cscript%3E", {}),
	"pole: NUL as code": ("GET", "/pole/%00", {}),
}
# Open311 POSTs with a valid key and a bad body (the key is made by the fixture below)
KEYED = {
	"open311: lat NaN": {"service_code": "WASTE", "description": "x", "lat": "nan", "long": "102.3"},
	"open311: long infinite": {"service_code": "WASTE", "description": "x", "lat": "16.97", "long": "inf"},
	"open311: lat missing": {"service_code": "WASTE", "description": "x"},
	"open311: description a lone surrogate": {
		"service_code": "WASTE",
		"description": LONE_SURROGATE,
		"lat": "16.975",
		"long": "102.30",
	},
	"open311: phone an object": {"service_code": "WASTE", "description": "x", "phone": {"a": 1}},
}


@pytest.fixture(scope="module")
def api_key(admin):
	key = secrets.token_urlsafe(24)
	r = admin.post(
		"/api/resource/Open311 Client",
		json={"client_name": f"Hygiene integrator {uuid.uuid4().hex[:6]}", "api_key": key},
	)
	assert r.status_code == 200, r.text
	return key


def written(admin) -> tuple:
	def count(doctype):
		return admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype}).json()["message"]

	return count("Service Request"), count("Service Request Report"), count("File")


def send(method: str, path: str, spec: dict):
	spec = dict(spec)
	n = uuid.uuid4().int
	headers = {"X-Forwarded-For": f"10.{n % 200 + 50}.{n // 200 % 250}.{n // 50000 % 250 + 1}"}
	if "json_text" in spec:
		headers["Content-Type"] = "application/json"
		spec["data"] = spec.pop("json_text").encode()
	return Client().request(method, path, headers=headers, **spec)


def assert_clean_4xx(r, case):
	assert 400 <= r.status_code < 500, (case, r.status_code, r.text[:300])
	body = r.text
	assert "Traceback" not in body and 'File "' not in body, (case, body[:300])
	if r.headers.get("Content-Type", "").startswith("application/json"):
		data = r.json()
		if isinstance(data, dict):
			assert "exc" not in data and "exception" not in data, (case, body[:300])
			assert data.get("_server_messages") or data.get("message") or data.get("errors"), (
				case,
				body[:300],
			)
		else:  # Open311: [{"code": 400, "description": "..."}]
			assert data and data[0].get("description"), (case, body[:300])
	else:
		assert len(body) > 0, case


@pytest.mark.parametrize("case", list(CASES))
def test_bad_guest_input_is_a_clean_4xx_and_writes_nothing(admin, case):
	method, path, spec = CASES[case]
	before = written(admin)
	assert_clean_4xx(send(method, path, spec), case)
	assert written(admin) == before, case


@pytest.mark.parametrize("case", list(KEYED))
def test_bad_open311_body_is_a_clean_4xx_and_writes_nothing(admin, api_key, case):
	before = written(admin)
	body = {"api_key": api_key, **KEYED[case]}
	if any(isinstance(v, dict | list) for v in body.values()) or any(
		LONE_SURROGATE in str(v) for v in body.values()
	):
		r = send("POST", f"{OPEN311}/requests.json", {"json_text": raw_json(body)})
	else:
		r = send("POST", f"{OPEN311}/requests.json", {"data": body})
	assert_clean_4xx(r, case)
	assert written(admin) == before, case


def test_tracebacks_are_off_for_guests(admin):
	settings = admin.get("/api/resource/System Settings/System Settings").json()["data"]
	assert settings["allow_error_traceback"] == 0
