"""Issue 18: the permission matrix as data (`<module>/permission_matrix.json`), tried over HTTP.

For every role of the app a demo user (or, where none holds the role alone, a user made here with just
that role) logs in, and every right is tried on every DocType of the app as the site has it (so a module
that lands later is covered without new test code):

| right  | paths tried                                                                                  |
|--------|----------------------------------------------------------------------------------------------|
| read   | REST list + document, `frappe.client.get_list` / `get` / `get_count`, `reportview.get`      |
| write  | REST PUT and `frappe.client.set_value` with a stale `modified` (permitted: a timestamp error) |
| create | REST POST and `frappe.client.insert` of an empty document (permitted: a validation error)   |
| delete | REST DELETE of a probe copy (submittable: a submitted copy, which cannot go)                |
| submit | `frappe.client.submit` of a draft probe copy whose other links point nowhere                |
| cancel | `frappe.client.cancel` of a submitted probe copy                                              |
| export | `reportview.export_query` (CSV)                                                               |
| print  | `/printview` (Frappe 15 prints for every reader: `printview.validate_print_permission`)      |
| report | `query_report.run` of a Report Builder report on the DocType                                  |

A right beyond the file, and a right in the file that is refused, both fail. "Refused" is Frappe's
`PermissionError` (403); any other answer (a validation or timestamp error) means the permission check
passed. Probe copies are written without controllers (`nonsaad_smart/tests/reliability.py`) and removed.
Row rules (`rows` other than "all") are tried across two users of the same role: the demo user and a new
user with the same roles and no records of their own.
"""

import json
import os
import re
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import DEMO_PASSWORD, ROOT, Client, bench_execute

APP = ROOT / "apps/nonsaad_smart/nonsaad_smart"
RIGHTS = ["read", "write", "create", "delete", "submit", "cancel", "export", "print", "report"]
STALE = "2000-01-01 00:00:00.000000"
ADMIN_ROLES = {"System Manager", "Administrator"}
H = "nonsaad_smart.tests.reliability"
# parallel sessions against the test server's gunicorn (2 workers x 4 threads)
THREADS = int(os.environ.get("NONSAAD_MATRIX_THREADS", "8"))


def load_matrix() -> tuple[dict, dict, dict]:
	"""(DocType -> {role: entry}, child DocType -> parents, DocType -> file) over every module's file."""
	doctypes, children, files = {}, {}, {}
	for path in sorted(APP.glob("*/permission_matrix.json")):
		data = json.loads(path.read_text())
		for dt, roles in data["doctypes"].items():
			assert dt not in doctypes, f"{dt} is in {files[dt]} and {path}"
			doctypes[dt], files[dt] = roles, path
		children.update(data.get("child_tables", {}))
	return doctypes, children, files


MATRIX, CHILDREN, FILES = load_matrix()


def execute(method: str, *args) -> str:
	"""bench_execute, with the server's error in the failure."""
	try:
		return bench_execute(method, *args)
	except subprocess.CalledProcessError as e:
		raise AssertionError(f"{method} failed: {e.stderr[-3000:]}") from None


def execute_with_file(method: str, data) -> str:
	"""bench_execute of a helper that reads its (large) argument from a JSON file."""
	with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
		json.dump(data, f)
	try:
		return last_json(execute(method, f.name))
	finally:
		os.unlink(f.name)


def last_json(out: str):
	return json.loads(out.strip().splitlines()[-1])


def with_csrf(client: Client) -> Client:
	"""A session's CSRF token (a website user's session has one at once): sent on every write."""
	token = re.search(r'frappe.csrf_token = "([^"]+)"', client.get("/request-status").text)
	if token and token.group(1) != "None":
		client.headers["X-Frappe-CSRF-Token"] = token.group(1)
	return client


def denied(r) -> bool:
	"""Frappe refused on permissions (not on validation, a timestamp or a missing record).

	A record the user may not read answers 403 over `/api/resource` and `frappe.client.*`: `has_permission`
	(the app's row rules return False) makes `frappe.get_doc(...).check_permission` raise PermissionError.
	A 404 (DoesNotExistError) is not a refusal: the record is not there (see docs/reliability.md)."""
	if r.status_code == 403:
		return True
	try:
		return r.json().get("exc_type") == "PermissionError"
	except ValueError:
		return False


