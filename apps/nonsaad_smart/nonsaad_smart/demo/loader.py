"""Load the demo data set of Non Sa-at (repository-root fixtures/*.json) into a site. Idempotent.

    bench --site nonsaad.localhost execute nonsaad_smart.demo.loader.load_demo_data \
        --kwargs "{'path': '/path/to/fixtures'}"

Each loader upserts by a natural key (village number, national ID, user e-mail), so a second run
changes nothing. Each service adds its loader `fn(path: Path)` to the hook `nonsaad_demo_loaders`.
"""

import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

import frappe

CONSENT_DATE = "2026-10-01 09:00:00"


def read(path: Path, name: str):
	file = path / name
	return json.loads(file.read_text()) if file.exists() else None


def load_settings(path: Path) -> None:
	data = read(path, "smart_settings.json")
	if not data:
		return
	settings = frappe.get_single("Smart Settings")
	settings.update(data)
	settings.save(ignore_permissions=True)


def load_villages(path: Path) -> None:
	for row in read(path, "villages.json") or []:
		name = frappe.db.get_value("Village", {"village_no": row["village_no"]})
		doc = frappe.get_doc("Village", name) if name else frappe.new_doc("Village")
		doc.update(row)
		doc.save(ignore_permissions=True)


def village_names() -> dict[int, str]:
	return {v.village_no: v.name for v in frappe.get_all("Village", fields=["name", "village_no"])}


def load_citizens(path: Path) -> None:
	villages = village_names()
	existing = set(frappe.get_all("Citizen", pluck="national_id"))
	for row in read(path, "citizens.json") or []:
		if row["national_id"] in existing:
			continue
		row = dict(row)
		consent = row.pop("consent_given", False)
		row["village"] = villages[row.pop("village_no")]
		doc = frappe.get_doc({"doctype": "Citizen", **row})
		if consent:
			doc.consent_given_at = CONSENT_DATE
		doc.insert(ignore_permissions=True)


def load_users(path: Path) -> None:
	for row in read(path, "users.json") or []:
		email = row["email"]
		if frappe.db.exists("User", email):
			user = frappe.get_doc("User", email)
			if set(row["roles"]) - {r.role for r in user.roles}:
				user.add_roles(*row["roles"])
		else:
			is_citizen = row["roles"] == ["Citizen"]
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": row["first_name"],
					"language": "th",
					"send_welcome_email": 0,
					"user_type": "Website User" if is_citizen else "System User",
					"default_workspace": None if is_citizen else "Smart Government",
				}
			)
			user.flags.no_welcome_mail = True
			# the roles go in with the insert (what add_roles does, without a second save of the user)
			user.append_roles(*row["roles"])
			user.insert(ignore_permissions=True)
		from frappe.utils.password import update_password

		update_password(email, row["password"])
		if row.get("citizen_national_id"):
			citizen = frappe.db.get_value("Citizen", {"national_id": row["citizen_national_id"]})
			if citizen and frappe.db.get_value("Citizen", citizen, "user") != email:
				doc = frappe.get_doc("Citizen", citizen)
				doc.user = email
				doc.email = email
				doc.save(ignore_permissions=True)


CORE_LOADERS = [load_settings, load_villages, load_citizens, load_users]


def load_demo_data(path: str, processes: int | None = None) -> None:
	"""Core data first (settings, villages, citizens, users: every service reads them), then each
	service's loader (hook `nonsaad_demo_loaders`) in `processes` lanes (env NONSAAD_DEMO_PROCESSES,
	default 2; 1 = one after the other in hook order; demo/lanes.py)."""
	from nonsaad_smart.demo import lanes

	root = Path(path)
	if not root.is_dir():
		frappe.throw(f"demo data folder {path} not found")
	entries = lanes.hook_entries()
	count = processes or lanes.processes()
	total = len(CORE_LOADERS) + len(entries)
	results = []
	started = time.perf_counter()
	start_load()
	with quiet_load(), counting_round_trips():
		for i, loader in enumerate(CORE_LOADERS, 1):
			results.append(run_one(i, total, loader, root))
		if count == 1:
			for i, entry in enumerate(lanes.sequential_order(entries), len(CORE_LOADERS) + 1):
				results.append(run_one(i, total, frappe.get_attr(entry.method), root, label=entry.method))
	end_load()
	core = time.perf_counter() - started
	if count > 1:
		print(f"demo: {len(entries)} service loaders in {count} lanes", flush=True)
		results += lanes.run_in_lanes(entries, count, root, len(CORE_LOADERS) + 1, total)
	total_s = time.perf_counter() - started
	print("demo loader times:", flush=True)
	for result in sorted(results, key=lambda r: -r["seconds"]):
		lane = f"  (lane {result['lane']})" if result.get("lane") else ""
		print(f"  {result['seconds']:6.1f} s  {result['label']}{lane}", flush=True)
	if count > 1:
		print(
			f"core loaders {core:.1f} s, service loaders in {count} lanes {total_s - core:.1f} s", flush=True
		)
	print(f"demo data loaded from {root} in {total_s:.1f} s", flush=True)
	write_timings(results, total_s, processes=count)


