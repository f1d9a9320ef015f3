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
	leaked = leaked_transactions()
	if leaked:
		fail(f"db: {len(leaked)} database connections left with an open transaction by requests: {leaked}")
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
	leaked = leaked_transactions()
	if leaked:
		fail(
			f"redis: {len(leaked)} database connections left with an open transaction by refused requests: {leaked}"
		)
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
	"""The killed job's connection is gone and its transaction rolled back: no transaction that wrote or
	holds locks is left (another connection's read snapshot is not the job's; `leaked_transactions`)."""
	end = time.monotonic() + timeout
	query = (
		"select count(*) from information_schema.innodb_trx "
		"where trx_rows_modified > 0 or trx_rows_locked > 0 or trx_lock_structs > 0"
	)
	while time.monotonic() < end:
		if sql(query, db="mysql")[0][0] == "0":
			return True
		time.sleep(0.1)
	return False


def leaked_transactions(idle: int = 5) -> list[list[str]]:
	"""Transactions held by a connection idle for `idle` s or more: a request that ended without closing
	its database connection (the web server has no request in flight when this is called)."""
	time.sleep(idle + 1)
	return sql(
		"select t.trx_mysql_thread_id, t.trx_started, t.trx_rows_modified from information_schema.innodb_trx t "
		"join information_schema.processlist p on p.id = t.trx_mysql_thread_id "
		f"where p.command = 'Sleep' and p.time >= {idle}",
		db="mysql",
	)


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


class KillRun:
	"""One job run in an RQ worker that is SIGKILLed inside its batches (the loop both kill runs share):
	trial 0 measures the job, trials 1..n kill it when the desk's progress shows n/(trials+1) of it, check
	what is left (all or nothing, the state the user sees), then retry on a live worker. A subclass says
	how to reset, start, read and retry its job."""

	what = ""  # "stock check", "payment run"

	def __init__(self, name: str, expected: int):
		self.name, self.expected = name, expected
		self.marker = BASE / f"{self.what.replace(' ', '-')}-started"
		self.outcomes = {"complete": 0, "absent": 0, "half": 0}
		self.length, self.kills = None, []

	def reset(self): ...

	def enqueue(self, marker: str): ...

	def finished(self) -> bool: ...

	def examine(self, written: int, latency: float) -> int:
		"""After a kill (the transaction gone): check the state the user sees, print; return the lines kept."""

	def retry(self, lines: int): ...

	def retried(self) -> bool:
		"""The retry's job is done (polled)."""

	def check_retry(self, watch: "ProgressWatch"): ...

	def run(self, trials: int):
		watch = ProgressWatch(self.name)
		try:
			for trial in range(trials + 1):
				self.reset()
				self.marker.unlink(missing_ok=True)
				watch.clear()
				start_worker()
				self.enqueue(str(self.marker))
				began = wait_started(self.marker)
				if trial == 0:  # measures the job, end to end
					poll(self.finished, 6000, 0.02)
					self.length = max(0.05, time.time() - began)
					kill("worker", signal.SIGTERM)
					if not watch.events:
						fail(f"worker: the {self.what} published no progress (the kill cannot be placed)")
						return
					continue
				landed = kill_inside(watch, 100 * trial / (trials + 1), self.expected, self.what)
				if not landed:
					continue
				written, latency = landed
				self.kills.append(f"{written}/{self.expected}")
				if not 0 < written < self.expected:
					fail(f"worker: the kill did not land inside the {self.what} ({written}/{self.expected})")
				lines = self.examine(written, latency)
				if lines == self.expected:
					self.outcomes["complete"] += 1
				elif lines == 0:
					self.outcomes["absent"] += 1
				else:
					self.outcomes["half"] += 1
					fail(f"worker: {self.what} killed at {written}/{self.expected}: {lines} lines kept")
				start_worker()  # retry: a live worker, the same action again if it is not done
				watch.clear()
				self.retry(lines)
				poll(self.retried, 1200, 0.1)
				self.check_retry(watch)
				kill("worker", signal.SIGTERM)
		finally:
			watch.stop()

	def summary(self) -> str:
		return (
			f"{self.expected} lines per run, job ≈ {self.length or 0:.2f} s; killed {len(self.kills)} times when "
			f"the progress showed {', '.join(self.kills)} lines written: complete {self.outcomes['complete']}, "
			f"absent {self.outcomes['absent']}, half {self.outcomes['half']}"
		)