def server_error(r) -> bool:
	return r.status_code >= 500


class SlowClient(Client):
	"""A permitted cancel or print may take long on a loaded machine: 180 s before giving up."""

	def request(self, method, url, *args, **kwargs):
		kwargs.setdefault("timeout", 180)
		return super().request(method, url, *args, **kwargs)


class Sessions:
	"""One login per user; each thread gets its own requests session carrying that login's cookies and
	CSRF token (a requests.Session is not shared between threads)."""

	def __init__(self):
		self.logins: dict[str, Client] = {}
		self.local = threading.local()
		self.timings: dict[str, list[float]] = {}

	def login(self, user: str, password: str = DEMO_PASSWORD) -> Client:
		self.logins[user] = with_csrf(Client().login(user, password))
		return self.logins[user]

	def __call__(self, user: str) -> Client:
		own = self.local.__dict__.setdefault("clients", {})
		if user not in own:
			client = SlowClient()
			client.cookies.update(self.logins[user].cookies)
			client.headers.update(self.logins[user].headers)
			own[user] = client
		return own[user]

	def timed(self, path: str, call):
		began = time.monotonic()
		r = call()
		self.timings.setdefault(path, []).append(time.monotonic() - began)
		return r


class Probe:
	"""The tries of one user on one DocType."""

	def __init__(self, user, dt, meta):
		self.user, self.dt, self.meta = user, dt, meta
		self.observed: dict[str, bool] = {}
		self.problems: list[str] = []
		self.visible: list[str] = []
		self.count = None
		self.document = None  # the user's REST answer for visible[0]
		self.full = None  # the Administrator's, for the unmasked check
		self.second: dict | None = None  # the row rule tried by a second user of the same roles

	def note(self, right: str, r, path: str):
		if server_error(r):
			self.problems.append(f"{self.user} {self.dt} {right} via {path}: HTTP {r.status_code}")
			return
		allowed = not denied(r)
		if right in self.observed and self.observed[right] != allowed:
			self.problems.append(f"{self.user} {self.dt} {right}: paths disagree ({path} allowed={allowed})")
		self.observed[right] = self.observed.get(right, True) and allowed


