"""Server-side helpers of the reliability suite (root tests/security, tests/reliability, bin/nonsaad faults).

Called through `bench execute` by the end-to-end tests; they read the app's DocTypes from the site, count
rows, make probe copies of records for the permission matrix test, and checksum the data for backup and
restore. Nothing here is whitelisted: only the test runner (a shell on the server) calls it.
"""

import hashlib
import json

import frappe

# rows outside the app's DocTypes that a refused request must not write either
WATCHED_CORE = ("File", "Comment", "Error Log")
PROBE_PREFIX = "reliab-probe-"
BOGUS_LINK = "reliab-missing-record"


def app_modules() -> list[str]:
	return frappe.get_module_list("nonsaad_smart")


def app_doctypes() -> list[dict]:
	"""Every DocType of the app, as the site has it (so modules that land later are covered)."""
	rows = frappe.get_all(
		"DocType",
		filters={"module": ("in", app_modules()), "is_virtual": 0},
		fields=["name", "module", "istable", "issingle", "is_submittable"],
		order_by="name",
	)
	return [dict(r) for r in rows]


def print_app_doctypes():
	print(json.dumps(app_doctypes()))


def row_counts() -> dict:
	"""Row count of every stored app DocType and of File, Comment and Error Log."""
	counts = {}
	for dt in app_doctypes():
		if not dt["issingle"]:
			counts[dt["name"]] = frappe.db.count(dt["name"])
	for dt in WATCHED_CORE:
		counts[dt] = frappe.db.count(dt)
	return counts


def print_row_counts():
	print(json.dumps(row_counts()))


def _key_links(meta, keep_targets: set[str]) -> set[str]:
	"""Link fields that decide who sees a row (links to User and to row-restricted DocTypes)."""
	return {
		f.fieldname
		for f in meta.fields
		if f.fieldtype == "Link" and (f.options == "User" or f.options in keep_targets)
	}


def make_probe_copies(plan_file: str, keep: str = "[]") -> None:
	"""Copies of existing records for the permission probes; prints {key: name}.

	plan_file: a JSON file with a list of {"key", "doctype", "source", "docstatus", "bogus_links"}. A copy is written with
	`db_insert` (no controller runs, nothing else changes); unique fields get a suffix; with bogus_links
	every Link field that does not decide the row's visibility points at a missing record, so a permitted
	submit/cancel/delete stops at link validation or acts on nothing. keep: JSON list of DocTypes whose
	links stay (the row-restricted ones; targets of User Permissions are kept too)."""
	with open(plan_file) as f:
		plan = json.load(f)
	made = _probe_copies(plan, set(json.loads(keep)))
	frappe.db.commit()
	print(json.dumps(made))


def _probe_copies(plan: list[dict], restricted: set[str]) -> dict:
	restricted = restricted | set(frappe.get_all("User Permission", pluck="allow", distinct=True))
	made, sources = {}, {}
	for item in plan:
		at = (item["doctype"], item["source"])  # users share sources: each is read once
		src = sources[at] = sources.get(at) or frappe.get_doc(*at)
		meta = src.meta
		copy = frappe.copy_doc(src)
		suffix = frappe.generate_hash(length=8)
		copy.name = f"{PROBE_PREFIX}{suffix}"
		for f in meta.fields:
			if f.unique and copy.get(f.fieldname):
				if f.fieldtype in ("Int", "Float", "Currency"):
					copy.set(f.fieldname, int(suffix, 36) % 10**9)
				else:
					copy.set(f.fieldname, f"{suffix}{copy.get(f.fieldname)}"[: f.length or 140])
		if item.get("bogus_links"):
			keep = _key_links(meta, restricted)
			for f in meta.fields:
				if f.fieldtype == "Link" and f.fieldname not in keep and copy.get(f.fieldname):
					copy.set(f.fieldname, BOGUS_LINK)
		copy.docstatus = item.get("docstatus", 0)
		copy.owner = src.owner
		copy.creation = copy.modified = frappe.utils.now()
		copy.db_insert()
		for child in copy.get_all_children():
			child.parent = copy.name
			child.docstatus = copy.docstatus
			child.name = frappe.generate_hash(length=10)
			child.db_insert()
		made[item["key"]] = copy.name
	return made