def poll(done, tries: int, every: float) -> bool:
	for _ in range(tries):
		if done():
			return True
		time.sleep(every)
	return False


def check_state(check: str) -> str:
	return sql(f"select workflow_state from `tabAsset Stock Check` where name='{check}'")[0][0]


class StockCheckKills(KillRun):
	"""The stock check's "Start Check" (line generation, one transaction) in chunks of STOCK_CHUNK lines."""

	what = "stock check"

	def reset(self):
		execute("nonsaad_smart.tests.reliability.reset_stock_check", self.name)

	def enqueue(self, marker: str):
		execute(
			"nonsaad_smart.tests.reliability.enqueue_start_stock_check",
			self.name,
			0,
			marker,
			STOCK_CHUNK,
			PAUSE,
		)

	def finished(self) -> bool:  # its lines appear at its commit
		return lines_of(self.name) == self.expected

	retried = finished

	def examine(self, written: int, latency: float) -> int:
		if not no_open_transaction():
			fail("worker: the killed job's transaction was still open after 60 s")
		lines, state = lines_of(self.name), check_state(self.name)
		if (lines == 0) != (state != "Checking"):
			fail(f"worker: lines {lines} but state {state}: the user would see the wrong state")
		print(
			f"    kill: progress showed {written}/{self.expected} lines ({latency * 1000:.0f} ms before "
			f"the SIGKILL); after it {lines} lines, state {state}"
		)
		return lines

	def retry(self, lines: int):
		if lines == 0:
			self.enqueue("")

	def check_retry(self, watch):
		done, state = lines_of(self.name), check_state(self.name)
		if done != self.expected or state != "Checking":
			fail(f"worker: the retry did not complete ({done}/{self.expected} lines, {state})")


def payment_lines(run: str) -> int:
	return int(sql(f"select count(*) from `tabAllowance Payment Line` where payment_run='{run}'")[0][0])


def run_status(run: str) -> str:
	return sql(f"select status from `tabAllowance Payment Run` where name='{run}'")[0][0]


class PaymentRunKills(KillRun):
	"""The allowance payment run (windows of PAYMENT_WINDOW registrations, PAUSE s after each): afterwards no
	line is kept, the run (as the officer opens it) shows Failed "interrupted", never Running."""

	what = "payment run"
	R = "nonsaad_smart.tests.reliability."

	def __init__(self, name: str, expected: int):
		super().__init__(name, expected)
		self.shown = set()

	def reset(self):
		execute(self.R + "reset_payment_run", self.name)

	def enqueue(self, marker: str):
		execute(self.R + "enqueue_payment_run", self.name, marker, PAYMENT_WINDOW)

	def finished(self) -> bool:
		return run_status(self.name) == "Completed"

	retried = finished

	def examine(self, written: int, latency: float) -> int:
		during = run_status(self.name)  # what the desk shows right after the kill, before anyone opens it
		if not no_open_transaction():
			fail("worker: the killed job's transaction was still open after 60 s")
		seen = execute(self.R + "print_payment_run_state", self.name)
		lines, self.status = seen["lines"], seen["status"]
		self.shown.add(f"{seen['status']} ({seen['error']})")
		if (lines == self.expected) != (seen["status"] == "Completed") or seen["status"] == "Running":
			fail(f"worker: payment run has {lines} lines but shows {seen['status']}: the wrong state")
		if lines == 0 and seen["status"] != "Failed":
			fail(f"worker: an interrupted payment run shows {seen['status']}, not Failed")
		print(
			f"    kill: progress showed {written}/{self.expected} lines ({latency * 1000:.0f} ms before "
			f"the SIGKILL); status then {during}; opened: {seen['status']}, {lines} lines"
		)
		return lines

	def retry(self, lines: int):
		if self.status != "Completed":
			execute(self.R + "retry_payment_run", self.name)

	def check_retry(self, watch):
		done = sql(f"select status, line_count from `tabAllowance Payment Run` where name='{self.name}'")[0]
		if (
			done[0] != "Completed"
			or payment_lines(self.name) != self.expected
			or int(done[1]) != self.expected
		):
			fail(
				f"worker: the payment run's retry did not complete ({done}, "
				f"{payment_lines(self.name)}/{self.expected})"
			)
		elif not watch.events:
			fail("worker: the retry published no progress to the desk")


def retries_note() -> str:
	return "every retry completed" if not any("retry" in f for f in failures) else "see failures"