def run_probe(p: Probe, ctx: dict):
	sessions: Sessions = ctx["sessions"]
	c, dt, meta = sessions(p.user), p.dt, p.meta

	def get(path, url, **kw):
		return sessions.timed(path, lambda: c.get(url, **kw))

	def post(path, url, **kw):
		return sessions.timed(path, lambda: c.post(url, **kw))

	if meta["issingle"]:
		p.note("read", get("REST document", f"/api/resource/{dt}/{dt}"), "REST")
		p.note(
			"read",
			post("frappe.client.get", "/api/method/frappe.client.get", data={"doctype": dt}),
			"client.get",
		)
		try_print(p, ctx, dt)
		r = sessions.timed("REST PUT", lambda: c.put(f"/api/resource/{dt}/{dt}", json={"modified": STALE}))
		p.note("write", r, "REST PUT")
		return
	before = ctx["before"]
	r = get(
		"REST list",
		f"/api/resource/{dt}",
		params={"fields": '["name"]', "limit_page_length": 5, "filters": before, "order_by": "modified desc"},
	)
	p.note("read", r, "REST list")
	if r.status_code == 200:
		p.visible = [row["name"] for row in r.json()["data"]]
	p.note(
		"read",
		post(
			"frappe.client.get_list",
			"/api/method/frappe.client.get_list",
			data={"doctype": dt, "limit_page_length": 1},
		),
		"frappe.client.get_list",
	)
	p.note(
		"read",
		post(
			"reportview.get",
			"/api/method/frappe.desk.reportview.get",
			data={"doctype": dt, "fields": '["name"]', "page_length": 5},
		),
		"reportview.get",
	)
	r = post(
		"frappe.client.get_count",
		"/api/method/frappe.client.get_count",
		data={"doctype": dt, "filters": before},
	)
	p.note("read", r, "frappe.client.get_count")
	if r.status_code == 200:
		p.count = r.json()["message"]
	sample = p.visible[0] if p.visible else ctx["newest"].get(dt)
	if sample:
		r = get("REST document", f"/api/resource/{dt}/{sample}")
		p.note("read", r, "REST document")
		if p.visible and r.status_code == 200:
			p.document = r.json()["data"]
		p.note(
			"read",
			post("frappe.client.get", "/api/method/frappe.client.get", data={"doctype": dt, "name": sample}),
			"client.get",
		)
		try_print(p, ctx, sample)
		p.note(
			"export",
			post(
				"reportview.export_query",
				"/api/method/frappe.desk.reportview.export_query",
				data={
					"doctype": dt,
					"file_format_type": "CSV",
					"fields": json.dumps([f"`tab{dt}`.`name`"]),
					"filters": json.dumps([[dt, "name", "=", sample]]),
				},
			),
			"reportview.export_query",
		)
	p.note(
		"report",
		post(
			"query_report.run",
			"/api/method/frappe.desk.query_report.run",
			data={"report_name": ctx["reports"][dt]},
		),
		"query_report.run",
	)
	copies = ctx["copies"]
	key = f"{p.user}|{dt}"
	if sample:  # a stale timestamp: a permitted save stops at the timestamp check, nothing changes
		r = sessions.timed(
			"REST PUT", lambda: c.put(f"/api/resource/{dt}/{sample}", json={"modified": STALE})
		)
		p.note("write", r, "REST PUT")
		p.note(
			"write",
			post(
				"frappe.client.set_value",
				"/api/method/frappe.client.set_value",
				data={"doctype": dt, "name": sample, "fieldname": json.dumps({"modified": STALE})},
			),
			"frappe.client.set_value",
		)
	if f"{key}|w" in ctx["submit_docs"]:
		doc = ctx["submit_docs"][f"{key}|w"]
		r = post("frappe.client.submit", "/api/method/frappe.client.submit", data={"doc": json.dumps(doc)})
		p.note("submit", r, "frappe.client.submit")
	if f"{key}|c" in copies:
		r = post(
			"frappe.client.cancel",
			"/api/method/frappe.client.cancel",
			data={"doctype": dt, "name": copies[f"{key}|c"]},
		)
		p.note("cancel", r, "frappe.client.cancel")
	if f"{key}|d" in copies:
		r = sessions.timed("REST DELETE", lambda: c.delete(f"/api/resource/{dt}/{copies[f'{key}|d']}"))
		p.note("delete", r, "REST DELETE")
	body = ctx["bodies"].get(key) or {}
	for path, call in (
		("REST POST", lambda: c.post(f"/api/resource/{dt}", json=body)),
		(
			"frappe.client.insert",
			lambda: c.post(
				"/api/method/frappe.client.insert", data={"doc": json.dumps({**body, "doctype": dt})}
			),
		),
	):
		r = sessions.timed(path, call)
		p.note("create", r, path)
		if r.status_code == 200:  # the copy was valid: removed again after the run
			made = r.json().get("data") or r.json().get("message") or {}
			ctx["created"].append((dt, made.get("name")))
	try_row_rule(p, ctx)


def try_print(p: Probe, ctx: dict, name: str):
	"""The desk's print (`frappe.www.printview.get_html_and_style`, the app's audited override) on every
	probe; the `/printview` page too where the desk allowed it. Both decide with Frappe's
	`validate_print_permission` (read or print); a refused page costs a whole website error page (≈ 7x a
	refused API call, docs/reliability.md), so a refused print is proven on the desk path only."""
	sessions: Sessions = ctx["sessions"]
	c = sessions(p.user)
	r = sessions.timed(
		"get_html_and_style",
		lambda: c.post(
			"/api/method/frappe.www.printview.get_html_and_style", data={"doc": p.dt, "name": name}
		),
	)
	p.note("print", r, "get_html_and_style")
	if not denied(r):
		r = sessions.timed("/printview", lambda: c.get("/printview", params={"doctype": p.dt, "name": name}))
		p.note("print", r, "/printview")