def start_load() -> None:
	frappe.flags.in_demo_load = True
	# nothing is mailed while loading (welcome mails, notifications): the demo's people are not real
	frappe.flags.mute_emails = True
	from nonsaad_smart.smart_core import deferred

	deferred.collect_demo_workflow_actions()


def end_load() -> None:
	frappe.flags.nonsaad_workflow_docs = None
	frappe.db.commit()


def run_one(i: int, total: int, loader, root: Path, label: str | None = None) -> dict:
	"""One loader with its progress lines, its Workflow Actions and its commit; its time and round trips."""
	from nonsaad_smart.smart_core import deferred

	label = label or f"{loader.__module__}.{loader.__name__}"
	print(f"[{i}/{total}] {label} ...", flush=True)
	begun = time.perf_counter()
	before = dict(ROUND_TRIPS)
	SLOWEST_SQL.update(s=0.0, query="")
	run_loader(loader, root, label)
	deferred.flush_demo_workflow_actions()
	frappe.db.commit()
	forget_templates()
	seconds = time.perf_counter() - begun
	sql, redis = (ROUND_TRIPS[k] - before[k] for k in ("sql", "redis"))
	print(
		f"[{i}/{total}] {label} done in {seconds:.1f} s ({sql} SQL queries, {redis} Redis commands)",
		flush=True,
	)
	return {
		"label": label,
		"seconds": seconds,
		"sql": sql,
		"redis": redis,
		"slowest_sql_s": round(SLOWEST_SQL["s"], 3),
		"slowest_sql": SLOWEST_SQL["query"],
	}


# SQL queries and Redis commands of the load so far: on a loaded machine each round trip waits, so their
# number (which does not depend on the load) says more about a loader than its time
ROUND_TRIPS = {"sql": 0, "redis": 0}
# the slowest query of the current loader: with loaders in parallel lanes, a query waiting on another lane's
# row lock shows here (seconds where a query takes milliseconds)
SLOWEST_SQL = {"s": 0.0, "query": ""}


@contextmanager
def counting_round_trips():
	from frappe.utils.redis_wrapper import RedisWrapper

	db, sql = frappe.db, frappe.db.sql
	execute = RedisWrapper.execute_command
	own = "execute_command" in RedisWrapper.__dict__

	def counted_sql(*args, **kwargs):
		ROUND_TRIPS["sql"] += 1
		begun = time.perf_counter()
		try:
			return sql(*args, **kwargs)
		finally:
			took = time.perf_counter() - begun
			if took > SLOWEST_SQL["s"]:
				SLOWEST_SQL.update(s=took, query=str(args[0] if args else kwargs.get("query"))[:120])

	def counted_execute(self, *args, **kwargs):
		ROUND_TRIPS["redis"] += 1
		return execute(self, *args, **kwargs)

	db.sql = counted_sql
	RedisWrapper.execute_command = counted_execute
	try:
		yield
	finally:
		if own:
			RedisWrapper.execute_command = execute
		else:
			del RedisWrapper.execute_command
		if db.__dict__.get("sql") is counted_sql:
			del db.sql


