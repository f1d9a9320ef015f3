"""Fault runs (issue 18), on a site of their own whose MariaDB and Redis are private instances started here.

    bin/nonsaad faults [--only db,redis,worker,payment,scheduler] [--clients 20] [--seconds 24] [--keep]

The shared MariaDB (3306) and Redis (6379) are never touched: the fault site's site_config points
db_host/db_port and redis_cache/redis_queue at a private `mariadbd` (port NONSAAD_FAULTS_DB_PORT, 3200 + test port % 1000)
and `redis-server` (NONSAAD_FAULTS_REDIS_PORT, 6200 + test port % 1000) under /tmp/nonsaad-faults-<port>/, loaded with a
copy of the test site's database; its own gunicorn listens on NONSAAD_FAULTS_PORT (8037). Only these
processes are killed and restarted. Prints figures for each run and exits 1 when a rule is broken:

- db: N clients post citizen reports while the MariaDB is killed (SIGKILL) and started again: every
  tracking number answered exists, is whole (status log row, submitted time, state) and unique; every
  other client got an error with a message (no traceback).
- redis: Redis is stopped while reports are posted: each is accepted or refused with a message, and
  every accepted one exists.
- worker: an RQ worker runs the stock check's "Start Check" (line generation), then the allowance payment
  run, and is killed at a spread of moments: afterwards the check / the run has all its lines or none, its
  state says which (a run whose job died shows Failed, not Running), and a retry completes it.
- scheduler: the daily jobs' last run is set two days back, the scheduler ticks twice and every daily job
  is run again: escalations and reminders happen once (the second tick and the rerun change nothing).
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SITES = ROOT / "sites"
PY = str(ROOT / "env/bin/python")
TEST_SITE = os.environ.get("NONSAAD_TEST_SITE", "test.nonsaad.localhost")
TEST_PORT = int(os.environ.get("NONSAAD_TEST_PORT", "8001"))
# per test port (8124 -> 3324, 6324): two benches on one machine run their fault runs side by side
DB_PORT = int(os.environ.get("NONSAAD_FAULTS_DB_PORT", str(3200 + TEST_PORT % 1000)))
REDIS_PORT = int(os.environ.get("NONSAAD_FAULTS_REDIS_PORT", str(6200 + TEST_PORT % 1000)))
WEB_PORT = int(os.environ.get("NONSAAD_FAULTS_PORT", str(TEST_PORT + 10)))
SITE = f"faults-{TEST_PORT}.localhost"
BASE = Path(f"/tmp/nonsaad-faults-{TEST_PORT}")
SOCK = BASE / "mysqld.sock"
DB_NAME, DB_USER = "faults", "faults"
DB_PASSWORD = uuid.uuid4().hex
ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
procs: dict[str, subprocess.Popen] = {}
failures: list[str] = []


def log(msg: str):
	print(f"[faults {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def fail(msg: str):
	failures.append(msg)
	print(f"  FAIL: {msg}", flush=True)


# --- private services ----------------------------------------------------------------------------
def sql(query: str, db: str = DB_NAME) -> list[list[str]]:
	out = subprocess.run(
		["mariadb", f"--socket={SOCK}", "-uroot", "-N", "-B", db, "-e", query],
		capture_output=True,
		text=True,
		check=True,
	)
	return [line.split("\t") for line in out.stdout.splitlines()]


def start_mariadb():
	log = open(BASE / "mariadb.log", "a")
	procs["db"] = subprocess.Popen(
		[
			"/usr/sbin/mariadbd",
			"--no-defaults",
			f"--datadir={BASE / 'data'}",
			f"--port={DB_PORT}",
			f"--socket={SOCK}",
			"--bind-address=127.0.0.1",
			"--skip-log-bin",
			"--innodb-buffer-pool-size=96M",
			"--innodb-log-file-size=48M",
			"--character-set-server=utf8mb4",
			"--collation-server=utf8mb4_unicode_ci",
			"--max-connections=200",
			f"--pid-file={BASE / 'mysqld.pid'}",
		],
		stdout=log,
		stderr=log,
	)
	for _ in range(120):
		if (
			subprocess.run(
				["mariadb-admin", f"--socket={SOCK}", "-uroot", "ping"], capture_output=True
			).returncode
			== 0
		):
			return
		time.sleep(0.5)
	raise SystemExit("the private MariaDB did not start (see mariadb.log)")


def descendants(pid: int) -> list[int]:
	"""Child processes of `pid`, recursively (RQ's work horse starts a session of its own: killpg misses it)."""
	children = {}
	for proc in Path("/proc").iterdir():
		if proc.name.isdigit():
			try:
				ppid = int((proc / "stat").read_text().rsplit(") ", 1)[1].split()[1])
			except (OSError, IndexError, ValueError):
				continue
			children.setdefault(ppid, []).append(int(proc.name))
	out, todo = [], [pid]
	while todo:
		for child in children.get(todo.pop(), []):
			out.append(child)
			todo.append(child)
	return out


def kill(name: str, sig=signal.SIGKILL):
	p = procs.get(name)
	if p and p.poll() is None and name == "worker":
		for child in descendants(p.pid):  # the work horse first: it holds the job's transaction
			try:
				os.kill(child, sig)
			except ProcessLookupError:
				pass
	if p and p.poll() is None:
		os.killpg(p.pid, sig) if name in ("web", "worker") else p.send_signal(sig)
		try:
			p.wait(30)
		except subprocess.TimeoutExpired:
			p.kill()
			p.wait()


def start_redis():
	procs["redis"] = subprocess.Popen(
		[
			"redis-server",
			"--port",
			str(REDIS_PORT),
			"--bind",
			"127.0.0.1",
			"--save",
			"",
			"--appendonly",
			"no",
			"--dir",
			str(BASE),
		],
		stdout=open(BASE / "redis.log", "a"),
		stderr=subprocess.STDOUT,
	)
	for _ in range(60):
		if (
			subprocess.run(
				["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True
			).stdout.strip()
			== "PONG"
		):
			return
		time.sleep(0.25)
	raise SystemExit("the private Redis did not start")


def start_web():
	procs["web"] = subprocess.Popen(
		[
			str(ROOT / "env/bin/gunicorn"),
			"--bind",
			f"127.0.0.1:{WEB_PORT}",
			"--workers",
			"2",
			"--threads",
			"6",
			"--timeout",
			"60",
			"nonsaad_smart.wsgi:application",
		],
		cwd=SITES,
		stdout=open(BASE / "web.log", "a"),
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	for _ in range(240):
		try:
			if requests.get(
				f"http://127.0.0.1:{WEB_PORT}/api/method/ping", headers={"Host": SITE}, timeout=5
			).ok:
				return
		except requests.RequestException:
			pass
		time.sleep(0.5)
	raise SystemExit("the fault site's gunicorn did not answer (see web.log)")


def start_worker():
	"""An RQ worker on the private Redis (Frappe's worker reads the bench's Redis, not the site's)."""
	code = (
		"import sys, frappe; from redis import Redis; from rq import Worker, Queue;"
		f"conn = Redis(port={REDIS_PORT});"
		"qs = [Queue(n, connection=conn) for n in frappe.utils.background_jobs.get_queue_list(build_queue_name=True)];"
		"Worker(qs, connection=conn).work(logging_level='WARNING')"
	)
	procs["worker"] = subprocess.Popen(
		[PY, "-c", "import frappe.utils.background_jobs;" + code],
		cwd=SITES,
		stdout=open(BASE / "worker.log", "a"),
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	time.sleep(3)


def execute(method: str, *args):
	cmd = [PY, "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE, "execute", method]
	if args:
		cmd += ["--args", repr(list(args))]
	out = subprocess.run(cmd, cwd=SITES, capture_output=True, text=True)
	if out.returncode:
		raise RuntimeError(f"{method}: {out.stderr[-2000:]}")
	lines = out.stdout.strip().splitlines()
	return json.loads(lines[-1]) if lines else None


def setup():
	test_conf = json.loads((SITES / TEST_SITE / "site_config.json").read_text())
	if BASE.exists():
		shutil.rmtree(BASE)
	(BASE / "data").mkdir(parents=True)
	log(f"private MariaDB on {DB_PORT}, Redis on {REDIS_PORT}, fault site {SITE} on {WEB_PORT} ({BASE})")
	subprocess.run(
		[
			"mariadb-install-db",
			"--no-defaults",
			f"--datadir={BASE / 'data'}",
			"--auth-root-authentication-method=normal",
			"--skip-test-db",
		],
		check=True,
		capture_output=True,
	)
	start_mariadb()
	start_redis()
	sql(
		f"CREATE DATABASE {DB_NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
		f"CREATE USER '{DB_USER}'@'%' IDENTIFIED BY '{DB_PASSWORD}';"
		f"CREATE USER '{DB_USER}'@'localhost' IDENTIFIED BY '{DB_PASSWORD}';"
		f"GRANT ALL ON {DB_NAME}.* TO '{DB_USER}'@'%'; GRANT ALL ON {DB_NAME}.* TO '{DB_USER}'@'localhost';",
		db="mysql",
	)
	log(f"copying the test site's database ({TEST_SITE}) into the private MariaDB")
	dump = subprocess.Popen(
		[
			"mariadb-dump",
			"-h",
			"127.0.0.1",
			"-u",
			test_conf["db_name"],
			f"-p{test_conf['db_password']}",
			"--single-transaction",
			"--quick",
			test_conf["db_name"],
		],
		stdout=subprocess.PIPE,
	)
	subprocess.run(["mariadb", f"--socket={SOCK}", "-uroot", DB_NAME], stdin=dump.stdout, check=True)
	dump.wait()
	site_dir = SITES / SITE
	if site_dir.exists():
		shutil.rmtree(site_dir)
	for sub in ("public/files", "private/files", "logs", "locks"):
		(site_dir / sub).mkdir(parents=True)
	redis = f"redis://127.0.0.1:{REDIS_PORT}"
	(site_dir / "site_config.json").write_text(
		json.dumps(
			{
				"db_name": DB_NAME,
				"db_password": DB_PASSWORD,
				"db_host": "127.0.0.1",
				"db_port": DB_PORT,
				"db_type": "mariadb",
				"encryption_key": test_conf["encryption_key"],
				"redis_cache": redis,
				"redis_queue": redis,
				"redis_socketio": redis,
				"nonsaad_trusted_proxies": ["127.0.0.1"],
				"nonsaad_web_form_rate_limit": 100000,
				"host_name": f"http://{SITE}:{WEB_PORT}",
				"pause_scheduler": 1,
			},
			indent=1,
		)
	)
	start_web()


def teardown(keep: bool):
	for name in ("worker", "web", "redis", "db"):
		kill(name, signal.SIGTERM)
	if not keep:
		shutil.rmtree(SITES / SITE, ignore_errors=True)
		shutil.rmtree(BASE, ignore_errors=True)


# --- posting reports -----------------------------------------------------------------------------
def report(marker: str) -> dict:
	return {
		"service_type": "WASTE",
		"description": f"ขยะล้นถัง {marker}",
		"latitude": round(16.96 + random.random() * 0.02, 6),
		"longitude": round(102.28 + random.random() * 0.02, 6),
		"requester_name": "นายทดสอบ ทนทาน",
		"requester_phone": "0812345678",
	}


def post(marker: str) -> dict:
	ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
	started = time.monotonic()
	try:
		r = requests.post(
			f"http://127.0.0.1:{WEB_PORT}{ACCEPT}",
			data={"web_form": "report", "data": json.dumps(report(marker))},
			headers={"Host": SITE, "X-Forwarded-For": ip, "Accept": "application/json"},
			timeout=60,
		)
	except requests.RequestException as e:
		return {
			"marker": marker,
			"status": 0,
			"error": f"connection: {type(e).__name__}",
			"seconds": time.monotonic() - started,
		}
	out = {"marker": marker, "status": r.status_code, "seconds": time.monotonic() - started}
	try:
		body = r.json()
	except ValueError:
		body = {}
	if r.status_code == 200 and isinstance(body.get("message"), dict):
		out["number"] = body["message"].get("name")
	else:
		try:
			messages = " ".join(
				json.loads(m).get("message", "") for m in json.loads(body.get("_server_messages") or "[]")
			)
		except (ValueError, AttributeError):
			messages = ""
		# a clear error: a message the form can show (not a bare exception name or an HTML page)
		out["clear"] = bool(messages or (isinstance(body.get("message"), str) and body.get("message")))
		out["error"] = messages or body.get("message") or r.text[:120]
		out["traceback"] = "Traceback (most recent call last)" in r.text
	return out


def whole(numbers: list[str]) -> tuple[int, list[str]]:
	"""How many of `numbers` exist, and those that are not whole (no status log row / time / state)."""
	if not numbers:
		return 0, []
	names = ",".join(f"'{n}'" for n in numbers)
	rows = sql(
		"select sr.name, sr.workflow_state, sr.submitted_on, "
		"(select count(*) from `tabService Request Status Log` l where l.parent = sr.name) "
		f"from `tabService Request` sr where sr.name in ({names})"
	)
	broken = [r[0] for r in rows if not r[1] or r[2] in ("NULL", "") or int(r[3]) < 1]
	return len(rows), broken


def written_with(tag: str) -> list[str]:
	return [r[0] for r in sql(f"select name from `tabService Request` where description like '%{tag}%'")]


def summarize(results: list[dict], label: str):
	ok = [r for r in results if r.get("number")]
	errors = [r for r in results if not r.get("number")]
	kinds: dict[str, int] = {}
	for r in errors:
		kinds[f"HTTP {r['status']}: {str(r.get('error'))[:70]}"] = (
			kinds.get(f"HTTP {r['status']}: {str(r.get('error'))[:70]}", 0) + 1
		)
	log(f"{label}: {len(results)} posted, {len(ok)} got a tracking number, {len(errors)} got an error")
	for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]):
		print(f"    {v:4d} × {k}")
	return ok, errors


def run_db(clients: int, seconds: int):
	log(f"db: {clients} clients post reports for {seconds} s; the MariaDB is killed at 1/3 and started again")
	tag = f"dbrun-{uuid.uuid4().hex[:8]}"
	results, lock, stop = [], threading.Lock(), threading.Event()

	def client(i):
		n = 0
		while not stop.is_set():
			n += 1
			r = post(f"{tag}-{i}-{n}")
			with lock:
				results.append(r)

	threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
	for t in threads:
		t.start()
	time.sleep(seconds / 3)
	log("db: SIGKILL to the private mariadbd")
	down_at = time.monotonic()
	kill("db")
	time.sleep(2)
	start_mariadb()
	log(f"db: MariaDB back after {time.monotonic() - down_at:.1f} s")
	time.sleep(seconds * 2 / 3)
	stop.set()
	for t in threads:
		t.join()
	ok, errors = summarize(results, "db")
	numbers = [r["number"] for r in ok]
	if len(set(numbers)) != len(numbers):
		fail(f"db: duplicate tracking numbers answered: {len(numbers) - len(set(numbers))}")
	exist, broken = whole(numbers)
	if exist != len(set(numbers)):
		fail(f"db: {len(set(numbers)) - exist} answered tracking numbers do not exist")
	if broken:
		fail(f"db: half-written requests: {broken[:10]}")
	written = written_with(tag)
	unanswered = sorted(set(written) - set(numbers))
	_exist, broken_w = whole(written)
	if broken_w:
		fail(f"db: half-written rows: {broken_w[:10]}")
	bad_errors = [r for r in errors if r.get("traceback") or not r.get("clear")]
	if bad_errors:
		fail(f"db: {len(bad_errors)} errors without a clear message, e.g. {bad_errors[0]}")
	if not ok:
		fail("db: no report was accepted at all")
	print(
		f"  db figures: answered {len(numbers)} ({len(numbers) - len(set(numbers))} duplicates, "
		f"{len(set(numbers)) - exist} missing, {len(broken)} half-written); written but the client "
		f"got an error {len(unanswered)}; errors {len(errors)}; clients {clients}"
	)


def run_redis(count: int):
	log(f"redis: Redis stopped; {count} reports posted one after another")
	tag = f"redisrun-{uuid.uuid4().hex[:8]}"
	kill("redis")
	results = [post(f"{tag}-{i}") for i in range(count)]
	start_redis()
	after = [post(f"{tag}-after-{i}") for i in range(3)]
	ok, errors = summarize(results, "redis down")
	summarize(after, "redis back")
	numbers = [r["number"] for r in ok + [a for a in after if a.get("number")]]
	exist, broken = whole(numbers)
	if exist != len(set(numbers)) or broken:
		fail(f"redis: accepted reports lost or broken ({exist}/{len(numbers)}, broken {broken[:5]})")
	bad = [r for r in errors if r.get("traceback") or not r.get("clear")]
	if bad:
		fail(f"redis: {len(bad)} refusals without a clear message, e.g. {bad[0]}")
	if not all(a.get("number") for a in after):
		fail("redis: after Redis came back a report was not accepted")
	print(
		f"  redis figures: accepted while down {len(ok)}/{count}, refused with a message {len(errors) - len(bad)}"
	)


class ProgressWatch:
	"""The desk's progress bar, read where the desk reads it: the job's `frappe.publish_progress` events on
	the private Redis ("events" channel, what the socket.io server relays to an open form)."""

	def __init__(self, docname: str):
		import redis

		self.docname, self.events, self.cond = docname, [], threading.Condition()
		self.pubsub = redis.Redis(port=REDIS_PORT).pubsub(ignore_subscribe_messages=True)
		self.pubsub.subscribe("events")
		self.thread = threading.Thread(target=self._listen, daemon=True)
		self.thread.start()

	def _listen(self):
		try:
			for item in self.pubsub.listen():
				try:
					event = json.loads(item["data"])
				except (TypeError, ValueError):
					continue
				message = event.get("message") or {}
				if event.get("event") != "progress" or self.docname not in str(event.get("room")):
					continue
				with self.cond:
					self.events.append((time.time(), float(message.get("percent") or 0), message))
					self.cond.notify_all()
		except Exception:  # the connection closed (stop) or Redis went away: no more events
			return

	def clear(self):
		with self.cond:
			self.events = []

	def wait_for(self, percent: float, timeout: float = 120) -> tuple[float, float, dict] | None:
		"""The first event with `percent` <= its percent < 100 (the job is inside its batches): (time,
		percent, message)."""
		end = time.time() + timeout
		with self.cond:
			while time.time() < end:
				for at, seen, message in self.events:
					if percent <= seen < 100:
						return at, seen, message
				self.cond.wait(0.05)
		return None

	def stop(self):
		try:
			self.pubsub.close()
		except Exception:
			pass


def no_open_transaction(timeout: float = 60) -> bool:
	"""The killed job's connection is gone and its transaction rolled back (its row locks released)."""
	end = time.monotonic() + timeout
	while time.monotonic() < end:
		if sql("select count(*) from information_schema.innodb_trx", db="mysql")[0][0] == "0":
			return True
		time.sleep(0.1)
	return False


def lines_of(check: str) -> int:
	return int(sql(f"select count(*) from `tabAsset Stock Check Line` where stock_check='{check}'")[0][0])


STOCK_CHUNK, PAYMENT_WINDOW, PAUSE = 20, 2, 0.1


def wait_started(marker: Path) -> float:
	for _ in range(6000):
		if marker.exists() and marker.read_text():
			return float(marker.read_text())
		time.sleep(0.01)
	raise SystemExit(f"the job did not start ({marker}; see {BASE / 'worker.log'})")


def kill_inside(watch: ProgressWatch, target: float, total: int, what: str) -> tuple[int, float] | None:
	"""SIGKILL the worker (work horse first) as soon as the desk's progress shows `target` % or more but
	not 100 %: the job is between two of its batches, lines written and not committed. Returns (lines
	written by then, seconds from the event to the kill), None if no such event came."""
	seen = watch.wait_for(target)
	if not seen:
		fail(f"worker: {what}: no progress event at {target:.0f} % or more before the job ended")
		kill("worker")
		return None
	at, percent, message = seen
	kill("worker")
	# "k of N payments" where the job says it (any language: the two numbers), else from the percentage
	numbers = [int(n) for n in re.findall(r"\d+", str(message.get("description") or ""))]
	if len(numbers) == 2 and numbers[1] == total:
		return numbers[0], time.time() - at
	return round(percent * total / 100), time.time() - at


def run_worker(trials: int):
	"""The stock check's "Start Check" (line generation, one transaction) in chunks of STOCK_CHUNK lines,
	each publishing its progress; the worker is killed when the progress shows k of N lines, 0 < k < N."""
	state = execute("nonsaad_smart.tests.reliability.print_stock_check_for_fault")
	if not state:
		fail("worker: no stock check to start on the fault site")
		return
	check, expected = state["name"], state["assets"]
	log(
		f"worker: stock check {check}, {expected} lines in chunks of {STOCK_CHUNK} ({PAUSE} s each); the "
		f"worker is killed inside the generation at {trials} moments"
	)
	outcomes = {"complete": 0, "absent": 0, "half": 0}
	length, kills = None, []
	marker = BASE / "job-started"
	watch = ProgressWatch(check)
	try:
		for trial in range(trials + 1):
			execute("nonsaad_smart.tests.reliability.reset_stock_check", check)
			marker.unlink(missing_ok=True)
			watch.clear()
			start_worker()
			execute(
				"nonsaad_smart.tests.reliability.enqueue_start_stock_check",
				check,
				0,
				str(marker),
				STOCK_CHUNK,
				PAUSE,
			)
			began = wait_started(marker)
			if trial == 0:  # the first run measures the job (its lines appear at its commit)
				for _ in range(6000):
					if lines_of(check) == expected:
						break
					time.sleep(0.02)
				length = max(0.05, time.time() - began)
				if not watch.events:
					fail("worker: the stock check's job published no progress (the kill cannot be placed)")
					kill("worker", signal.SIGTERM)
					return
				kill("worker", signal.SIGTERM)
				continue
			target = 100 * trial / (trials + 1)
			landed = kill_inside(watch, target, expected, "stock check")
			if not landed:
				continue
			written, latency = landed
			kills.append(f"{written}/{expected}")
			if not no_open_transaction():
				fail("worker: the killed job's transaction was still open after 60 s")
			lines = lines_of(check)
			state_now = sql(f"select workflow_state from `tabAsset Stock Check` where name='{check}'")[0][0]
			if lines == expected:
				outcomes["complete"] += 1
			elif lines == 0:
				outcomes["absent"] += 1
			else:
				outcomes["half"] += 1
				fail(
					f"worker: killed at {written}/{expected} lines written: {lines} kept (state {state_now})"
				)
			if not 0 < written < expected:
				fail(f"worker: the kill did not land inside the generation ({written}/{expected})")
			if (lines == 0) != (state_now != "Checking"):
				fail(f"worker: lines {lines} but state {state_now}: the user would see the wrong state")
			print(
				f"    kill {trial}: progress showed {written}/{expected} lines ({latency * 1000:.0f} ms before "
				f"the SIGKILL); after it {lines} lines, state {state_now}"
			)
			# retry: a live worker, the same action again if it is not done
			start_worker()
			if lines == 0:
				execute(
					"nonsaad_smart.tests.reliability.enqueue_start_stock_check",
					check,
					0,
					"",
					STOCK_CHUNK,
					PAUSE,
				)
			for _ in range(1200):
				done = lines_of(check)
				if done == expected:
					break
				time.sleep(0.1)
			state_now = sql(f"select workflow_state from `tabAsset Stock Check` where name='{check}'")[0][0]
			if done != expected or state_now != "Checking":
				fail(f"worker: the retry did not complete ({done}/{expected} lines, {state_now})")
			kill("worker", signal.SIGTERM)
	finally:
		watch.stop()
	print(
		f"  worker figures: {expected} lines per run in {-(-expected // STOCK_CHUNK)} chunks, job ≈ {length:.2f} s; "
		f"killed {trials} times when the progress showed {', '.join(kills)} lines written: "
		f"complete {outcomes['complete']}, absent {outcomes['absent']} (Draft, no line), half {outcomes['half']}; "
		f"{'every retry completed' if not any('retry' in f for f in failures) else 'see failures'}"
	)


def payment_lines(run: str) -> int:
	return int(sql(f"select count(*) from `tabAllowance Payment Line` where payment_run='{run}'")[0][0])


def run_status(run: str) -> str:
	return sql(f"select status from `tabAllowance Payment Run` where name='{run}'")[0][0]


def run_worker_payment(trials: int):
	"""The allowance payment run (windows of PAYMENT_WINDOW registrations, PAUSE s after each: a long job),
	the worker killed when the run's progress shows k of N lines written, 0 < k < N: afterwards no line is
	kept, the run (as the officer opens it) shows Failed "interrupted", never Running, and a retry
	completes it."""
	R = "nonsaad_smart.tests.reliability."
	state = execute(R + "print_payment_run_for_fault")
	if not state or not state["lines"]:
		fail("worker: no payment run with registrations on the fault site")
		return
	run, expected = state["name"], state["lines"]
	log(
		f"worker: payment run {run} ({expected} lines, windows of {PAYMENT_WINDOW}, {PAUSE} s each); the "
		f"worker is killed inside the run at {trials} moments"
	)
	outcomes = {"complete": 0, "absent": 0, "half": 0}
	marker = BASE / "payment-started"
	length, kills, shown = None, [], set()
	watch = ProgressWatch(run)
	try:
		for trial in range(trials + 1):
			execute(R + "reset_payment_run", run)
			marker.unlink(missing_ok=True)
			watch.clear()
			start_worker()
			execute(R + "enqueue_payment_run", run, str(marker), PAYMENT_WINDOW)
			began = wait_started(marker)
			if trial == 0:  # measures the job: until the run is Completed
				for _ in range(6000):
					if run_status(run) == "Completed":
						break
					time.sleep(0.02)
				length = max(0.05, time.time() - began)
				kill("worker", signal.SIGTERM)
				if not watch.events:
					fail("worker: the payment run published no progress (the kill cannot be placed)")
					return
				continue
			target = 100 * trial / (trials + 1)
			landed = kill_inside(watch, target, expected, "payment run")
			if not landed:
				continue
			written, latency = landed
			kills.append(f"{written}/{expected}")
			during = run_status(run)  # what the desk shows right after the kill, before anyone opens it
			if not no_open_transaction():
				fail("worker: the killed job's transaction was still open after 60 s")
			seen = execute(R + "print_payment_run_state", run)
			lines = seen["lines"]
			shown.add(f"{seen['status']} ({seen['error']})")
			if lines == expected:
				outcomes["complete"] += 1
			elif lines == 0:
				outcomes["absent"] += 1
			else:
				outcomes["half"] += 1
				fail(f"worker: payment run killed at {written}/{expected}: {lines} of {expected} lines kept")
			if not 0 < written < expected:
				fail(f"worker: the kill did not land inside the payment run ({written}/{expected})")
			if (lines == expected) != (seen["status"] == "Completed") or seen["status"] == "Running":
				fail(f"worker: payment run has {lines} lines but shows {seen['status']}: the wrong state")
			if lines == 0 and seen["status"] != "Failed":
				fail(f"worker: an interrupted payment run shows {seen['status']}, not Failed")
			print(
				f"    kill {trial}: progress showed {written}/{expected} lines ({latency * 1000:.0f} ms before "
				f"the SIGKILL); status then {during}; opened: {seen['status']}, {lines} lines"
			)
			start_worker()
			watch.clear()
			if seen["status"] != "Completed":
				execute(R + "retry_payment_run", run)
			for _ in range(1200):
				done = sql(f"select status, line_count from `tabAllowance Payment Run` where name='{run}'")[0]
				if done[0] == "Completed":
					break
				time.sleep(0.1)
			if done[0] != "Completed" or payment_lines(run) != expected or int(done[1]) != expected:
				fail(
					f"worker: the payment run's retry did not complete ({done}, {payment_lines(run)}/{expected})"
				)
			elif not watch.events:
				fail("worker: the retry published no progress to the desk")
			kill("worker", signal.SIGTERM)
	finally:
		watch.stop()
	print(
		f"  payment run figures: {expected} lines per run, job ≈ {length:.2f} s; killed {trials} times when "
		f"the progress showed {', '.join(kills)} lines written: complete {outcomes['complete']}, absent "
		f"{outcomes['absent']}, half {outcomes['half']}; the officer then saw: {'; '.join(sorted(shown))}; "
		f"retries: {'every one completed (status Completed, all lines)' if not any('retry' in f for f in failures) else 'see failures'}"
	)


def queue_idle(timeout: float = 300) -> bool:
	"""Wait until the private Redis has no queued or running job (notifications are jobs too)."""
	end = time.monotonic() + timeout
	while time.monotonic() < end:
		busy = 0
		keys = subprocess.run(
			["redis-cli", "-p", str(REDIS_PORT), "--scan", "--pattern", "rq:*"],
			capture_output=True,
			text=True,
		).stdout.split()
		for key in keys:
			if key.startswith("rq:queue:") and not key.endswith((":intermediate",)):
				cmd = "LLEN"
			elif key.startswith("rq:wip:"):
				cmd = "ZCARD"
			else:
				continue
			out = subprocess.run(
				["redis-cli", "-p", str(REDIS_PORT), cmd, key], capture_output=True, text=True
			)
			busy += int(out.stdout.strip() or 0) if out.stdout.strip().lstrip("-").isdigit() else 0
		if not busy:
			return True
		time.sleep(1)
	return False


def run_scheduler():
	log("scheduler: daily jobs last ran two days ago; the scheduler ticks twice, each daily job is rerun")
	start_worker()
	figures = execute("nonsaad_smart.tests.reliability.scheduler_catch_up_setup")
	before = execute("nonsaad_smart.tests.reliability.print_effects")
	ticks = [execute("nonsaad_smart.tests.reliability.tick_scheduler")]
	time.sleep(3)
	queue_idle()
	first = execute("nonsaad_smart.tests.reliability.print_effects")
	ticks.append(execute("nonsaad_smart.tests.reliability.tick_scheduler"))
	time.sleep(3)
	queue_idle()
	second = execute("nonsaad_smart.tests.reliability.print_effects")
	execute("nonsaad_smart.tests.reliability.run_daily_jobs_again")
	time.sleep(3)
	queue_idle()
	third = execute("nonsaad_smart.tests.reliability.print_effects")
	kill("worker", signal.SIGTERM)
	changed = {k: (before[k], first[k]) for k in first if first[k] != before.get(k)}
	print(
		f"  scheduler figures: {figures}; jobs enqueued by the first tick {len(ticks[0])}, the second {len(ticks[1])}"
	)
	print(f"  {'effect':34} {'before':>7} {'tick 1':>7} {'tick 2':>7} {'rerun':>7}")
	for key in (
		"escalated today",
		"Notification Log",
		"Email Queue",
		"stock checks reminded today",
		"disposals reminded today",
		"Comment",
		"Communication",
	):
		print(
			f"  {key:34} {before.get(key, 0):7} {first.get(key, 0) - before.get(key, 0):+7} "
			f"{second.get(key, 0) - first.get(key, 0):+7} {third.get(key, 0) - second.get(key, 0):+7}"
		)
	if not changed:
		fail("scheduler: the catch-up did nothing (no overdue request was escalated)")
	again = {k: (first[k], second[k]) for k in second if second[k] != first[k]}
	rerun = {k: (second[k], third[k]) for k in third if third[k] != second[k]}
	if again:
		fail(f"scheduler: the second tick did it again: {again}")
	if rerun:
		fail(f"scheduler: rerunning the daily jobs did it again: {rerun}")


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("--only", default="db,redis,worker,payment,scheduler")
	parser.add_argument("--clients", type=int, default=20)
	parser.add_argument("--seconds", type=int, default=24)
	parser.add_argument("--trials", type=int, default=4)
	parser.add_argument("--keep", action="store_true")
	args = parser.parse_args()
	if not (SITES / TEST_SITE / "site_config.json").exists():
		raise SystemExit(f"no test site {TEST_SITE}: run bin/nonsaad test-server first")
	only = set(args.only.split(","))
	started = time.monotonic()
	try:
		setup()
		if "db" in only:
			run_db(args.clients, args.seconds)
		if "redis" in only:
			run_redis(10)
		if "worker" in only:
			run_worker(args.trials)
		if "payment" in only:
			run_worker_payment(args.trials)
		if "scheduler" in only:
			run_scheduler()
	finally:
		teardown(args.keep)
	log(f"done in {time.monotonic() - started:.0f} s: {len(failures)} failures")
	for f in failures:
		print(f"  - {f}")
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