def try_row_rule(p: Probe, ctx: dict):
	"""A second user of the same roles (no records of their own) opens the first user's rows and counts
	under the same filters; and, for the unmasked check, the Administrator's copy of the row read."""
	sessions: Sessions = ctx["sessions"]
	if p.document is not None and personal_fields(p.dt):
		admin = sessions("Administrator")
		p.full = sessions.timed(
			"REST document", lambda: admin.get(f"/api/resource/{p.dt}/{p.visible[0]}")
		).json()["data"]
	rights, rows = expected_for(ctx["users"][p.user], p.dt)
	other = ctx["second"].get(p.user)
	if rows == "all" or "read" not in rights or not p.visible or not other:
		return
	second = sessions(other)
	p.second = {"user": other, "opened": {}, "count": None}
	for name in p.visible[:3]:
		r = sessions.timed("REST document", lambda name=name: second.get(f"/api/resource/{p.dt}/{name}"))
		p.second["opened"][name] = r.status_code if not denied(r) else 403
	r = sessions.timed(
		"frappe.client.get_count",
		lambda: second.post(
			"/api/method/frappe.client.get_count", data={"doctype": p.dt, "filters": ctx["before"]}
		),
	)
	if r.status_code == 200:
		p.second["count"] = r.json()["message"]


def personal_fields(dt: str) -> set[str]:
	return {f for e in MATRIX.get(dt, {}).values() for f in e.get("unmasked", [])}


def expected_for(roles: set[str], dt: str, matrix: dict | None = None) -> tuple[set[str], str]:
	"""(rights, rows) a user with `roles` has on `dt` by the matrix (the files' unless `matrix` is given)."""
	rights, rows = set(), None
	for role in roles:
		entry = (MATRIX if matrix is None else matrix).get(dt, {}).get(role)
		if not entry:
			continue
		rights |= set(entry["rights"])
		rows = "all" if entry.get("rows", "all") == "all" or rows == "all" else entry["rows"]
	return rights, rows or "all"


def slug(role: str) -> str:
	return re.sub(r"[^a-z0-9]+", "-", role.lower()).strip("-")


@pytest.fixture(scope="module")
def site(admin):
	"""What the site has: the app's DocTypes, its roles with a DocPerm, and who holds each role."""
	doctypes = {d["name"]: d for d in last_json(execute(f"{H}.print_app_doctypes"))}
	perms = admin.post(
		"/api/method/frappe.client.get_list",
		data={
			"doctype": "DocPerm",
			"parent": "DocType",
			"fields": '["parent", "role"]',
			"filters": json.dumps([["parent", "in", list(doctypes)]]),
			"limit_page_length": 0,
		},
	).json()["message"]
	roles = {p["role"] for p in perms} | {r for e in MATRIX.values() for r in e}
	roles -= ADMIN_ROLES
	held = admin.post(
		"/api/method/frappe.client.get_list",
		data={
			"doctype": "Has Role",
			"parent": "User",
			"fields": '["parent", "role"]',
			"filters": json.dumps([["parenttype", "=", "User"]]),
			"limit_page_length": 0,
		},
	).json()["message"]
	user_roles: dict[str, set[str]] = {}
	for row in held:
		user_roles.setdefault(row["parent"], set()).add(row["role"])
	desk = {
		r["name"]: r["desk_access"]
		for r in admin.get(
			"/api/resource/Role", params={"fields": '["name", "desk_access"]', "limit_page_length": 0}
		).json()["data"]
	}
	return {"doctypes": doctypes, "roles": sorted(roles), "user_roles": user_roles, "desk": desk}


def demo_users() -> set[str]:
	"""The users of the demo data set (every e-mail of `fixtures/*.json`): they have the demo password.
	Users the app's unit tests made on the same test site before this run (no password) are not."""
	found = set()
	for path in (ROOT / "fixtures").glob("*.json"):
		found.update(re.findall(r'"([\w.+-]+@nonsaad\.test)"', path.read_text(encoding="utf-8")))
	return found


