"""End-to-end tests against the running server (bin/nonsaad test starts it and restores the test site).

Every request goes over real HTTP to gunicorn on 127.0.0.1; the site is chosen by the Host header.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
SITE = os.environ.get("NONSAAD_TEST_SITE", "test.nonsaad.localhost")
PORT = os.environ.get("NONSAAD_TEST_PORT", "8001")
BASE_URL = f"http://{SITE}:{PORT}"
DEMO_PASSWORD = "Nonsaad@2569"


def pytest_configure(config):
	config.addinivalue_line(
		"markers", "benchmark: prints performance figures; run with bin/nonsaad benchmark"
	)
	config.addinivalue_line("markers", "browser: drives Debian chromium through Playwright")
	config.addinivalue_line(
		"markers",
		"reliability: the long reliability runs (backup and restore, …); bin/nonsaad reliability",
	)
	config.addinivalue_line(
		"markers",
		"fuzz: the fuzzer; its fast case set runs in bin/nonsaad test, the full one (NONSAAD_FUZZ=full) in "
		"bin/nonsaad reliability",
	)


class Client(requests.Session):
	"""A requests session bound to the test site."""

	def __init__(self):
		super().__init__()
		self.headers.update({"Accept": "application/json"})

	def request(self, method, url, *args, **kwargs):
		if url.startswith("/"):
			url = BASE_URL + url
		kwargs.setdefault("timeout", 60)
		return super().request(method, url, *args, **kwargs)

	def login(self, user: str, password: str = DEMO_PASSWORD) -> "Client":
		r = self.post("/api/method/login", data={"usr": user, "pwd": password})
		assert r.status_code == 200, r.text
		return self


# the citizen report form ("report") goes through Frappe's web-form endpoint (overridden by the app)
WEB_FORM_ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"


def report_values(**values) -> dict:
	"""A valid guest report for the web form "report"; `values` replace or add fields."""
	data = {
		"service_type": "DRAIN",
		"description": "ท่อระบายน้ำอุดตัน",
		"latitude": 16.97,
		"longitude": 102.29,
		"requester_name": "นายทดสอบ ความปลอดภัย",
		"requester_phone": "0812345678",
	}
	data.update(values)
	return data


def post_report(client: Client, data: dict, ip: str):
	"""Submit `data` through the web form "report" as a citizen at address `ip` (rate limits are per IP)."""
	return client.post(
		WEB_FORM_ACCEPT,
		data={"web_form": "report", "data": json.dumps(data)},
		headers={"X-Forwarded-For": ip},
	)


def fake_ip() -> str:
	"""A client address of its own (rate limits are per address), sent as X-Forwarded-For."""
	import uuid

	n = uuid.uuid4().int
	return f"10.{n % 200 + 50}.{n // 200 % 250}.{n // 50000 % 250 + 1}"


def jpeg(size=(40, 30)) -> bytes:
	"""A small real JPEG photo."""
	import io

	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", size, (10, 120, 200)).save(buffer, "JPEG")
	return buffer.getvalue()


def file_value(content: bytes, name="photo.jpg", mime="image/jpeg") -> str:
	"""A file as a web form sends it: "<name>,data:<mime>;base64,<content>"."""
	import base64

	return f"{name},data:{mime};base64,{base64.b64encode(content).decode()}"


def bad_photos() -> dict[str, str]:
	"""Photos every citizen form refuses (InvalidPhotoError): the wrong type, a lying name, too big."""
	return {
		"pdf as photo": file_value(b"%PDF-1.4\n%fake", "doc.pdf", "application/pdf"),
		"svg as photo": file_value(b"<svg onload='alert(1)'/>", "x.svg", "image/svg+xml"),
		"exe named .jpg": file_value(b"MZ\x90\x00" + b"\x00" * 500, "photo.jpg"),
		"huge photo": file_value(b"\xff\xd8\xff\xe0" + b"\x00" * (6 * 1024 * 1024), "big.jpg"),
	}


def row_counts(admin, *doctypes) -> tuple:
	"""Row counts of `doctypes` and then of File, read over HTTP as `admin` (nothing written: equal)."""

	def get(doctype):
		return admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype}).json()["message"]

	return tuple(get(d) for d in (*doctypes, "File"))


def error_of(response) -> tuple[str, str]:
	"""(exception class, the messages the user reads) of a refused request (tracebacks are off)."""
	body = response.json()
	messages = " ".join(
		json.loads(m).get("message", "") for m in json.loads(body.get("_server_messages") or "[]")
	)
	return body.get("exc_type", ""), messages


@pytest.fixture(scope="session")
def base_url():
	return BASE_URL


@pytest.fixture
def guest():
	return Client()


@pytest.fixture(scope="session")
def login():
	"""login("frontdesk") -> a session of the demo user frontdesk@nonsaad.test."""
	sessions = {}

	def _login(key: str) -> Client:
		if key not in sessions:
			user = key if ("@" in key or key == "Administrator") else f"{key}@nonsaad.test"
			password = (
				os.environ.get("NONSAAD_ADMIN_PASSWORD", "admin") if key == "Administrator" else DEMO_PASSWORD
			)
			sessions[key] = Client().login(user, password)
		return sessions[key]

	return _login


def bench_execute(method: str, *args, site: str = SITE) -> str:
	"""Run a whitelisted-free server function on the test site, or on `site` (for counting rows without
	HTTP)."""
	cmd = [
		str(ROOT / "env/bin/python"),
		"-m",
		"frappe.utils.bench_helper",
		"frappe",
		"--site",
		site,
		"execute",
		method,
	]
	if args:
		cmd += ["--args", repr(list(args))]
	out = subprocess.run(cmd, cwd=ROOT / "sites", capture_output=True, text=True, check=True)
	return out.stdout.strip()


def demo_citizen(client: "Client", user: str = "citizen@nonsaad.test") -> str:
	"""The Citizen record of the demo website user: its name comes from the naming counter, never assumed."""
	r = client.get(
		"/api/resource/Citizen",
		params={"filters": json.dumps({"user": user}), "fields": json.dumps(["name"])},
	)
	assert r.status_code == 200, r.text
	rows = r.json()["data"]
	assert rows, f"no Citizen is linked to {user}"
	return rows[0]["name"]


@pytest.fixture(scope="session")
def admin(login):
	return login("Administrator")


# --- real browser (Playwright on Debian's chromium, no download): one per test session ----------------
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture
def page(browser):
	context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
	page = context.new_page()
	yield page
	context.close()


@pytest.fixture(scope="session")
def demo_check(admin):
	"""The demo's stock check in progress (FY 2569) – the committee's scanning tests work on it."""
	r = admin.get(
		"/api/resource/Asset Stock Check",
		params={
			"filters": json.dumps({"fiscal_year": 2569, "workflow_state": "Checking"}),
			"fields": '["name"]',
		},
	)
	assert r.status_code == 200, r.text
	assert r.json()["data"], "the demo stock check in progress is missing"
	return r.json()["data"][0]["name"]