def delete_probe_copies() -> None:
	"""Remove every probe copy (and its child rows) the permission test made."""
	removed = 0
	for dt in app_doctypes():
		if dt["issingle"]:
			continue
		if dt["istable"]:
			frappe.db.delete(dt["name"], {"parent": ("like", f"{PROBE_PREFIX}%")})
			continue
		removed += frappe.db.count(dt["name"], {"name": ("like", f"{PROBE_PREFIX}%")})
		frappe.db.delete(dt["name"], {"name": ("like", f"{PROBE_PREFIX}%")})
	frappe.db.commit()
	print(removed)


def checksums() -> dict:
	"""{DocType: [count, sha256 of its rows' key fields]} for every stored app DocType (backup check).

	Key fields: name, modified, docstatus and every Data/Link/Select/Int/Float/Currency/Date/Check field
	(values as text, rows ordered by name): equal checksums mean equal records."""
	kinds = {"Data", "Link", "Select", "Int", "Float", "Currency", "Date", "Datetime", "Check", "Small Text"}
	out = {}
	for dt in app_doctypes():
		if dt["issingle"]:
			continue
		meta = frappe.get_meta(dt["name"])
		fields = [
			"name",
			"modified",
			"docstatus",
			*sorted(f.fieldname for f in meta.fields if f.fieldtype in kinds and not f.is_virtual),
		]
		rows = frappe.get_all(dt["name"], fields=fields, order_by="name", as_list=True)
		digest = hashlib.sha256()
		for row in rows:
			digest.update(json.dumps([str(v) for v in row], ensure_ascii=False).encode())
		out[dt["name"]] = [len(rows), digest.hexdigest()]
	return out


def print_checksums():
	print(json.dumps(checksums()))


def secrets_and_files() -> dict:
	"""Private files readable and Password fields decrypting, as counts and digests (never the values)."""
	from frappe.utils.password import get_decrypted_password

	files = {"private": 0, "readable": 0, "digest": hashlib.sha256()}
	for f in frappe.get_all(
		"File", filters={"is_private": 1, "is_folder": 0}, fields=["name"], order_by="name"
	):
		files["private"] += 1
		try:
			content = frappe.get_doc("File", f.name).get_content()
		except Exception:
			continue
		files["readable"] += 1
		files["digest"].update(content if isinstance(content, bytes) else content.encode())
	# every encrypted field of the site (app Password fields such as an Open311 Client's api_key, users'
	# API secrets, e-mail account passwords): each must decrypt with the site's encryption_key
	passwords = {"set": 0, "decrypted": 0, "digest": hashlib.sha256()}
	for doctype, name, fieldname in frappe.db.sql(
		"select doctype, name, fieldname from `__Auth` where encrypted = 1 order by doctype, name, fieldname"
	):
		passwords["set"] += 1
		try:
			value = get_decrypted_password(doctype, name, fieldname, raise_exception=True)
		except Exception:
			continue
		if value:
			passwords["decrypted"] += 1
			passwords["digest"].update(f"{doctype}|{name}|{fieldname}|{value}".encode())
	# login passwords are hashes (not encrypted): equal rows mean every user logs in as before
	hashes = hashlib.sha256()
	for row in frappe.db.sql(
		"select doctype, name, fieldname, password from `__Auth` where encrypted = 0 order by doctype, name, fieldname"
	):
		hashes.update("|".join(row).encode())
	passwords["login_hashes"] = hashes.hexdigest()
	for d in (files, passwords):
		d["digest"] = d["digest"].hexdigest()
	return {"files": files, "passwords": passwords}