def pick_users(site) -> tuple[dict, list, dict]:
	"""(user -> their app roles, users to make, user -> the second user of the same roles).

	Per role the demo user (`demo_users`) holding it with the fewest other app roles and without System
	Manager; where none exists `reliab-<role>@nonsaad.test` with only that role. Users whose roles give a row rule on
	some DocType get a second user of the same roles, `reliab-second-…`, with no records of their own."""
	app_roles = set(site["roles"])
	demo = demo_users()
	users: dict[str, set[str]] = {}
	make = []
	for role in site["roles"]:
		candidates = sorted(
			(u for u, rs in site["user_roles"].items() if role in rs and u.endswith("@nonsaad.test")),
			key=lambda u: (len(site["user_roles"][u] & app_roles), u),
		)
		candidates = [u for u in candidates if not (site["user_roles"][u] & ADMIN_ROLES)]
		candidates = [u for u in candidates if u in demo]
		if not candidates:
			email = f"reliab-{slug(role)}@nonsaad.test"
			make.append([email, [role], not site["desk"].get(role, 1)])
			candidates = [email]
		users.setdefault(candidates[0], site["user_roles"].get(candidates[0], {role}) & app_roles or {role})
	only = os.environ.get("NONSAAD_MATRIX_USERS")  # a quick loop: some users only (comma separated)
	if only:
		users = {u: r for u, r in users.items() if u.split("@")[0] in only.split(",")}
	second = {}
	for user, roles in users.items():
		if any(expected_for(roles, dt)[1] != "all" for dt in MATRIX):
			other = f"reliab-second-{slug('-'.join(sorted(roles)))}@nonsaad.test"
			second[user] = other
			make.append([other, sorted(roles), not any(site["desk"].get(r, 1) for r in roles)])
	return users, make, second


@pytest.fixture(scope="module")
def probes(admin, site):
	"""Every right of every tested user on every app DocType, tried once (the tests below read it)."""
	began = time.monotonic()
	users, make, second = pick_users(site)
	stored = [dt for dt, m in site["doctypes"].items() if not m["istable"] and not m["issingle"]]
	restricted = sorted(
		{dt for dt, e in MATRIX.items() if any(v.get("rows", "all") != "all" for v in e.values())}
	)
	prepared = execute_with_file(
		f"{H}.prepare_permission_probes",
		{
			"users": sorted(users),
			"make_users": make,
			"password": DEMO_PASSWORD,
			"doctypes": stored,
			"restricted": restricted,
		},
	)
	prepared_in = time.monotonic() - began
	sessions = Sessions()
	sessions.logins["Administrator"] = admin
	ctx = {
		"sessions": sessions,
		"users": users,
		"second": second,
		# rows created up to the start only: what the run itself writes cannot change a count
		"before": json.dumps([["name", "not like", "reliab-probe-%"], ["creation", "<=", prepared["start"]]]),
		"created": [],
		**prepared,
	}
	all_probes = [
		Probe(user, dt, meta)
		for user in users
		for dt, meta in site["doctypes"].items()
		if not meta["istable"]
	]
	try:
		with ThreadPoolExecutor(max_workers=THREADS) as pool:
			list(pool.map(sessions.login, [*users, *second.values()]))
			logged_in = time.monotonic() - began
			for _ in pool.map(lambda p: run_probe(p, ctx), all_probes):
				pass
	finally:
		left = execute_with_file(f"{H}.cleanup_permission_probes", ctx["created"])
	took = time.monotonic() - began
	requests = sum(len(t) for t in sessions.timings.values())
	print(
		f"\npermission matrix run: {len(users)} users (+{len(second)} second users), {len(all_probes)} "
		f"user x DocType probes, {requests} requests in {took:.0f} s with {THREADS} threads "
		f"(prepare {prepared_in:.0f} s, logins {logged_in - prepared_in:.0f} s)"
	)
	for path, times in sorted(sessions.timings.items(), key=lambda kv: -sum(kv[1])):
		times = sorted(times)
		print(
			f"  {path:28} {len(times):5} requests  median {times[len(times) // 2] * 1000:6.0f} ms  "
			f"sum {sum(times):6.1f} s"
		)
	assert not left, f"records the run made could not be removed: {left}"
	return {"users": users, "probes": all_probes, "counts": prepared["counts"]}


