"""Issue 18: a generic fuzzer over every guest and website-user endpoint of the app.

Endpoints are found, not listed: the site's published Web Forms, every `allow_guest=True` method (the scan
of test_guest_surface_documented), every other whitelisted method a logged-in citizen (Website User) may
call, Open311 (`/open311/v2/…`, GET and POST with a real integrator key) and the app's `www/` pages (GET
with query strings and POST). Each gets ≥ 50 bad inputs: wrong types, missing and extra fields, oversized
values, unicode edge cases (zero-width, RTL override, lone surrogates, NUL), HTML/JS, SQL-looking strings,
coordinates out of the municipality / NaN / inf, Thai IDs with a wrong check digit, files of the wrong type.

Every case must be answered without a 500 and without a traceback; a refusal is a 4xx with a message; an
endpoint that writes (web forms, Open311 POST) must refuse every case; a read-only endpoint may answer
(the bad value matched nothing), and a page must not echo markup unescaped. The row counts of every app
DocType, File, Comment and Error Log are the same before and after each group of endpoints.
Totals are printed: tried, rejected, answered, wrote, 500s (wrote and 500s must be 0).
"""

import ast
import base64
import io
import json
import os
import random
import re
import secrets
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
import requests
from conftest import ROOT, SITE, Client, bench_execute, report_values

from security.test_guest_surface_documented import guest_methods

# `fuzz`: the fast set runs in bin/nonsaad test, the full one (NONSAAD_FUZZ=full) in bin/nonsaad reliability
pytestmark = [pytest.mark.fuzz]

APP = ROOT / "apps/nonsaad_smart/nonsaad_smart"
H = "nonsaad_smart.tests.reliability"
CITIZEN = "citizen@nonsaad.test"
WEB_FORM_ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
LONE_SURROGATE = "\ud800"  # sent as JSON "\ud800" or as the raw (invalid UTF-8) bytes ED A0 80

# -- bad values ------------------------------------------------------------------------------------
BAD_VALUES = [
	"",
	" ",
	"0",
	"-1",
	"1e309",
	"NaN",
	"nan",
	"Infinity",
	"-inf",
	"x" * 100_001,
	"ก" * 5000,
	"\u200b",
	"\u200b\u200c\u200d\ufeff",
	"\u202eSR-2569-00001",
	"abc\u202edcba",
	LONE_SURROGATE,
	"a" + LONE_SURROGATE + "b",
	"\x00",
	"SR\x00-2569",
	"\x1b[31m\x07",
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	'"><svg onload=alert(1)>',
	"javascript:alert(1)",
	"' OR '1'='1",
	"1; DROP TABLE `tabService Request`; --",
	"%' AND SLEEP(3) AND '%'='",
	"\\' UNION SELECT name, password FROM __Auth --",
	"../../../../etc/passwd",
	"{{ frappe.get_all('User') }}",
	"${7*7}",
	"1234567890123",  # a 13-digit national ID with a wrong check digit
	"1-1017-00001-23-0",
	"99999999999999999999999",
	"[]",
	"{}",
	'{"$gt": ""}',
	"null",
	"true",
	"\U0001f4a9" * 300,
	"e\u0301" * 50,
	"\r\n\r\nSet-Cookie: x=1",
]
BAD_COORDS = [
	"NaN",
	"inf",
	"-inf",
	"1e309",
	"91",
	"-91",
	"181",
	"0",
	"13.75",
	"100.5",
	"16.97x",
	"",
	"[16.97]",
]
WRONG_TYPES = [[], ["a", "b"], {"a": 1}, 12345, -1.5, True, None]