def print_restore_facts():
	print(json.dumps({"checksums": checksums(), **secrets_and_files()}))


# --- fault runs (bin/lib/faults.py), on the fault site only ----------------------------------------
def _fault_site_only():
	if not frappe.local.site.startswith("faults-"):
		raise RuntimeError("the fault helpers change data: only on a faults-… site (bin/nonsaad faults)")


def _running_check() -> str | None:
	"""The open stock check with the most lines (the demo's check in progress)."""
	rows = frappe.db.sql(
		"""select c.name, count(l.name) from `tabAsset Stock Check` c
		left join `tabAsset Stock Check Line` l on l.stock_check = c.name
		where c.docstatus = 0 and c.workflow_state in ('Checking', 'Draft') and c.name not like %s
		group by c.name order by count(l.name) desc limit 1""",
		f"{PROBE_PREFIX}%",
	)
	return rows[0][0] if rows and rows[0][1] else None


def print_stock_check_for_fault():
	"""The stock check the worker run restarts, and how many lines a complete generation writes."""
	_fault_site_only()
	name = _running_check()
	if not name:
		print("null")
		return
	reset_stock_check(name, quiet=True)
	doc = frappe.get_doc("Asset Stock Check", name)
	print(json.dumps({"name": name, "assets": len(doc.assets_in_scope_query().run())}))


def reset_stock_check(name: str, quiet: bool = False):
	"""Back to Draft without lines (as before the Supplies Officer pressed "Start Check")."""
	_fault_site_only()
	frappe.db.delete("Asset Stock Check Line", {"stock_check": name})
	frappe.db.set_value(
		"Asset Stock Check", name, {"workflow_state": "Draft", "docstatus": 0}, update_modified=False
	)
	frappe.db.commit()
	if not quiet:
		print("null")


def enqueue_start_stock_check(
	name: str, wait: float = 0, started_file: str = "", chunk: int = 0, pause: float = 0
):
	_fault_site_only()
	frappe.enqueue(
		"nonsaad_smart.tests.reliability.start_stock_check",
		queue="long",
		name=name,
		wait=wait,
		started_file=started_file,
		chunk=int(chunk),
		pause=float(pause),
		timeout=600,
	)
	frappe.db.commit()
	print("null")


def start_stock_check(name: str, wait: float = 0, started_file: str = "", chunk: int = 0, pause: float = 0):
	"""The job: the check moves to Checking, which generates its lines (in one transaction). `wait`: seconds
	before it starts (so the fault run knows when the work begins, whatever the enqueue call took).
	`chunk` > 0: lines written in chunks of that many (the app's GENERATE_CHUNK, 5 000, for large
	registers), each chunk publishing its progress to the desk as the real job does; `pause` seconds after
	each chunk stand for a large register (the demo's few hundred lines are written in one chunk, before
	a kill could land inside)."""
	import time

	from nonsaad_smart.smart_karupan.doctype.asset_stock_check import asset_stock_check as asc

	time.sleep(float(wait))
	if started_file:  # when the work begins, for the fault run's clock
		with open(started_file, "w") as f:
			f.write(str(time.time()))
	doc = frappe.get_doc("Asset Stock Check", name)
	if doc.workflow_state != "Draft":
		return
	doc.workflow_state = "Checking"
	doc.flags.ignore_permissions = True
	chunk_size, publish = asc.GENERATE_CHUNK, frappe.publish_progress
	if int(chunk):
		asc.GENERATE_CHUNK = int(chunk)
		frappe.publish_progress = lambda *a, **kw: (publish(*a, **kw), time.sleep(float(pause)))
	try:
		doc.save()
	finally:
		asc.GENERATE_CHUNK, frappe.publish_progress = chunk_size, publish