def test_every_app_doctype_is_in_a_matrix_file(site):
	"""Every DocType of the app (from the site) is in some module's permission_matrix.json: a stored one
	under "doctypes", a child table under "child_tables" (it follows its parent's rights)."""
	missing = [dt for dt, m in site["doctypes"].items() if dt not in MATRIX and dt not in CHILDREN]
	assert not missing, f"not in any <module>/permission_matrix.json: {missing}"
	unknown = [dt for dt in list(MATRIX) + list(CHILDREN) if dt not in site["doctypes"]]
	assert not unknown, f"matrix names DocTypes the app does not have: {unknown}"
	for dt, entry in MATRIX.items():
		for role, e in entry.items():
			assert role not in ADMIN_ROLES, (dt, role)
			assert set(e["rights"]) <= set(RIGHTS), (dt, role, e["rights"])
			assert e.get("rows", "all") == "all" or e.get("rows_rule"), (
				f"{dt}/{role}: a row rule needs rows_rule"
			)


def test_matrix_roles_exist(site, admin):
	for dt, entry in MATRIX.items():
		for role in entry:
			assert role in site["desk"], f"{FILES[dt]}: role {role} does not exist"


def rights_problems(probes: dict, matrix: dict) -> tuple[list[str], int]:
	"""(differences between what the users could do and what `matrix` gives their roles, rights tried)."""
	problems, tried = [], 0
	for p in probes["probes"]:
		problems += p.problems
		rights, _rows = expected_for(probes["users"][p.user], p.dt, matrix)
		roles = ", ".join(sorted(probes["users"][p.user]))
		for right, allowed in p.observed.items():
			tried += 1
			if allowed and right not in rights:
				problems.append(f"{p.user} ({roles}) may {right} {p.dt}: not in the matrix")
			if not allowed and right in rights:
				problems.append(f"{p.user} ({roles}) cannot {right} {p.dt}: the matrix says it may")
	return problems, tried


def row_rule_problems(probes: dict, matrix: dict) -> list[str]:
	"""Row counts and the second users' answers against `matrix`'s row rules (see the test below)."""
	problems = []
	for p in probes["probes"]:
		rights, rows = expected_for(probes["users"][p.user], p.dt, matrix)
		if "read" not in rights or p.meta["issingle"] or p.count is None:
			continue
		total = probes["counts"][p.dt]
		if rows == "all":
			if p.count != total:
				problems.append(f"{p.user} counts {p.count} of {total} {p.dt} rows (matrix: all)")
			continue
		if not p.visible:
			problems.append(f"{p.user} sees no {p.dt} row: the row rule {rows} cannot be tried")
			continue
		if p.second is None:
			problems.append(f"{p.user} {p.dt} ({rows}): no second user tried the rule")
			continue
		other = p.second["user"]
		for name, status in p.second["opened"].items():
			if status != 403:
				problems.append(f"{other} opens {p.dt} {name} of {p.user} (rows: {rows}): HTTP {status}")
		if p.second["count"] is None:
			problems.append(f"{other} cannot count {p.dt} rows")
		elif p.second["count"] >= p.count and p.count:
			problems.append(f"{other} counts {p.second['count']} {p.dt} rows, as many as {p.user} ({rows})")
	return problems


def test_rights_match_the_matrix(probes):
	"""Each tested user gets exactly the rights the matrix gives their roles, on every path."""
	problems, tried = rights_problems(probes, MATRIX)
	print(f"permission matrix: {len(probes['users'])} users, {tried} rights tried, {len(problems)} problems")
	assert not problems, "\n".join(problems)