def data_url(mime: str, content: bytes) -> str:
	return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def bad_files() -> list[str]:
	from PIL import Image

	big = io.BytesIO()
	Image.new("RGB", (8, 8)).save(big, "PNG")
	png = big.getvalue()
	return [
		data_url("text/html", b"<script>alert(1)</script>"),
		data_url("image/jpeg", b"<script>alert(1)</script>"),
		data_url("image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
		data_url("application/pdf", b"%PDF-1.4\n%%EOF"),
		data_url("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),  # a PNG header and nothing else
		data_url("image/jpeg", b"\xff\xd8\xff\xe0" + b"MZ" + b"\x00" * 64),
		data_url("application/x-msdownload", b"MZ\x90\x00"),
		data_url("image/png", png + b"<?php system($_GET['c']); ?>")[:-1] + "!!",  # broken base64
		"data:image/png;base64," + "A" * (7 * 1024 * 1024),  # over 5 MB
		"/private/files/anything.jpg",
		"http://127.0.0.1:6379/",
		data_url("image/gif", b"GIF89a" + b"\x00" * 32),
	]


# "fast" (bin/nonsaad test): every bad value once per endpoint, the parameters taking turns (≈ 52 cases);
# "full" (bin/nonsaad reliability, NONSAAD_FUZZ=full): every bad value in every parameter
FULL = os.environ.get("NONSAAD_FUZZ", "fast") == "full"


def cases_for(params: list[str], n: int = 50) -> list[dict]:
	"""≥ n argument sets for an endpoint taking `params` (bad values per parameter, missing, extra)."""
	rng = random.Random(18)
	params = params or ["value"]
	out = [{}, {"unexpected": "1", "cmd": "frappe.client.get_list", "ignore_permissions": 1}]
	values = BAD_VALUES + [json.dumps(v) for v in WRONG_TYPES]
	if FULL:
		out += [{p: v} for p in params for v in values]
	else:
		out += [{params[i % len(params)]: v} for i, v in enumerate(values)]
	while len(out) < n:
		out.append({p: rng.choice(BAD_VALUES) for p in params})
	# every parameter bad at once, and all of them plus an extra field
	out.append({p: rng.choice(BAD_VALUES) for p in params} | {"extra_field": "<b>x</b>"})
	return out


def encode_form(values: dict) -> bytes:
	"""application/x-www-form-urlencoded, lone surrogates as the raw invalid UTF-8 they would be."""
	parts = []
	for k, v in values.items():
		raw = str(v).encode("utf-8", "surrogatepass")
		parts.append(f"{quote(k)}={quote(raw)}")
	return "&".join(parts).encode()


# -- outcome ---------------------------------------------------------------------------------------
class Totals:
	def __init__(self):
		self.tried = self.rejected = self.answered = self.server_errors = self.wrote = self.no_answer = 0
		self.problems: list[str] = []

	def add(self, where: str, case, r, *, writer: bool, page: bool = False):
		self.tried += 1
		text = r.text[:200_000]
		label = f"{where} {json.dumps(case, ensure_ascii=True)[:160]}"
		if isinstance(r, NoAnswer):
			self.no_answer += 1
			self.problems.append(f"{label}: no answer ({r.error})")
			return
		if r.status_code >= 500:
			self.server_errors += 1
			self.problems.append(f"{label}: HTTP {r.status_code} {text[:200]}")
			return
		if "Traceback (most recent call last)" in text or '"exc":' in text:
			self.problems.append(f"{label}: a traceback in the answer")
		if page:
			for marker in ("<script>alert(1)", "onerror=alert(1)", "<svg onload"):
				if marker in text and any(marker in str(v) for v in case.values()):
					self.problems.append(f"{label}: echoes {marker} unescaped")
		if 400 <= r.status_code < 500:
			self.rejected += 1
			if not page and not has_message(r):
				self.problems.append(f"{label}: HTTP {r.status_code} without a message")
			return
		self.answered += 1
		if writer:
			self.problems.append(f"{label}: accepted (HTTP {r.status_code}) {text[:200]}")


class FuzzClient(Client):
	"""A client that waits longer (a 7 MB photo on a busy machine)."""

	def request(self, method, url, *args, **kwargs):
		kwargs.setdefault("timeout", 180)
		return super().request(method, url, *args, **kwargs)


class NoAnswer:
	"""Stands for a request that got no answer (a timeout on a busy machine): reported, never a pass."""

	def __init__(self, error: str):
		self.status_code, self.text, self.error = 0, "", error


def has_message(r) -> bool:
	try:
		body = r.json()
	except ValueError:
		return bool(r.text.strip())
	if isinstance(body, list):  # Open311 errors: [{"code", "description"}]
		return bool(body and body[0].get("description"))
	messages = json.loads(body.get("_server_messages") or "[]")
	# "error": the LINE webhook's answers to LINE's servers ({"error": "missing X-Line-Signature"})
	return bool(
		messages
		or body.get("message")
		or body.get("exception")
		or body.get("description")
		or body.get("error")
	)


class RowCounter:
	"""Row counts of every app DocType, File, Comment and Error Log in ONE query (≈ 50 ms), so they are
	read before and after each endpoint's batch: the DocTypes come from the site once (a module that
	lands later is counted too), the counts straight from the test site's database."""

	def __init__(self):
		doctypes = json.loads(bench_execute(f"{H}.print_app_doctypes").strip().splitlines()[-1])
		self.tables = [d["name"] for d in doctypes if not d["issingle"]] + ["File", "Comment", "Error Log"]
		config = json.loads((ROOT / "sites" / SITE / "site_config.json").read_text())
		common = json.loads((ROOT / "sites/common_site_config.json").read_text())
		self.connect = dict(
			host=config.get("db_host") or common.get("db_host") or "127.0.0.1",
			port=int(config.get("db_port") or common.get("db_port") or 3306),
			user=config.get("db_user") or config["db_name"],
			password=config["db_password"],
			database=config["db_name"],
		)
		self.query = " UNION ALL ".join(f"SELECT %s, COUNT(*) FROM `tab{t}`" for t in self.tables)

		# Frappe writes the Error Log of a request's 500 later (deferred insert: a Redis list the scheduler
		# empties every few minutes), so a 500 showed as rows written by whichever batch ran at that moment
		# (the "wrote 1" of the first run): rows queued so (of any table counted) count as rows already
		import redis

		self.redis = redis.Redis.from_url(config.get("redis_cache") or common["redis_cache"])
		self.queues = [f"{config['db_name']}|insert_queue_for_{t}" for t in self.tables]

	def __call__(self) -> dict:
		import pymysql

		with pymysql.connect(**self.connect, autocommit=True) as db, db.cursor() as cur:
			cur.execute(self.query, self.tables)
			counts = dict(cur.fetchall())
		pipe = self.redis.pipeline()
		for queue in self.queues:
			pipe.llen(queue)
		for table, queued in zip(self.tables, pipe.execute(), strict=True):
			counts[table] += queued
		return counts


@pytest.fixture(scope="module")
def counts():
	return RowCounter()


def ip() -> str:
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def with_csrf(client: Client) -> Client:
	token = re.search(r'frappe.csrf_token = "([^"]+)"', client.get("/request-status").text)
	if token and token.group(1) != "None":
		client.headers["X-Frappe-CSRF-Token"] = token.group(1)
	return client


# -- endpoints -------------------------------------------------------------------------------------
def method_params(dotted: str) -> list[str]:
	module, fn = dotted.rsplit(".", 1)
	path = ROOT / "apps/nonsaad_smart" / (module.replace(".", "/") + ".py")
	for node in ast.walk(ast.parse(path.read_text())):
		if isinstance(node, ast.FunctionDef) and node.name == fn:
			return [a.arg for a in node.args.args + node.args.kwonlyargs if a.arg not in ("self",)]
	return []


def whitelisted_methods() -> list[str]:
	found = []
	for path in APP.rglob("*.py"):
		if "test" in path.name:
			continue
		text = path.read_text()
		for match in re.finditer(r"@frappe\.whitelist\(([^)]*)\)\n(?:@.*\n)*def (\w+)", text):
			if "allow_guest=True" in match.group(1):
				continue
			module = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
			found.append(f"{module}.{match.group(2)}")
	return sorted(found)


def run_jobs(jobs):
	"""jobs: (where, case, callable, writer, page); run 6 at a time; yields (job, response)."""

	def one(job):
		try:
			try:
				return job, job[2]()
			except requests.ConnectionError:
				# a kept-alive connection the server closed while idle (gunicorn's keep-alive is 2 s; a
				# loaded machine loses that race): sent once more on a new connection
				return job, job[2]()
		except requests.RequestException as e:  # no answer (in time): reported with its case
			return job, NoAnswer(type(e).__name__)

	with ThreadPoolExecutor(max_workers=6) as pool:
		yield from pool.map(one, jobs)


def run_cases(totals: Totals, jobs, counts):
	"""Each endpoint's batch (jobs with the same `where`) between two row counts; a batch that changed
	them is bisected: its cases are sent again one by one, a count after each, to name the case."""
	batches: dict[str, list] = {}
	for job in jobs:
		batches.setdefault(job[0], []).append(job)
	for where, batch in batches.items():
		before = counts()
		for (_, case, _call, writer, page), r in run_jobs(batch):
			totals.add(where, case, r, writer=writer, page=page)
		after = counts()
		if after == before:
			continue
		totals.wrote += 1
		totals.problems.append(f"{where}: rows changed {diff(before, after)}")
		for _, case, call, _writer, _page in batch:
			one_before = counts()
			try:
				call()
			except requests.RequestException:
				pass
			one_after = counts()
			if one_after != one_before:
				label = json.dumps(case, ensure_ascii=True)[:160]
				totals.problems.append(f"{where} {label}: wrote {diff(one_before, one_after)}")


def diff(before: dict, after: dict) -> dict:
	return {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}


@pytest.fixture(scope="module")
def totals():
	t = Totals()
	yield t
	# every problem, whole, for a look after the run (the assertions show three per endpoint)
	(ROOT / "logs").mkdir(exist_ok=True)
	(ROOT / "logs" / f"fuzz-problems-{SITE}.txt").write_text("\n".join(t.problems) + "\n")
	print(
		f"\nfuzz totals: tried {t.tried}, rejected {t.rejected}, answered {t.answered} (read-only, nothing "
		f"written), wrote {t.wrote}, 500s {t.server_errors}, no answer {t.no_answer}"
	)


def check_group(totals: Totals, name: str):
	"""The group's problems: how many per endpoint, and the first three of each."""
	problems = [p for p in totals.problems if p.startswith(name)]
	by_endpoint: dict[str, list[str]] = {}
	for p in problems:
		by_endpoint.setdefault(re.split(r" [{:]", p, maxsplit=1)[0], []).append(p)
	assert not problems, "\n".join(
		f"{where}: {len(ps)} problem(s)\n  " + "\n  ".join(ps[:3]) for where, ps in by_endpoint.items()
	)


def report_cases() -> list[dict]:
	"""Bad citizen reports: each is invalid by the form's contract (README "Guest surface")."""
	cases = []
	for v in BAD_VALUES + [json.dumps(t) for t in WRONG_TYPES]:
		cases.append(report_values(service_type=v))
	for v in BAD_COORDS:
		cases.append(report_values(latitude=v))
		cases.append(report_values(longitude=v))
	for v in (float("nan"), float("inf"), -float("inf"), 1e308, 91, -181, [16.9, 102.2], {"lat": 1}):
		cases.append({"__raw_latitude__": v})
	for v in (
		"",
		"12",
		"08123456789012",
		"abcdefghij",
		"0812345678\x00",
		"+66 81 234",
		"<b>081</b>",
		"1234567890123",
	):
		cases.append(report_values(requester_phone=v))
	for v in (
		"",
		"\u200b\u200b",
		"\x00",
		"<script>alert(1)</script>",
		"x" * 2001,
		"<img src=x onerror=alert(1)>",
		"javascript:alert(1)",
		"ok <a href='x'>link</a>",
		[1, 2],
		{"a": 1},
	):
		cases.append(report_values(description=v))
	for v in ("", "\u202e", "x" * 141, "<svg onload=alert(1)>", ["a"], "\ufeff\u200b"):
		cases.append(report_values(requester_name=v))
	for f in bad_files():
		cases.append(report_values(photo=f))
	# missing fields, with extra fields that try to set what only the office sets
	for missing in ("service_type", "description", "latitude", "requester_phone"):
		values = report_values(workflow_state="Resolved", docstatus=1, owner="Administrator", requester="x")
		values.pop(missing)
		cases.append(values)
	cases.append(report_values(name="SR-2569-00001"))  # an update of an existing request
	cases.append(report_values(asset_doctype="User", asset_name="Administrator"))
	cases.append(report_values(asset_doctype="Street Light Pole", asset_name="' OR 1=1 --"))
	return cases


def test_web_forms(admin, totals, counts):
	"""Every published web form: the report form's contract, and generic bad data for any other form."""
	guest = FuzzClient()
	forms = admin.get(
		"/api/resource/Web Form",
		params={"filters": '[["published", "=", 1]]', "fields": '["name", "route"]', "limit_page_length": 0},
	).json()["data"]
	assert forms
	jobs = []
	for form in forms:
		if form["name"] == "report":
			cases = report_cases()
		else:
			fields = [
				f["fieldname"]
				for f in admin.get(f"/api/resource/Web Form/{form['name']}").json()["data"]["web_form_fields"]
				if f.get("fieldname")
			]
			cases = cases_for(fields)
		cases += ["not json", "[]", '"a string"', json.dumps([report_values()]), "{" * 5000]
		assert len(cases) >= 50, (form["name"], len(cases))
		for case in cases:
			if isinstance(case, dict) and "__raw_latitude__" in case:
				body = json.dumps(report_values(latitude=case["__raw_latitude__"]))  # NaN/Infinity as JSON
			else:
				body = json.dumps(case) if isinstance(case, dict) else case
			data = encode_form({"web_form": form["name"], "data": body})
			jobs.append(
				(
					f"web form {form['name']}",
					{"data": body[:120]},
					lambda data=data: guest.post(
						WEB_FORM_ACCEPT,
						data=data,
						headers={
							"X-Forwarded-For": ip(),
							"Content-Type": "application/x-www-form-urlencoded",
						},
					),
					True,
					False,
				)
			)
	run_cases(totals, jobs, counts)
	check_group(totals, "web form")


def test_guest_methods(totals, counts):
	"""Every allow_guest method, as a guest, GET and POST."""
	jobs = []
	for method in guest_methods():
		if method.endswith(".accept"):  # the web form endpoint: test_web_forms
			continue
		guest = FuzzClient()
		for case in cases_for(method_params(method)):
			verb = "get" if len(jobs) % 2 else "post"
			data = encode_form(case)
			url = f"/api/method/{method}"
			call = (
				(
					lambda url=url, data=data: guest.get(
						url + "?" + data.decode(), headers={"X-Forwarded-For": ip()}
					)
				)
				if verb == "get"
				else (
					lambda url=url, data=data: guest.post(
						url,
						data=data,
						headers={
							"X-Forwarded-For": ip(),
							"Content-Type": "application/x-www-form-urlencoded",
						},
					)
				)
			)
			jobs.append((f"guest method {method}", case, call, False, False))
	run_cases(totals, jobs, counts)
	check_group(totals, "guest method")


def test_website_user_methods(login, totals, counts):
	"""Every other whitelisted method of the app a logged-in citizen may call (the others answer 403)."""
	citizen = with_csrf(FuzzClient().login(CITIZEN))
	open_methods = []
	before = counts()
	for method in whitelisted_methods():
		r = citizen.post(f"/api/method/{method}", data={})
		totals.add(f"website-user method {method} (empty call)", {}, r, writer=False)
		if r.status_code != 403:
			open_methods.append(method)
	if counts() != before:
		totals.wrote += 1
		totals.problems.append(f"website-user method (empty calls): rows changed {diff(before, counts())}")
	jobs = []
	for method in open_methods:
		for case in cases_for(method_params(method)):
			data = encode_form(case)
			jobs.append(
				(
					f"website-user method {method}",
					case,
					lambda method=method, data=data: citizen.post(
						f"/api/method/{method}",
						data=data,
						headers={"Content-Type": "application/x-www-form-urlencoded"},
					),
					False,
					False,
				)
			)
	print(f"website-user methods open to a citizen: {open_methods}")
	run_cases(totals, jobs, counts)
	check_group(totals, "website-user method")


@pytest.fixture(scope="module")
def open311_key(admin):
	key = secrets.token_urlsafe(24)
	r = with_csrf(admin).post(
		"/api/resource/Open311 Client",
		json={
			"client_name": f"Fuzz integrator {uuid.uuid4().hex[:6]}",
			"api_key": key,
			"requests_per_minute": 100000,
		},
	)
	assert r.status_code == 200, r.text[:300]
	return key


def test_open311(open311_key, totals, counts):
	guest = FuzzClient()
	jobs = []
	position = {"lat": "16.975", "long": "102.30", "service_code": "DRAIN", "description": "ท่ออุดตัน"}
	params = [
		"service_code",
		"lat",
		"long",
		"description",
		"first_name",
		"last_name",
		"phone",
		"attribute[asset_code]",
		"media_url",
	]
	for case in cases_for(params):
		form = {**position, "api_key": open311_key, **case}
		if case and not any(k in params for k in case):
			form["lat"] = "NaN"  # extra fields only: still a bad report
		if case in ({},):
			form = {"api_key": open311_key}
		if any(k in ("description", "first_name", "last_name", "phone", "media_url") for k in case):
			# free text or optional: "-1", "${7*7}" or 300 emoji are a valid description (a 201, a row);
			# make the report itself invalid too
			form["long"] = "inf"
		data = encode_form(form)
		jobs.append(
			(
				"open311 POST requests.json",
				case,
				lambda data=data: guest.post(
					"/open311/v2/requests.json",
					data=data,
					headers={"Content-Type": "application/x-www-form-urlencoded"},
				),
				True,
				False,
			)
		)
	for key in ("", "x", "' OR 1=1 --", "\x00", LONE_SURROGATE, open311_key + "x", "a" * 10000):
		data = encode_form({**position, "api_key": key})
		jobs.append(
			(
				"open311 POST bad key",
				{"api_key": key[:20]},
				lambda data=data: guest.post(
					"/open311/v2/requests.json",
					data=data,
					headers={"Content-Type": "application/x-www-form-urlencoded"},
				),
				True,
				False,
			)
		)
	for path, ps in (
		(
			"/open311/v2/requests.json",
			["service_request_id", "service_code", "status", "start_date", "end_date"],
		),
		("/open311/v2/services.json", ["jurisdiction_id"]),
	):
		for case in cases_for(ps):
			q = encode_form(case).decode()
			jobs.append(
				(f"open311 GET {path}", case, lambda path=path, q=q: guest.get(f"{path}?{q}"), False, False)
			)
	for v in BAD_VALUES[:50]:
		jobs.append(
			(
				"open311 GET requests/<id>",
				{"id": v[:40]},
				lambda v=v: guest.get(
					f"/open311/v2/requests/{quote(v[:2000].encode('utf-8', 'surrogatepass'))}.json"
				),
				False,
				False,
			)
		)
	run_cases(totals, jobs, counts)
	check_group(totals, "open311")


def test_www_pages(totals, counts):
	"""The app's www pages as a guest and as a citizen: query strings and POST bodies of bad values."""
	guest = FuzzClient()
	citizen = with_csrf(FuzzClient().login(CITIZEN))
	pages = [
		*sorted(p.stem for p in (APP / "www").glob("*.html")),
		"report/new",
		"pole/" + quote("<script>alert(1)</script>"),
	]
	jobs = []
	cases = cases_for(["tracking_number", "asset_doctype", "asset_name", "phone_last4", "code"])
	for page in pages:
		for who, client in (("guest", guest), ("citizen", citizen)):
			for n, case in enumerate(cases):
				# the fast set: each case once per page, guest and citizen taking turns (GET, POST, each)
				if not FULL and (n // 2) % 2 != (who == "citizen"):
					continue
				q = encode_form(case)
				if n % 2:

					def call(page=page, q=q, client=client):
						return client.get(f"/{page}?{q.decode()}", allow_redirects=False)
				else:

					def call(page=page, q=q, client=client):
						return client.post(
							f"/{page}",
							data=q,
							allow_redirects=False,
							headers={"Content-Type": "application/x-www-form-urlencoded"},
						)

				jobs.append((f"www /{page} ({who})", case, call, False, True))
	run_cases(totals, jobs, counts)
	check_group(totals, "www")


def test_totals(totals):
	"""Runs last in this file: nothing written, no 500s, nothing else wrong."""
	assert totals.tried >= 50
	assert totals.wrote == 0 and totals.server_errors == 0, "\n".join(totals.problems[:80])
	assert not totals.problems, "\n".join(totals.problems[:80])