def print_payment_run_for_fault():
	"""A payment run of the demo's registrations (the month and kind with the most), reset to Draft; prints
	{"name", "lines"}: the lines a complete run writes."""
	_fault_site_only()
	from nonsaad_smart.smart_care import payment_run as pr

	rows = frappe.db.sql(
		f"""select r.allowance_kind, r.fiscal_year, count(*) from {pr.PAID_FROM}
		where r.docstatus = 1 and r.workflow_state in %(states)s and p.status = 'Active'
		group by r.allowance_kind, r.fiscal_year order by count(*) desc limit 1""",
		{"states": pr.wf.PAID_STATES},
	)
	if not rows:
		print("null")
		return
	kind, fy = rows[0][0], rows[0][1]
	run = frappe.db.get_value(
		"Allowance Payment Run", {"allowance_kind": kind, "fiscal_year": fy, "status": ("!=", "Completed")}
	)
	if not run:
		start = frappe.db.sql(
			"select max(active_from) from `tabAllowance Registration` where allowance_kind = %s and fiscal_year = %s",
			(kind, fy),
		)[0][0]
		month = frappe.utils.getdate(start or frappe.utils.today())
		doc = frappe.get_doc({"doctype": "Allowance Payment Run", "month": month, "allowance_kind": kind})
		while frappe.db.exists("Allowance Payment Run", {"run_key": pr.run_key(doc.month, kind)}):
			doc.month = frappe.utils.add_months(doc.month, 1)
		doc.insert(ignore_permissions=True)
		run = doc.name
	reset_payment_run(run, quiet=True)
	month_run = frappe._dict(
		frappe.db.get_value(
			"Allowance Payment Run", run, ["name", "month", "allowance_kind", "fiscal_year"], as_dict=True
		)
	)
	lines = len(pr.next_window(month_run, "", 10**6))
	print(json.dumps({"name": run, "lines": lines}))


def reset_payment_run(name: str, quiet: bool = False):
	"""Back to Draft without lines."""
	_fault_site_only()
	frappe.db.delete("Allowance Payment Line", {"payment_run": name})
	frappe.db.set_value(
		"Allowance Payment Run",
		name,
		{"status": "Draft", "line_count": 0, "total_amount": 0, "progress": 0, "error": None},
		update_modified=False,
	)
	frappe.db.commit()
	if not quiet:
		print("null")


def enqueue_payment_run(name: str, started_file: str = "", batch_size: int = 2):
	"""The run's job as the desk queues it, in small windows (many statements: a kill lands inside)."""
	_fault_site_only()
	frappe.db.set_value("Allowance Payment Run", name, "status", "Queued")
	frappe.enqueue(
		"nonsaad_smart.tests.reliability.payment_run_job",
		queue="long",
		name=name,
		started_file=started_file,
		batch_size=int(batch_size),
		timeout=600,
	)
	frappe.db.commit()
	print("null")


def payment_run_job(name: str, started_file: str = "", batch_size: int = 10, pause: float = 0.1):
	"""The run's job; `pause` seconds after each window stand for a large register (the demo's few
	hundred registrations are written in well under a second, before any kill could land)."""
	import time

	from nonsaad_smart.smart_care import payment_run

	if started_file:
		with open(started_file, "w") as f:
			f.write(str(time.time()))
	after_batch = payment_run.after_batch
	payment_run.after_batch = lambda run, lines: (after_batch(run, lines), time.sleep(float(pause)))
	try:
		payment_run.execute_run(name, run_by="Administrator", batch_size=batch_size)
	finally:
		payment_run.after_batch = after_batch


def print_payment_run_state(name: str):
	"""What the officer sees when opening the run (its onload marks a run with a dead job), and its lines."""
	_fault_site_only()
	doc = frappe.get_doc("Allowance Payment Run", name)
	doc.run_method("onload")
	frappe.db.commit()
	lines = frappe.db.count("Allowance Payment Line", {"payment_run": name})
	print(json.dumps({"status": doc.status, "lines": lines, "error": doc.error}))