@contextmanager
def quiet_load():
	"""What the load need not do once per record, done once at its end instead (the records are the same):

	- Frappe clears every notification counter of a user (one Redis HDEL per notification group, ≈ 100)
	  on each save of a User and each change of a user's cache, and a DocType's counters on each save of
	  its documents (doc_events "*" on_update: a config read and a DEL); while loading, the counters are
	  dropped once at the end for everybody and every group (a counter is a cache, rebuilt when it is next
	  read);
	- `frappe.set_user` (a loader acts as the officer who would act, switching users at every workflow
	  step) empties the process's local copy of Redis reads (meta, hooks, settings) and the new-document
	  templates, so every switch read them all again (a database query each for `is_single`): while
	  loading, the local copy is kept (its entries of one user are keyed by that user) and each user's
	  templates are kept for that user until the loader ends or the cache is cleared;
	- cached map layers (no loader reads them) are dropped once at the end, the per-record hook skips them;
	  Smart Core's process caches (boundary, villages, service types: loaders read them) still follow each
	  change, and are bumped once more at the end (loaders may also write in bulk, with no events);
	- ERPNext's check that no Transaction Deletion Record is running for the company (a query on every
	  validate of a document with a company: 4 per demo asset) is asked once per company: the load is one
	  process that starts no deletion, and a deletion found running still stops it (see deletion_checked_once).
	- the rest of what each record's save repeats (point reads, realtime, document cache, global search):
	  demo/quiet.py."""
	from frappe.core.doctype.user import user as user_module
	from frappe.desk import notifications

	original = notifications.clear_notifications
	clear_doctype_notifications = notifications.clear_doctype_notifications

	def clear_notifications(user=None):
		if user is None:
			original()

	def after_load_doctype_notifications(doc, method=None, *args, **kwargs):
		"""the hook's work is done by clear_notifications() at the end of the load"""

	original_set_user = frappe.set_user
	templates: dict[str, dict] = {}

	def set_user(username: str):
		current = frappe.session.user if getattr(frappe.local, "session", None) else None
		if current and templates.get(current) is not frappe.local.new_doc_templates:
			templates.clear()  # the cache was cleared since (frappe.clear_cache): nothing is kept
			templates[current] = frappe.local.new_doc_templates
		kept = frappe.local.cache
		original_set_user(username)
		frappe.local.cache = kept
		frappe.local.new_doc_templates = templates.setdefault(username, {})

	notifications.clear_notifications = clear_notifications
	notifications.clear_doctype_notifications = after_load_doctype_notifications
	user_module.clear_notifications = clear_notifications
	frappe.set_user = set_user
	frappe.flags.nonsaad_quiet_load = True
	frappe.flags.nonsaad_user_templates = templates
	restore_deletion_check = deletion_checked_once()
	from nonsaad_smart.demo.quiet import per_record_work_once

	try:
		with per_record_work_once():  # reads, realtime, document cache, global search (demo/quiet.py)
			yield
	finally:
		restore_deletion_check()
		frappe.flags.nonsaad_quiet_load = False
		frappe.flags.nonsaad_user_templates = None
		frappe.set_user = original_set_user
		notifications.clear_notifications = original
		notifications.clear_doctype_notifications = clear_doctype_notifications
		user_module.clear_notifications = original
		from nonsaad_smart.smart_core.cache import bump_all
		from nonsaad_smart.smart_core.gis import clear_layer_cache

		original()
		clear_layer_cache()
		bump_all()


def deletion_checked_once():
	"""ERPNext's `is_deletion_doc_running(company)` (doc_events "*" validate) asked once per company while
	loading: a company found with no deletion running is not asked again (a running deletion still raises,
	every time). Returns the function that puts ERPNext's own back."""
	try:
		from erpnext.setup.doctype.transaction_deletion_record import transaction_deletion_record as module
	except ImportError:
		return lambda: None
	original = module.is_deletion_doc_running
	idle: set[str] = set()

	def is_deletion_doc_running(company=None, err_msg=None):
		if not company or company in idle:
			return
		original(company, err_msg)  # raises while a deletion runs
		idle.add(company)

	module.is_deletion_doc_running = is_deletion_doc_running

	def restore():
		module.is_deletion_doc_running = original

	return restore


def forget_templates() -> None:
	"""Between loaders: the new-document templates are built again (a loader may change defaults)."""
	if frappe.flags.nonsaad_user_templates is not None:
		frappe.flags.nonsaad_user_templates.clear()
	frappe.local.new_doc_templates = {}


def run_loader(loader, root: Path, label: str) -> None:
	"""One loader; with NONSAAD_DEMO_PROFILE=<folder> under cProfile, written to <folder>/<label>.pstats
	(read with `python -m pstats`), to find what a slow loader spends its time on."""
	folder = os.environ.get("NONSAAD_DEMO_PROFILE")
	if not folder:
		loader(root)
		return
	import cProfile

	profile = cProfile.Profile()
	try:
		profile.runcall(loader, root)
	finally:
		Path(folder).mkdir(parents=True, exist_ok=True)
		profile.dump_stats(str(Path(folder) / f"{label}.pstats"))


def write_timings(results: list[dict], total: float, processes: int = 1) -> None:
	"""logs/demo-load-<site>.json under the bench (read by the benchmark summary and docs/performance.md)."""
	logs = Path(frappe.utils.get_bench_path()) / "logs"
	if not logs.is_dir():
		return
	data = {
		"site": frappe.local.site,
		"total_s": round(total, 2),
		"processes": processes,
		"loaders": [
			{
				"loader": r["label"],
				**{k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.items() if k != "label"},
			}
			for r in results
		],
	}
	try:
		(logs / f"demo-load-{frappe.local.site}.json").write_text(json.dumps(data, indent=1))
	except OSError:
		pass
