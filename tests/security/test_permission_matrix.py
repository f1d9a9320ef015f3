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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import DEMO_PASSWORD, ROOT, Client, bench_execute

APP = ROOT / "apps/nonsaad_smart/nonsaad_smart"
RIGHTS = ["read", "write", "create", "delete", "submit", "cancel", "export", "print", "report"]
STALE = "2000-01-01 00:00:00.000000"
NOT_PROBE = json.dumps([["name", "not like", "reliab-probe-%"]])
ADMIN_ROLES = {"System Manager", "Administrator"}
H = "nonsaad_smart.tests.reliability"


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


def last_json(out: str):
	return json.loads(out.strip().splitlines()[-1])


def with_csrf(client: Client) -> Client:
	"""A session's CSRF token (a website user's session has one at once): sent on every write."""
	token = re.search(r'frappe.csrf_token = "([^"]+)"', client.get("/request-status").text)
	if token and token.group(1) != "None":
		client.headers["X-Frappe-CSRF-Token"] = token.group(1)
	return client


def denied(r) -> bool:
	"""Frappe refused on permissions (not on validation, a timestamp or a missing record)."""
	if r.status_code == 403:
		return True
	try:
		return r.json().get("exc_type") == "PermissionError"
	except ValueError:
		return False


def server_error(r) -> bool:
	return r.status_code >= 500


class Probe:
	"""The tries of one user on one DocType."""

	def __init__(self, user, client, dt, meta):
		self.user, self.client, self.dt, self.meta = user, client, dt, meta
		self.observed: dict[str, bool] = {}
		self.problems: list[str] = []
		self.visible: list[str] = []
		self.count = None

	def note(self, right: str, r, path: str):
		if server_error(r):
			self.problems.append(f"{self.user} {self.dt} {right} via {path}: HTTP {r.status_code}")
			return
		allowed = not denied(r)
		if right in self.observed and self.observed[right] != allowed:
			self.problems.append(f"{self.user} {self.dt} {right}: paths disagree ({path} allowed={allowed})")
		self.observed[right] = self.observed.get(right, True) and allowed