def retry_payment_run(name: str):
	"""The officer presses "Start Payment Run" again (queue_run: a dead Running run is marked first)."""
	_fault_site_only()
	from nonsaad_smart.smart_care.payment_run import queue_run

	frappe.set_user("Administrator")
	queue_run(name)
	frappe.db.commit()
	print(json.dumps(frappe.db.get_value("Allowance Payment Run", name, "status")))


APP_JOB_PREFIX = "nonsaad_smart."


def scheduler_catch_up_setup():
	"""A scheduler stopped for a day: the app's daily jobs last ran two days ago; some requests overdue."""
	_fault_site_only()
	from frappe.utils import add_days, now_datetime, today

	jobs = frappe.get_all(
		"Scheduled Job Type",
		filters={"method": ("like", f"{APP_JOB_PREFIX}%"), "frequency": ("like", "Daily%")},
		pluck="name",
	)
	for job in jobs:
		frappe.db.set_value("Scheduled Job Type", job, "last_execution", add_days(now_datetime(), -2))
	from nonsaad_smart.e_smart_service.api import OPEN_STATES as open_states

	overdue = frappe.get_all(
		"Service Request",
		filters={"workflow_state": ("in", list(open_states))},
		pluck="name",
		limit=6,
		order_by="name",
	)
	for name in overdue:
		frappe.db.set_value(
			"Service Request",
			name,
			{"due_date": add_days(today(), -3), "escalated_on": None},
			update_modified=False,
		)
	# every request escalated before the stop was escalated on the day the scheduler stopped (yesterday's
	# run never came): the catch-up escalates each overdue request once today
	sr = frappe.qb.DocType("Service Request")
	frappe.qb.update(sr).set(sr.escalated_on, add_days(today(), -1)).where(
		sr.escalated_on >= add_days(today(), -1)
	).run()
	# reminders: the open stock checks are due tomorrow and were last reminded two days ago
	checks = frappe.get_all(
		"Asset Stock Check",
		filters={"docstatus": 0, "workflow_state": ("in", ("Draft", "Checking"))},
		pluck="name",
	)
	for name in checks:
		frappe.db.set_value(
			"Asset Stock Check",
			name,
			{"due_date": add_days(today(), 1), "last_reminder_on": add_days(today(), -2)},
			update_modified=False,
		)
	frappe.db.commit()
	print(
		json.dumps(
			{"daily_jobs": len(jobs), "overdue_requests": len(overdue), "stock_checks_due": len(checks)}
		)
	)


def print_effects():
	"""What the daily jobs leave behind: notifications, e-mails, comments, escalations of today."""
	from frappe.utils import today

	effects = {
		dt: frappe.db.count(dt) for dt in ("Notification Log", "Email Queue", "Comment", "Communication")
	}
	effects["escalated today"] = frappe.db.count("Service Request", {"escalated_on": today()})
	effects["stock checks reminded today"] = frappe.db.count(
		"Asset Stock Check", {"last_reminder_on": today()}
	)
	effects["disposals reminded today"] = frappe.db.count(
		"Asset Disposal Request", {"last_reminder_on": today()}
	)
	effects.update({f"rows {k}": v for k, v in row_counts().items()})
	effects.update(notification_effects())
	print(json.dumps(effects))


def notification_effects() -> dict:
	"""Notification Logs per reference DocType ("notified <DocType>") and the number of extra copies: the
	logs beyond the first of each (user, document, subject) ("duplicate notifications"), which tells a
	second sending from a late arrival of the first."""
	from frappe.query_builder.functions import Count

	log = frappe.qb.DocType("Notification Log")
	count = Count("*")
	per_doctype = frappe.qb.from_(log).select(log.document_type, count).groupby(log.document_type).run()
	copies = (
		frappe.qb.from_(log)
		.select(count)
		.groupby(log.for_user, log.document_type, log.document_name, log.subject)
		.having(count > 1)
		.run()
	)
	out = {f"notified {doctype or '-'}": n for doctype, n in per_doctype}
	out["duplicate notifications"] = sum(n - 1 for (n,) in copies)
	return out