def test_row_rules_across_two_users(probes):
	"""Counts only of rows that existed when the run started (the run's own rows cannot race them).
	rows "all": the user counts every row; a row rule: the demo user sees some rows (in the demo one
	technician may hold every repair), and a second user of the same roles with no records of their own
	is refused (403) each of the first user's rows and counts fewer."""
	problems = row_rule_problems(probes, MATRIX)
	assert not problems, "\n".join(problems)


def test_a_wrong_matrix_fails(probes):
	"""The checks go red on a wrong file: a copy of the matrix with one right taken away (from a user who
	was allowed it), one right given (to a user who was refused it) and one row rule widened to "all"
	must each be reported, on this run's answers."""
	allowed = next((p, r) for p in probes["probes"] for r, ok in p.observed.items() if ok)
	refused = next((p, r) for p in probes["probes"] for r, ok in p.observed.items() if not ok)
	ruled = next(
		(
			p
			for p in probes["probes"]
			if p.count is not None
			and p.count < probes["counts"][p.dt]
			and expected_for(probes["users"][p.user], p.dt)[1] != "all"
		),
		None,
	)
	wrong = json.loads(json.dumps(MATRIX))
	p, right = allowed
	for role in probes["users"][p.user]:
		entry = wrong.get(p.dt, {}).get(role)
		if entry and right in entry["rights"]:
			entry["rights"].remove(right)
	p, right = refused
	role = sorted(probes["users"][p.user])[0]
	wrong.setdefault(p.dt, {}).setdefault(role, {"rights": []})["rights"].append(right)
	problems, _tried = rights_problems(probes, wrong)
	assert any(f"may {allowed[1]} {allowed[0].dt}: not in the matrix" in x for x in problems), problems
	assert any(f"cannot {right} {p.dt}: the matrix says it may" in x for x in problems), problems
	if ruled is not None:  # a user whose row rule hides rows: widened to "all"
		for role in probes["users"][ruled.user]:
			if role in wrong.get(ruled.dt, {}):
				wrong[ruled.dt][role]["rows"] = "all"
		problems = row_rule_problems(probes, wrong)
		assert any(f"{ruled.dt} rows (matrix: all)" in x for x in problems), problems


def test_unmasked_fields(probes):
	"""Personal fields named in some role's `unmasked`: each reader gets exactly its own list."""
	problems = []
	for p in probes["probes"]:
		entry = MATRIX.get(p.dt, {})
		personal = personal_fields(p.dt)
		if not personal or p.document is None or p.full is None:
			continue
		mine = set()
		for role in probes["users"][p.user]:
			mine |= set(entry.get(role, {}).get("unmasked", []))
		for f in personal:
			if p.full.get(f) in (None, "", 0):
				continue
			if f in mine and p.document.get(f) != p.full[f]:
				problems.append(f"{p.user} does not see {p.dt}.{f} (matrix: unmasked)")
			if f not in mine and p.document.get(f) not in (None, "", 0):
				problems.append(f"{p.user} sees {p.dt}.{f} unmasked (not in the matrix)")
	assert not problems, "\n".join(problems)


def test_readme_table_is_generated_from_the_files():
	"""README's permission table is exactly what `bin/nonsaad permission-table` writes from the files."""
	out = subprocess.run(
		[str(ROOT / "env/bin/python"), str(ROOT / "bin/lib/permission_table.py"), "--check"],
		capture_output=True,
		text=True,
		cwd=ROOT,
	)
	assert out.returncode == 0, out.stdout + out.stderr


def test_files_are_tidy():
	"""Files are valid JSON in the shared contract's form (required keys, known rights, in order)."""
	for path in APP.glob("*/permission_matrix.json"):
		data = json.loads(Path(path).read_text())
		assert set(data) <= {"doctypes", "child_tables", "about"}, path
		for dt, entry in data["doctypes"].items():
			for role, e in entry.items():
				assert "rights" in e, (path, dt, role)
				assert e["rights"] == [r for r in RIGHTS if r in e["rights"]], (path, dt, role)
				# Frappe 15 prints every document its reader may open (validate_print_permission)
				assert "read" not in e["rights"] or "print" in e["rights"], (
					f"{path}: {dt}/{role} reads, lists no print"
				)