def run_worker(trials: int):
	"""The stock check killed inside its line generation (StockCheckKills)."""
	state = execute("nonsaad_smart.tests.reliability.print_stock_check_for_fault")
	if not state:
		fail("worker: no stock check to start on the fault site")
		return
	kills = StockCheckKills(state["name"], state["assets"])
	log(
		f"worker: stock check {kills.name}, {kills.expected} lines in chunks of {STOCK_CHUNK} ({PAUSE} s "
		f"each); the worker is killed inside the generation at {trials} moments"
	)
	kills.run(trials)
	print(
		f"  worker figures: {kills.summary()} (absent = Draft, no line; "
		f"{-(-kills.expected // STOCK_CHUNK)} chunks); {retries_note()}"
	)


def run_worker_payment(trials: int):
	"""The allowance payment run killed inside its windows (PaymentRunKills)."""
	state = execute(PaymentRunKills.R + "print_payment_run_for_fault")
	if not state or not state["lines"]:
		fail("worker: no payment run with registrations on the fault site")
		return
	kills = PaymentRunKills(state["name"], state["lines"])
	log(
		f"worker: payment run {kills.name} ({kills.expected} lines, windows of {PAYMENT_WINDOW}, {PAUSE} s "
		f"each); the worker is killed inside the run at {trials} moments"
	)
	kills.run(trials)
	print(
		f"  payment run figures: {kills.summary()}; the officer then saw: {'; '.join(sorted(kills.shown))}; "
		f"retries: {retries_note()}"
	)


def queue_idle(timeout: float = 300) -> bool:
	"""Wait until the private Redis has no queued job and no live worker is busy (notifications are jobs
	too), seen twice a second apart: a job between its dequeue and the worker's "busy" is not missed. A
	killed worker's stale registration (its pid gone) does not count."""
	from redis import Redis
	from rq import Queue, Worker

	conn = Redis(port=REDIS_PORT)
	end, quiet = time.monotonic() + timeout, 0
	while time.monotonic() < end:
		busy = sum(q.count for q in Queue.all(connection=conn))
		for worker in Worker.all(connection=conn):
			if worker.get_state() == "busy" and worker.pid and Path(f"/proc/{worker.pid}").exists():
				busy += 1
		quiet = 0 if busy else quiet + 1
		if quiet >= 2:
			return True
		time.sleep(1)
	log(f"the queue was still busy after {timeout:.0f} s")
	return False


def run_scheduler():
	log("scheduler: daily jobs last ran two days ago; the scheduler ticks twice, each daily job is rerun")
	start_worker()
	figures = execute("nonsaad_smart.tests.reliability.scheduler_catch_up_setup")
	before = execute("nonsaad_smart.tests.reliability.print_effects")
	drained = []

	def drain():
		"""Count only when every job (notifications are jobs too) has run: no late arrival of a step's
		effects in the next step's column."""
		began = time.monotonic()
		time.sleep(3)
		queue_idle()
		drained.append(f"{time.monotonic() - began:.0f} s")

	ticks = [execute("nonsaad_smart.tests.reliability.tick_scheduler")]
	drain()
	first = execute("nonsaad_smart.tests.reliability.print_effects")
	ticks.append(execute("nonsaad_smart.tests.reliability.tick_scheduler"))
	drain()
	second = execute("nonsaad_smart.tests.reliability.print_effects")
	execute("nonsaad_smart.tests.reliability.run_daily_jobs_again")
	drain()
	third = execute("nonsaad_smart.tests.reliability.print_effects")
	kill("worker", signal.SIGTERM)
	changed = {k: (before.get(k, 0), first[k]) for k in first if first[k] != before.get(k, 0)}
	print(
		f"  scheduler figures: {figures}; jobs enqueued by the first tick {len(ticks[0])}, the second "
		f"{len(ticks[1])}; the queue drained after tick 1, tick 2, the rerun in {', '.join(drained)}"
	)
	print(f"  {'effect':34} {'before':>7} {'tick 1':>7} {'tick 2':>7} {'rerun':>7}")
	notified = sorted({k for k in (*before, *first, *third) if k.startswith("notified ")})
	for key in (
		"escalated today",
		"Notification Log",
		*notified,
		"duplicate notifications",
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
	again = {k: (first.get(k, 0), second[k]) for k in second if second[k] != first.get(k, 0)}
	rerun = {k: (second.get(k, 0), third[k]) for k in third if third[k] != second.get(k, 0)}
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
	sys.stdout.reconfigure(line_buffering=True)  # figures appear as they come, between the log lines
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