def tick_scheduler():
	"""One scheduler tick for the app's jobs (ScheduledJobType.enqueue: due? already queued?)."""
	_fault_site_only()
	enqueued = []
	for name in frappe.get_all(
		"Scheduled Job Type", filters={"method": ("like", f"{APP_JOB_PREFIX}%")}, pluck="name"
	):
		job = frappe.get_doc("Scheduled Job Type", name)
		if job.enqueue():
			enqueued.append(job.method)
	frappe.db.commit()
	print(json.dumps(enqueued))


def run_daily_jobs_again():
	"""Every daily job of the app run once more by hand (a restarted scheduler running the missed day)."""
	_fault_site_only()
	for method in frappe.get_hooks("scheduler_events").get("daily", []):
		if method.startswith(APP_JOB_PREFIX):
			frappe.get_attr(method)()
			frappe.db.commit()
	print("null")


def print_create_bodies(sources_file: str):
	"""{key: the fields of a record a client may send} for the create probes (sources_file: JSON {key:
	[DocType, record]}, a record the probing user sees): whole enough to pass validation that runs before
	Frappe's permission check, without what only the system sets (read-only and standard fields). Unique
	values are kept: a permitted insert stops at the duplicate."""
	with open(sources_file) as f:
		sources = json.load(f)
	print(json.dumps(_create_bodies(sources), default=str))


def _create_bodies(sources: dict) -> dict:
	from frappe.model import default_fields

	bodies, docs = {}, {}
	for key, (dt, name) in sources.items():
		if (dt, name) not in docs:  # users share sources: each is read once
			docs[dt, name] = frappe.get_doc(dt, name).as_dict(convert_dates_to_str=True)
		doc = docs[dt, name]
		meta = frappe.get_meta(dt)
		body = {}
		for df in meta.fields:
			value = doc.get(df.fieldname)
			if df.read_only or df.fieldtype in ("Attach", "Attach Image") or value in (None, "", []):
				continue
			if df.fieldtype in ("Table", "Table MultiSelect"):
				child_meta = frappe.get_meta(df.options)
				value = [
					{
						f.fieldname: row.get(f.fieldname)
						for f in child_meta.fields
						if not f.read_only and row.get(f.fieldname) not in (None, "")
					}
					for row in value
				]
			body[df.fieldname] = value
		for f in default_fields:
			body.pop(f, None)
		bodies[key] = body
	return bodies


# --- permission matrix run (tests/security/test_permission_matrix.py): one call before, one after ------
MATRIX_REPORT_PREFIX = "Reliability "


def _make_user(email: str, roles: list[str], website: bool, password: str) -> None:
	if frappe.db.exists("User", email):
		return
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": "Reliability",
			"last_name": roles[0],
			"user_type": "Website User" if website else "System User",
			"send_welcome_email": 0,
			"new_password": password,
			"roles": [{"role": role} for role in roles],
		}
	)
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)


def _visible_first(user: str, doctypes: list[str]) -> dict:
	"""{DocType: the newest record `user` lists} (their list's rules, as `/api/resource` applies them)."""
	frappe.set_user(user)
	first = {}
	try:
		for dt in doctypes:
			try:
				rows = frappe.get_list(dt, pluck="name", limit_page_length=1, order_by="modified desc")
			except frappe.PermissionError:
				rows = []
			first[dt] = rows[0] if rows else None
	finally:
		frappe.set_user("Administrator")
	return first