def run_probe(p: Probe, ctx: dict):
	c, dt, meta = p.client, p.dt, p.meta
	if meta["issingle"]:
		p.note("read", c.get(f"/api/resource/{dt}/{dt}"), "REST")
		p.note("read", c.post("/api/method/frappe.client.get", data={"doctype": dt}), "frappe.client.get")
		p.note("print", c.get("/printview", params={"doctype": dt, "name": dt}), "/printview")
		r = c.put(f"/api/resource/{dt}/{dt}", json={"modified": STALE})
		p.note("write", r, "REST PUT")
		return
	r = c.get(
		f"/api/resource/{dt}",
		params={
			"fields": '["name"]',
			"limit_page_length": 5,
			"filters": NOT_PROBE,
			"order_by": "modified desc",
		},
	)
	p.note("read", r, "REST list")
	if r.status_code == 200:
		p.visible = [row["name"] for row in r.json()["data"]]
	p.note(
		"read",
		c.post("/api/method/frappe.client.get_list", data={"doctype": dt, "limit_page_length": 1}),
		"frappe.client.get_list",
	)
	p.note(
		"read",
		c.post("/api/method/frappe.desk.reportview.get", data={"doctype": dt, "fields": '["name"]'}),
		"reportview.get",
	)
	r = c.post("/api/method/frappe.client.get_count", data={"doctype": dt, "filters": NOT_PROBE})
	p.note("read", r, "frappe.client.get_count")
	if r.status_code == 200:
		p.count = r.json()["message"]
	sample = p.visible[0] if p.visible else ctx["admin_first"].get(dt)
	if sample:
		p.note("read", c.get(f"/api/resource/{dt}/{sample}"), "REST document")
		p.note(
			"read",
			c.post("/api/method/frappe.client.get", data={"doctype": dt, "name": sample}),
			"client.get",
		)
		p.note("print", c.get("/printview", params={"doctype": dt, "name": sample}), "/printview")
		p.note(
			"export",
			c.post(
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
		c.post("/api/method/frappe.desk.query_report.run", data={"report_name": ctx["reports"][dt]}),
		"query_report.run",
	)
	copies = ctx["copies"]
	key = f"{p.user}|{dt}"
	if sample:  # a stale timestamp: a permitted save stops at the timestamp check, nothing changes
		p.note("write", c.put(f"/api/resource/{dt}/{sample}", json={"modified": STALE}), "REST PUT")
		p.note(
			"write",
			c.post(
				"/api/method/frappe.client.set_value",
				data={"doctype": dt, "name": sample, "fieldname": json.dumps({"modified": STALE})},
			),
			"frappe.client.set_value",
		)
	if f"{key}|w" in copies:
		name = copies[f"{key}|w"]
		if meta["is_submittable"]:
			doc = ctx["admin"].get(f"/api/resource/{dt}/{name}").json()["data"]
			doc["docstatus"] = 1
			r = c.post("/api/method/frappe.client.submit", data={"doc": json.dumps(doc)})
			p.note("submit", r, "frappe.client.submit")
	if f"{key}|c" in copies:
		r = c.post("/api/method/frappe.client.cancel", data={"doctype": dt, "name": copies[f"{key}|c"]})
		p.note("cancel", r, "frappe.client.cancel")
	if f"{key}|d" in copies:
		p.note("delete", c.delete(f"/api/resource/{dt}/{copies[f'{key}|d']}"), "REST DELETE")
	body = ctx["bodies"].get(f"{p.user}|{dt}") or {}
	for path, call in (
		("REST POST", lambda: c.post(f"/api/resource/{dt}", json=body)),
		(
			"frappe.client.insert",
			lambda: c.post(
				"/api/method/frappe.client.insert", data={"doc": json.dumps({**body, "doctype": dt})}
			),
		),
	):
		r = call()
		p.note("create", r, path)
		if r.status_code == 200:  # the copy was valid: remove it again
			made = r.json().get("data") or r.json().get("message") or {}
			ctx["created"].append((dt, made.get("name")))


def expected_for(roles: set[str], dt: str) -> tuple[set[str], str]:
	"""(rights, rows) a user with `roles` has on `dt` by the matrix."""
	rights, rows = set(), None
	for role in roles:
		entry = MATRIX.get(dt, {}).get(role)
		if not entry:
			continue
		rights |= set(entry["rights"])
		rows = "all" if entry.get("rows", "all") == "all" or rows == "all" else entry["rows"]
	return rights, rows or "all"


def slug(role: str) -> str:
	return re.sub(r"[^a-z0-9]+", "-", role.lower()).strip("-")


def ensure_user(admin: Client, email: str, roles: list[str], website: bool) -> None:
	if admin.get(f"/api/resource/User/{email}").status_code == 200:
		return
	r = admin.post(
		"/api/resource/User",
		json={
			"email": email,
			"first_name": "Reliability",
			"last_name": roles[0],
			"user_type": "Website User" if website else "System User",
			"send_welcome_email": 0,
			"new_password": DEMO_PASSWORD,
			"roles": [{"role": role} for role in roles],
		},
	)
	assert r.status_code == 200, r.text[:300]


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


@pytest.fixture(scope="module")
def probes(admin, site):
	"""Every right of every tested user on every app DocType, tried once (the tests below read it)."""
	app_roles = set(site["roles"])
	users: dict[str, set[str]] = {}  # user -> their app roles
	for role in site["roles"]:
		candidates = sorted(
			(u for u, rs in site["user_roles"].items() if role in rs and u.endswith("@nonsaad.test")),
			key=lambda u: (len(site["user_roles"][u] & app_roles), u),
		)
		candidates = [u for u in candidates if not (site["user_roles"][u] & ADMIN_ROLES)]
		candidates = [u for u in candidates if not u.startswith("reliab-")]
		if not candidates:
			email = f"reliab-{slug(role)}@nonsaad.test"
			ensure_user(admin, email, [role], website=not site["desk"].get(role, 1))
			candidates = [email]
		users.setdefault(candidates[0], site["user_roles"].get(candidates[0], {role}) & app_roles or {role})
	only = os.environ.get("NONSAAD_MATRIX_USERS")  # a quick loop: some users only (comma separated)
	if only:
		users = {u: r for u, r in users.items() if u.split("@")[0] in only.split(",")}
	clients = {u: with_csrf(Client().login(u)) for u in users}

	stored = [dt for dt, m in site["doctypes"].items() if not m["istable"] and not m["issingle"]]
	admin_first, admin_count = {}, {}
	for dt in stored:
		r = admin.get(f"/api/resource/{dt}", params={"fields": '["name"]', "limit_page_length": 1})
		rows = r.json()["data"]
		admin_first[dt] = rows[0]["name"] if rows else None
		admin_count[dt] = admin.post("/api/method/frappe.client.get_count", data={"doctype": dt}).json()[
			"message"
		]

	# a Report Builder report per DocType for the "report" right
	reports = {}
	for dt in stored:
		name = f"Reliability {dt}"
		if admin.get(f"/api/resource/Report/{name}").status_code != 200:
			r = admin.post(
				"/api/resource/Report",
				json={
					"report_name": name,
					"ref_doctype": dt,
					"report_type": "Report Builder",
					"is_standard": "No",
					"json": json.dumps({"columns": [["name", dt]], "filters": []}),
				},
			)
			assert r.status_code == 200, r.text[:300]
		reports[dt] = name

	# probe copies: made from a record the user sees (so row rules admit them), else the first record
	restricted = sorted(
		{dt for dt, e in MATRIX.items() if any(v.get("rows", "all") != "all" for v in e.values())}
	)
	plan, sources = [], {}
	for user, _roles in users.items():
		for dt in stored:
			if not admin_first[dt]:
				continue
			r = clients[user].get(
				f"/api/resource/{dt}",
				params={"fields": '["name"]', "limit_page_length": 1, "order_by": "modified desc"},
			)
			own = r.json()["data"][0]["name"] if r.status_code == 200 and r.json()["data"] else None
			source = own or admin_first[dt]
			sources[f"{user}|{dt}"] = [dt, source]
			submittable = site["doctypes"][dt]["is_submittable"]
			key = f"{user}|{dt}"
			plan.append(
				{"key": f"{key}|w", "doctype": dt, "source": source, "docstatus": 0, "bogus_links": 1}
			)
			plan.append(
				{
					"key": f"{key}|d",
					"doctype": dt,
					"source": source,
					"docstatus": 1 if submittable else 0,
					"bogus_links": 1,
				}
			)
			if submittable:
				plan.append(
					{"key": f"{key}|c", "doctype": dt, "source": source, "docstatus": 1, "bogus_links": 1}
				)
	with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
		json.dump(plan, f)
	try:
		copies = last_json(execute(f"{H}.make_probe_copies", f.name, json.dumps(restricted)))
	finally:
		os.unlink(f.name)
	with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
		json.dump(sources, f)
	try:
		bodies = last_json(execute(f"{H}.print_create_bodies", f.name))
	finally:
		os.unlink(f.name)
	ctx = {
		"admin": admin,
		"admin_first": admin_first,
		"reports": reports,
		"copies": copies,
		"created": [],
		"bodies": bodies,
	}

	all_probes = []

	def run_user(user):
		done = []
		for dt, meta in site["doctypes"].items():
			if meta["istable"]:
				continue
			p = Probe(user, clients[user], dt, meta)
			run_probe(p, ctx)
			done.append(p)
		return done

	try:
		with ThreadPoolExecutor(max_workers=6) as pool:
			for done in pool.map(run_user, users):
				all_probes.extend(done)
	finally:
		execute(f"{H}.delete_probe_copies")
		for dt, name in ctx["created"]:
			if name:
				admin.delete(f"/api/resource/{dt}/{name}")
		for name in reports.values():  # the site's reports are read by the translation coverage test
			admin.delete(f"/api/resource/Report/{name}")
	return {"users": users, "probes": all_probes, "admin_count": admin_count, "clients": clients}


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


@pytest.mark.reliability
def test_rights_match_the_matrix(probes):
	"""Each tested user gets exactly the rights the matrix gives their roles, on every path."""
	problems, tried = [], 0
	for p in probes["probes"]:
		problems += p.problems
		rights, _rows = expected_for(probes["users"][p.user], p.dt)
		for right, allowed in p.observed.items():
			tried += 1
			if allowed and right not in rights:
				problems.append(
					f"{p.user} ({', '.join(sorted(probes['users'][p.user]))}) may {right} {p.dt}: not in the matrix"
				)
			if not allowed and right in rights:
				problems.append(
					f"{p.user} ({', '.join(sorted(probes['users'][p.user]))}) cannot {right} {p.dt}: the matrix says it may"
				)
	print(f"permission matrix: {len(probes['users'])} users, {tried} rights tried, {len(problems)} problems")
	assert not problems, "\n".join(problems)


@pytest.mark.reliability
def test_row_rules_across_two_users(probes, admin, site):
	"""rows "all": the user counts every row; a row rule: the demo user sees some rows (in the demo one
	technician may hold every repair), and a second user of the same roles with no records of their own
	opens none of the first user's rows and counts fewer."""
	problems = []
	for p in probes["probes"]:
		rights, rows = expected_for(probes["users"][p.user], p.dt)
		if "read" not in rights or p.meta["issingle"] or p.count is None:
			continue
		total = probes["admin_count"][p.dt]
		if rows == "all":
			if p.count != total:
				problems.append(f"{p.user} counts {p.count} of {total} {p.dt} rows (matrix: all)")
			continue
		if not p.visible:
			problems.append(f"{p.user} sees no {p.dt} row: the row rule {rows} cannot be tried")
			continue
		roles = sorted(probes["users"][p.user])
		other = f"reliab-second-{slug('-'.join(roles))}@nonsaad.test"
		ensure_user(admin, other, roles, website=not any(site["desk"].get(r, 1) for r in roles))
		second = probes["clients"].setdefault(other, with_csrf(Client().login(other)))
		for name in [n for n in p.visible if not n.startswith("reliab-probe-")][:3]:
			r = second.get(f"/api/resource/{p.dt}/{name}")
			if not denied(r):
				problems.append(
					f"{other} opens {p.dt} {name} of {p.user} (rows: {rows}): HTTP {r.status_code}"
				)
		r = second.post("/api/method/frappe.client.get_count", data={"doctype": p.dt, "filters": NOT_PROBE})
		if r.status_code == 200 and r.json()["message"] >= p.count and p.count:
			problems.append(f"{other} counts {r.json()['message']} {p.dt} rows, as many as {p.user} ({rows})")
	assert not problems, "\n".join(problems)


@pytest.mark.reliability
def test_unmasked_fields(probes, admin):
	"""Personal fields named in some role's `unmasked`: each reader gets exactly its own list."""
	problems = []
	for p in probes["probes"]:
		entry = MATRIX.get(p.dt, {})
		personal = {f for e in entry.values() for f in e.get("unmasked", [])}
		if not personal or not p.visible or not p.observed.get("read"):
			continue
		mine = set()
		for role in probes["users"][p.user]:
			mine |= set(entry.get(role, {}).get("unmasked", []))
		full = admin.get(f"/api/resource/{p.dt}/{p.visible[0]}").json()["data"]
		seen = p.client.get(f"/api/resource/{p.dt}/{p.visible[0]}").json()["data"]
		for f in personal:
			if full.get(f) in (None, "", 0):
				continue
			if f in mine and seen.get(f) != full[f]:
				problems.append(f"{p.user} does not see {p.dt}.{f} (matrix: unmasked)")
			if f not in mine and seen.get(f) not in (None, "", 0):
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