def prepare_permission_probes(plan_file: str) -> None:
	"""Everything the HTTP matrix run needs, made in one process (prints one JSON line).

	plan_file: JSON {"users": {email: [roles]}, "make_users": [[email, [roles], website]], "password",
	"doctypes": [stored app DocTypes], "restricted": [DocTypes with a row rule]}. Made: the users that are
	missing, a Report Builder report per DocType (the "report" right), probe copies (`|w` draft, `|d`
	for delete, `|c` submitted for cancel) of a record each user lists (else the newest record), the create
	bodies and, for the submit probe, the draft copy as a document. `start` is the time before anything
	was written: the run's counts take only rows created up to then (rows the run writes cannot race them)."""
	with open(plan_file) as f:
		plan = json.load(f)
	for email, roles, website in plan.get("make_users", []):
		_make_user(email, roles, website, plan["password"])
	frappe.db.commit()
	start = frappe.utils.now()  # the clock Frappe writes `creation` with (the system time zone)
	before = {"name": ("not like", f"{PROBE_PREFIX}%"), "creation": ("<=", start)}
	stored = plan["doctypes"]
	newest, counts = {}, {}
	for dt in stored:
		rows = frappe.get_all(dt, filters=before, pluck="name", limit=1, order_by="modified desc")
		newest[dt] = rows[0] if rows else None
		counts[dt] = frappe.db.count(dt, before)
	reports = {}
	for dt in stored:
		name = f"{MATRIX_REPORT_PREFIX}{dt}"
		if not frappe.db.exists("Report", name):
			frappe.get_doc(
				{
					"doctype": "Report",
					"report_name": name,
					"ref_doctype": dt,
					"report_type": "Report Builder",
					"is_standard": "No",
					"json": json.dumps({"columns": [["name", dt]], "filters": []}),
				}
			).insert(ignore_permissions=True)
		reports[dt] = name
	submittable = set(frappe.get_all("DocType", {"name": ("in", stored), "is_submittable": 1}, pluck="name"))
	copy_plan, sources = [], {}
	for user in plan["users"]:
		own = _visible_first(user, [dt for dt in stored if newest[dt]])
		for dt in stored:
			if not newest[dt]:
				continue
			key, source = f"{user}|{dt}", own.get(dt) or newest[dt]
			sources[key] = [dt, source]
			if dt in submittable:  # the draft for the submit probe (a write tries the record itself)
				copy_plan.append({"key": f"{key}|w", "doctype": dt, "source": source, "docstatus": 0})
			copy_plan.append(
				{"key": f"{key}|d", "doctype": dt, "source": source, "docstatus": int(dt in submittable)}
			)
			if dt in submittable:
				copy_plan.append({"key": f"{key}|c", "doctype": dt, "source": source, "docstatus": 1})
	for item in copy_plan:
		item["bogus_links"] = 1
	copies = _probe_copies(copy_plan, set(plan["restricted"]))
	frappe.db.commit()
	submit_docs = {}
	for key, name in copies.items():
		dt = key.split("|")[1]
		if key.endswith("|w") and dt in submittable:
			doc = frappe.get_doc(dt, name).as_dict(convert_dates_to_str=True)
			doc["docstatus"] = 1
			submit_docs[key] = doc
	result = {
		"start": start,
		"newest": newest,
		"counts": counts,
		"reports": reports,
		"copies": copies,
		"bodies": _create_bodies(sources),
		"submit_docs": submit_docs,
	}
	print(json.dumps(result, default=str))


def cleanup_permission_probes(created_file: str) -> None:
	"""After the matrix run: the probe copies, the run's reports and the records its permitted inserts
	made (created_file: JSON [[DocType, name]]) are removed; prints what could not be."""
	with open(created_file) as f:
		created = json.load(f)
	left = []
	for dt, name in created:
		if not name or not frappe.db.exists(dt, name):
			continue
		try:
			frappe.delete_doc(dt, name, force=True, ignore_permissions=True)
		except Exception as e:
			frappe.db.rollback()
			left.append([dt, name, repr(e)[:200]])
		else:
			frappe.db.commit()
	for name in frappe.get_all("Report", {"name": ("like", f"{MATRIX_REPORT_PREFIX}%")}, pluck="name"):
		frappe.delete_doc("Report", name, force=True, ignore_permissions=True)
	frappe.db.commit()
	delete_probe_copies()
	print(json.dumps(left))
