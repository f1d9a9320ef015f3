"""The stock distributed Frappe deployment, on this one machine (issue 20): `bin/nonsaad cluster [--keep]`.

Starts, all private and all stopped again at the end (the shared MariaDB 3306 / Redis 6379 are only read,
to copy the test site's database):
- MariaDB primary (NONSAAD_CLUSTER_DB_PORT, 3427: binlog, GTID, server_id 1) and a replica of it (3428:
  read_only, CHANGE MASTER … MASTER_USE_GTID=slave_pos), datadirs under /tmp/nonsaad-cluster-<port>/;
- a Redis for cache and queue (8779);
- two gunicorn processes (8728, 8729) behind nginx on one port (NONSAAD_CLUSTER_PORT, 8727) with
  `proxy_next_upstream error timeout http_502 http_503`;
- two RQ workers on the short, default and long queues.
The cluster site (cluster-<port>.localhost) is a copy of the test site with `read_from_replica` on.
Then, with real requests through nginx, it measures and prints:
1. writes go to the primary: citizen reports are filed; the replica gets no connection and no query from
   the app while they are (its rows arrive by replication only);
2. reports and map layers read from the replica: `frappe.desk.query_report.run` and the app's layer
   endpoints open connections and run SELECTs on the replica; with the replica's SQL thread stopped a
   new request is missing from the layer (read on the replica) and present after START SLAVE;
3. killing one gunicorn (SIGKILL, master and workers) under load loses no request at the front;
4. jobs spread over both workers (RQ's per-worker job counts).
Exit 1 when a rule is broken. Figures are also written to logs/cluster-latest.json.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from faults import descendants  # bin/lib/faults.py: child processes, recursively

ROOT = Path(__file__).resolve().parents[2]
SITES = ROOT / "sites"
PY = str(ROOT / "env/bin/python")
# the cluster copies the test site's database (bin/nonsaad test-server), else the demo site's
SOURCE_SITE = os.environ.get("NONSAAD_CLUSTER_SOURCE") or next(
	(
		s
		for s in (
			os.environ.get("NONSAAD_TEST_SITE", "test.nonsaad.localhost"),
			os.environ.get("NONSAAD_SITE", ""),
		)
		if s and (ROOT / "sites" / s / "site_config.json").exists()
	),
	"test.nonsaad.localhost",
)
FRONT = int(os.environ.get("NONSAAD_CLUSTER_PORT", "8727"))
WEB_PORTS = (FRONT + 1, FRONT + 2)
REDIS_PORT = int(os.environ.get("NONSAAD_CLUSTER_REDIS_PORT", str(FRONT + 52)))
PRIMARY_PORT = int(os.environ.get("NONSAAD_CLUSTER_DB_PORT", "3427"))
REPLICA_PORT = PRIMARY_PORT + 1
SITE = f"cluster-{FRONT}.localhost"
BASE = Path(f"/tmp/nonsaad-cluster-{FRONT}")
DB_NAME = DB_USER = "cluster"
DB_PASSWORD = secrets.token_hex(12)
REPL_PASSWORD = secrets.token_hex(12)
ADMIN_PASSWORD = os.environ.get("NONSAAD_ADMIN_PASSWORD", "admin")
ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
procs: dict[str, subprocess.Popen] = {}
failures: list[str] = []
figures: dict = {}


def log(msg: str):
	print(f"[cluster {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def check(ok: bool, msg: str):
	print(f"  {'ok  ' if ok else 'FAIL'} {msg}", flush=True)
	if not ok:
		failures.append(msg)


# --- MariaDB primary + replica --------------------------------------------------------------------------
class Maria:
	def __init__(self, name: str, port: int, server_id: int, replica: bool):
		self.name, self.port, self.server_id, self.replica = name, port, server_id, replica
		self.dir = BASE / name
		self.sock = self.dir / "mysqld.sock"

	def install(self):
		(self.dir / "data").mkdir(parents=True)
		subprocess.run(
			[
				"mariadb-install-db",
				"--no-defaults",
				f"--datadir={self.dir / 'data'}",
				"--auth-root-authentication-method=normal",
				"--skip-test-db",
			],
			check=True,
			capture_output=True,
		)

	def start(self):
		args = [
			"/usr/sbin/mariadbd",
			"--no-defaults",
			f"--datadir={self.dir / 'data'}",
			f"--port={self.port}",
			f"--socket={self.sock}",
			"--bind-address=127.0.0.1",
			f"--server-id={self.server_id}",
			f"--log-bin={self.dir / 'binlog'}",
			"--binlog-format=ROW",
			"--gtid-strict-mode=1",
			"--log-slave-updates=1",
			"--innodb-buffer-pool-size=128M",
			"--innodb-log-file-size=48M",
			"--character-set-server=utf8mb4",
			"--collation-server=utf8mb4_unicode_ci",
			"--max-connections=300",
			f"--pid-file={self.dir / 'mysqld.pid'}",
		]
		if self.replica:
			args += ["--read-only=1", f"--relay-log={self.dir / 'relay'}"]
		out = open(self.dir / "mariadb.log", "a")
		procs[self.name] = subprocess.Popen(args, stdout=out, stderr=out)
		for _ in range(120):
			ping = ["mariadb-admin", f"--socket={self.sock}", "-uroot", "ping"]
			if subprocess.run(ping, capture_output=True).returncode == 0:
				return
			time.sleep(0.5)
		raise SystemExit(f"the {self.name} MariaDB did not start (see {self.dir}/mariadb.log)")

	def sql(self, query: str, db: str = "mysql") -> list[list[str]]:
		out = subprocess.run(
			["mariadb", f"--socket={self.sock}", "-uroot", "-N", "-B", db, "-e", query],
			capture_output=True,
			text=True,
			check=True,
		)
		return [line.split("\t") for line in out.stdout.splitlines()]

	def counters(self) -> dict[str, int]:
		rows = self.sql(
			"show global status where variable_name in "
			"('Connections', 'Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Questions')"
		)
		return {k: int(v) for k, v in rows}

	def status(self) -> dict[str, int]:
		"""The server's counters less what reading them costs (the client's own connection and queries),
		so that the difference of two readings is what others did in between."""
		if not hasattr(self, "_cost"):
			a, b = self.counters(), self.counters()
			self._cost = {k: b[k] - a[k] for k in a}
			self._reads = 0
		self._reads += 1
		return {k: v - self._cost[k] * self._reads for k, v in self.counters().items()}


primary = Maria("primary", PRIMARY_PORT, 1, replica=False)
replica = Maria("replica", REPLICA_PORT, 2, replica=True)


def start_replication():
	primary.sql(
		f"CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY '{REPL_PASSWORD}';"
		"GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';"
	)
	replica.sql(
		"SET GLOBAL gtid_slave_pos = '';"
		f"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={PRIMARY_PORT}, MASTER_USER='repl', "
		f"MASTER_PASSWORD='{REPL_PASSWORD}', MASTER_USE_GTID=slave_pos; START SLAVE;"
	)


def replica_state() -> dict:
	out = subprocess.run(
		["mariadb", f"--socket={replica.sock}", "-uroot", "-e", "SHOW SLAVE STATUS\\G"],
		capture_output=True,
		text=True,
		check=True,
	).stdout
	state = {}
	for line in out.splitlines():
		if ":" in line:
			k, v = line.split(":", 1)
			state[k.strip()] = v.strip()
	return state


class ReplicaLagError(Exception):
	pass


def wait_caught_up(timeout: float = 60) -> float:
	"""Seconds until the replica has applied every GTID the primary wrote."""
	started = time.monotonic()
	target = primary.sql("select @@gtid_binlog_pos")[0][0]
	current = ""
	while time.monotonic() - started < timeout:
		current = replica.sql("select @@gtid_slave_pos")[0][0]
		if current == target:
			return time.monotonic() - started
		time.sleep(0.2)
	state = replica_state()
	processes = replica.sql(
		"select id, user, command, time, state, left(info, 80) from information_schema.processlist"
	)
	raise ReplicaLagError(
		f"the replica did not reach {target} in {timeout:.0f} s: at {current}; "
		+ ", ".join(
			f"{k} {state.get(k)}"
			for k in (
				"Slave_IO_Running",
				"Slave_SQL_Running",
				"Slave_SQL_Running_State",
				"Last_SQL_Error",
				"Last_IO_Error",
				"Gtid_IO_Pos",
				"Seconds_Behind_Master",
			)
		)
		+ f"; processes {processes}"
	)


# --- Redis, gunicorn, nginx, workers -----------------------------------------------------------------------
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
		],
		cwd=BASE,
		stdout=open(BASE / "redis.log", "a"),
		stderr=subprocess.STDOUT,
	)
	for _ in range(60):
		ping = subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True)
		if ping.stdout.strip() == "PONG":
			return
		time.sleep(0.25)
	raise SystemExit("the private Redis did not start")


def start_web(i: int):
	port = WEB_PORTS[i]
	procs[f"web{i}"] = subprocess.Popen(
		[
			str(ROOT / "env/bin/gunicorn"),
			"--bind",
			f"127.0.0.1:{port}",
			"--workers",
			"2",
			"--threads",
			"4",
			"--timeout",
			"60",
			"nonsaad_smart.wsgi:application",
		],
		cwd=SITES,
		stdout=open(BASE / f"web{i}.log", "a"),
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	wait_http(f"http://127.0.0.1:{port}/api/method/ping", f"gunicorn {port}")


def wait_http(url: str, what: str, tries: int = 240):
	for _ in range(tries):
		try:
			if requests.get(url, headers={"Host": SITE}, timeout=5).ok:
				return
		except requests.RequestException:
			pass
		time.sleep(0.5)
	raise SystemExit(f"{what} did not answer ({BASE})")


NGINX_CONF = """
worker_processes 1;
pid {base}/nginx.pid;
error_log {base}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
	client_body_temp_path {base}/nginx-tmp/body;
	proxy_temp_path {base}/nginx-tmp/proxy;
	fastcgi_temp_path {base}/nginx-tmp/fastcgi;
	uwsgi_temp_path {base}/nginx-tmp/uwsgi;
	scgi_temp_path {base}/nginx-tmp/scgi;
	log_format upstream '$status $request_method "$upstream_addr" "$upstream_status" $request_time "$request_uri"';
	access_log {base}/nginx-access.log upstream;
	client_max_body_size 20m;
	upstream frappe_web {{
		server 127.0.0.1:{web0} max_fails=1 fail_timeout=10s;
		server 127.0.0.1:{web1} max_fails=1 fail_timeout=10s;
		keepalive 16;
	}}
	server {{
		listen 127.0.0.1:{front};
		location / {{
			proxy_pass http://frappe_web;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_read_timeout 120;
			# a web host that dies: the request goes to the other one (GET/HEAD; POST only before it was sent)
			proxy_next_upstream error timeout http_502 http_503;
			proxy_next_upstream_tries 2;
		}}
	}}
}}
"""


def start_nginx():
	(BASE / "nginx-tmp").mkdir(exist_ok=True)
	conf = BASE / "nginx.conf"
	conf.write_text(
		NGINX_CONF.format(base=BASE, web0=WEB_PORTS[0], web1=WEB_PORTS[1], front=FRONT), encoding="utf-8"
	)
	procs["nginx"] = subprocess.Popen(
		[
			shutil.which("nginx") or "/usr/sbin/nginx",
			"-c",
			str(conf),
			"-p",
			str(BASE),
			"-e",
			str(BASE / "nginx-error.log"),
			"-g",
			"daemon off;",
		],
		stdout=open(BASE / "nginx.out", "a"),
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	wait_http(f"http://127.0.0.1:{FRONT}/api/method/ping", "nginx")


WORKER_CODE = """
import sys, frappe.utils.background_jobs as bj
from redis import Redis
from rq import Queue, Worker
conn = Redis(port={port})
queues = [Queue(n, connection=conn) for n in bj.get_queue_list(build_queue_name=True)]
Worker(queues, connection=conn, name=sys.argv[1]).work(logging_level="WARNING")
"""


def start_worker(i: int):
	"""An RQ worker on the private Redis, all of Frappe's queues (short, default, long) like `bench worker`:
	Frappe's own worker reads the bench's Redis, the cluster site's Redis is its site config's."""
	procs[f"worker{i}"] = subprocess.Popen(
		[PY, "-c", WORKER_CODE.format(port=REDIS_PORT), f"cluster-worker-{i}"],
		cwd=SITES,
		stdout=open(BASE / f"worker{i}.log", "a"),
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)


def rss_mib(pid: int) -> float:
	try:
		for line in Path(f"/proc/{pid}/status").read_text().splitlines():
			if line.startswith("VmRSS:"):
				return int(line.split()[1]) / 1024
	except OSError:
		pass
	return 0.0


def stop(name: str, sig=signal.SIGTERM):
	p = procs.get(name)
	if not p or p.poll() is not None:
		return
	for child in descendants(p.pid):
		try:
			os.kill(child, sig)
		except ProcessLookupError:
			pass
	try:
		if name.startswith(("web", "worker", "nginx")):
			os.killpg(p.pid, sig)
		else:
			p.send_signal(sig)
		p.wait(30)
	except (ProcessLookupError, subprocess.TimeoutExpired):
		p.kill()
		p.wait()


# --- the cluster site ----------------------------------------------------------------------------------------
def copy_database():
	conf = json.loads((SITES / SOURCE_SITE / "site_config.json").read_text())
	primary.sql(
		f"CREATE DATABASE {DB_NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
		f"CREATE USER '{DB_USER}'@'%' IDENTIFIED BY '{DB_PASSWORD}';"
		f"CREATE USER '{DB_USER}'@'localhost' IDENTIFIED BY '{DB_PASSWORD}';"
		f"GRANT ALL ON {DB_NAME}.* TO '{DB_USER}'@'%'; GRANT ALL ON {DB_NAME}.* TO '{DB_USER}'@'localhost';"
	)
	dump = subprocess.Popen(
		[
			"mariadb-dump",
			"-h",
			"127.0.0.1",
			"-u",
			conf["db_name"],
			f"-p{conf['db_password']}",
			"--single-transaction",
			"--quick",
			conf["db_name"],
		],
		stdout=subprocess.PIPE,
	)
	subprocess.run(["mariadb", f"--socket={primary.sock}", "-uroot", DB_NAME], stdin=dump.stdout, check=True)
	if dump.wait():
		raise SystemExit(f"mariadb-dump of {SOURCE_SITE} failed")
	return conf


def write_site_config(source_conf: dict):
	site_dir = SITES / SITE
	if site_dir.exists():
		shutil.rmtree(site_dir)
	for sub in ("public/files", "private/files", "logs", "locks"):
		(site_dir / sub).mkdir(parents=True)
	redis = f"redis://127.0.0.1:{REDIS_PORT}"
	config = {
		"db_name": DB_NAME,
		"db_password": DB_PASSWORD,
		"db_host": "127.0.0.1",
		"db_port": PRIMARY_PORT,
		"db_type": "mariadb",
		"encryption_key": source_conf["encryption_key"],
		# Frappe's replica: @frappe.read_only() methods (query reports, report view, the app's map layers)
		"read_from_replica": 1,
		"replica_host": "127.0.0.1",
		"replica_db_port": REPLICA_PORT,
		"redis_cache": redis,
		"redis_queue": redis,
		"redis_socketio": redis,
		"nonsaad_trusted_proxies": ["127.0.0.1"],
		"nonsaad_web_form_rate_limit": 100000,
		"host_name": f"http://{SITE}:{FRONT}",
		"pause_scheduler": 1,
	}
	(site_dir / "site_config.json").write_text(json.dumps(config, indent=1))


def setup():
	if not (SITES / SOURCE_SITE / "site_config.json").exists():
		raise SystemExit(
			f"no site {SOURCE_SITE}: run bin/nonsaad setup or test-server first (the cluster copies it)"
		)
	if BASE.exists():
		shutil.rmtree(BASE)
	BASE.mkdir(parents=True)
	t0 = time.monotonic()
	log(
		f"MariaDB primary :{PRIMARY_PORT} + replica :{REPLICA_PORT}, Redis :{REDIS_PORT}, gunicorn :{WEB_PORTS[0]} "
		f"+ :{WEB_PORTS[1]} behind nginx :{FRONT}, site {SITE} ({BASE})"
	)
	for db in (primary, replica):
		db.install()
		db.start()
	start_replication()
	start_redis()
	log(f"copying {SOURCE_SITE}'s database into the primary (replicated as it loads)")
	source_conf = copy_database()
	lag = wait_caught_up(300)
	rows = {
		name: db.sql("select count(*) from `tabService Request`", DB_NAME)[0][0]
		for name, db in (("primary", primary), ("replica", replica))
	}
	state = replica_state()
	check(
		state.get("Slave_IO_Running") == "Yes"
		and state.get("Slave_SQL_Running") == "Yes"
		and state.get("Using_Gtid") == "Slave_Pos",
		f"replication: IO {state.get('Slave_IO_Running')}, SQL {state.get('Slave_SQL_Running')}, "
		f"Using_Gtid {state.get('Using_Gtid')}, GTID {state.get('Gtid_IO_Pos')}; caught up {lag:.1f} s after "
		f"the load; service requests primary {rows['primary']} = replica {rows['replica']}",
	)
	check(rows["primary"] == rows["replica"], "the replica holds the same rows")
	write_site_config(source_conf)
	start_web(0)
	start_web(1)
	start_nginx()
	for i in range(2):
		start_worker(i)
	figures["start_s"] = round(time.monotonic() - t0, 1)
	log(f"cluster up in {figures['start_s']} s")


# --- the runs --------------------------------------------------------------------------------------------------
class Front(requests.Session):
	def request(self, method, url, *args, **kwargs):
		kwargs.setdefault("timeout", 60)
		headers = kwargs.pop("headers", None) or {}
		headers = {"Host": SITE, "Accept": "application/json", **headers}
		return super().request(method, f"http://127.0.0.1:{FRONT}{url}", *args, headers=headers, **kwargs)


CENTRE: list[float] = []


def report(i: int, tag: str) -> dict:
	"""A citizen report near the map centre of the copied site (inside its boundary)."""
	if not CENTRE:
		CENTRE.extend(
			Front().get("/api/method/nonsaad_smart.smart_core.gis.map_settings").json()["message"]["center"]
		)
	return {
		"service_type": "WASTE",
		"description": f"ขยะไม่ได้เก็บ {tag}-{i}",
		"latitude": round(CENTRE[0] - 0.004 + (i % 10) * 0.001, 6),
		"longitude": round(CENTRE[1] - 0.004 + (i % 7) * 0.001, 6),
		"requester_name": "นายทดสอบ คลัสเตอร์",
		"requester_phone": "0812345678",
	}


def post_report(client: Front, i: int, tag: str) -> requests.Response:
	return client.post(
		ACCEPT,
		data={"web_form": "report", "data": json.dumps(report(i, tag))},
		headers={"X-Forwarded-For": f"10.20.{i // 250}.{i % 250 + 1}"},
	)


def run_writes(n: int = 20) -> list[str]:
	log(f"1. writes: {n} citizen reports through nginx")
	client = Front()
	before = {"primary": primary.status(), "replica": replica.status()}
	numbers = []
	for i in range(n):
		r = post_report(client, i, "write")
		if r.status_code == 200:
			numbers.append(r.json()["message"]["name"])
	after = {"primary": primary.status(), "replica": replica.status()}
	d = {k: {s: after[k][s] - before[k][s] for s in after[k]} for k in after}
	wait_caught_up()
	names = ",".join(f"'{x}'" for x in numbers) or "''"
	on_primary = int(
		primary.sql(f"select count(*) from `tabService Request` where name in ({names})", DB_NAME)[0][0]
	)
	on_replica = int(
		replica.sql(f"select count(*) from `tabService Request` where name in ({names})", DB_NAME)[0][0]
	)
	figures["writes"] = {"posted": n, "numbers": len(numbers), "delta": d}
	check(len(numbers) == n, f"{len(numbers)}/{n} reports answered 200 with a tracking number")
	check(
		d["primary"]["Com_insert"] > 0
		and d["replica"]["Connections"] == 0
		and d["replica"]["Com_select"] == 0,
		f"the app wrote to the primary (inserts {d['primary']['Com_insert']}, updates {d['primary']['Com_update']}, "
		f"connections {d['primary']['Connections']}); the replica got {d['replica']['Connections']} connections "
		f"and {d['replica']['Com_select']} SELECTs from the app",
	)
	check(
		on_primary == on_replica == len(numbers), f"rows on the primary {on_primary}, replicated {on_replica}"
	)
	return numbers


def layer_names(client: Front, bbox: str) -> set[str]:
	r = client.get(
		"/api/method/nonsaad_smart.smart_core.gis.get_layer", params={"layer": "open_requests", "bbox": bbox}
	)
	r.raise_for_status()
	return {f["properties"].get("name") for f in r.json()["message"]["features"]}


def run_reads():
	log("2. reads: query reports and map layers through nginx")
	client = Front()
	r = client.post("/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD})
	check(r.status_code == 200, f"Administrator logs in through nginx (HTTP {r.status_code})")
	calls = [
		(
			"query report Poles per Village",
			"POST",
			"/api/method/frappe.desk.query_report.run",
			{"report_name": "Poles per Village", "filters": "{}"},
		),
		(
			"query report Open Pole Faults",
			"POST",
			"/api/method/frappe.desk.query_report.run",
			{"report_name": "Open Pole Faults", "filters": "{}"},
		),
		(
			"layer open_requests",
			"GET",
			"/api/method/nonsaad_smart.smart_core.gis.get_layer",
			{"layer": "open_requests", "bbox": "102.2,16.9,102.4,17.1"},
		),
		(
			"all layers (one map)",
			"GET",
			"/api/method/nonsaad_smart.smart_core.onemap.get_all_layers",
			{"bbox": "102.2,16.9,102.4,17.05", "zoom": "14"},
		),
	]
	figures["reads"] = {}
	for label, method, url, params in calls:
		before = {"primary": primary.status(), "replica": replica.status()}
		resp = client.request(method, url, **({"params": params} if method == "GET" else {"data": params}))
		after = {"primary": primary.status(), "replica": replica.status()}
		dp = {s: after["primary"][s] - before["primary"][s] for s in after["primary"]}
		dr = {s: after["replica"][s] - before["replica"][s] for s in after["replica"]}
		figures["reads"][label] = {"status": resp.status_code, "primary": dp, "replica": dr}
		check(
			resp.status_code == 200 and dr["Connections"] >= 1 and dr["Com_select"] >= 1,
			f"{label}: HTTP {resp.status_code}; replica +{dr['Connections']} connection, {dr['Com_select']} SELECTs; "
			f"primary {dp['Com_select']} SELECTs (session, permissions), {dp['Com_insert']} inserts",
		)
	# a read that lags: stop applying on the replica, file a request, look at the layer, start again
	replica.sql("STOP SLAVE SQL_THREAD")
	guest = Front()
	r = post_report(guest, 900, "lag")
	number = r.json()["message"]["name"] if r.status_code == 200 else None
	seen_lagging = number in layer_names(client, "102.2,16.9,102.41,17.1")
	replica.sql("START SLAVE SQL_THREAD")
	wait_caught_up()
	seen_after = number in layer_names(
		client, "102.2,16.9,102.42,17.1"
	)  # another bbox: not the cached answer
	figures["lag_proof"] = {"number": number, "on_layer_while_stopped": seen_lagging, "after": seen_after}
	check(
		bool(number) and not seen_lagging and seen_after,
		f"request {number} filed with the replica's SQL thread stopped: on the layer {seen_lagging}; "
		f"after START SLAVE: {seen_after} (the layer reads the replica)",
	)


def run_kill(seconds: int = 15, clients: int = 8):
	log(
		f"3. kill one gunicorn: {clients} clients for {seconds} s through nginx; SIGKILL to gunicorn :{WEB_PORTS[0]} at 1/3"
	)
	results: list[tuple[str, int]] = []
	lock, stop_flag = threading.Lock(), threading.Event()
	# the API a phone and the map poll (the website pages' first render is a separate cost: docs/performance.md)
	urls = [
		("GET", "/api/method/ping", None),
		("GET", "/api/method/nonsaad_smart.smart_core.gis.map_settings", None),
		("GET", "/api/method/nonsaad_smart.smart_core.gis.get_layer", {"layer": "villages"}),
		("GET", "/open311/v2/services.json", None),
	]

	def client(i: int):
		s, n = Front(), 0
		while not stop_flag.is_set():
			method, url, params = urls[n % len(urls)]
			n += 1
			try:
				code = s.request(method, url, params=params, timeout=180).status_code
			except requests.RequestException as e:
				code = type(e).__name__
			with lock:
				results.append((url, code))

	threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
	access = BASE / "nginx-access.log"
	mark = access.stat().st_size
	for t in threads:
		t.start()
	time.sleep(seconds / 3)
	victim = procs["web0"]
	killed = [victim.pid, *descendants(victim.pid)]
	for pid in killed:
		try:
			os.kill(pid, signal.SIGKILL)
		except ProcessLookupError:
			pass
	killed_at = len(results)
	log(f"   SIGKILL to gunicorn :{WEB_PORTS[0]} (pids {killed}) after {killed_at} requests")
	time.sleep(seconds * 2 / 3)
	stop_flag.set()
	for t in threads:
		t.join()
	failed = [r for r in results if r[1] != 200]
	with open(access, encoding="utf-8") as f:
		f.seek(mark)
		lines = f.read().splitlines()
	per_upstream: dict[str, int] = {}
	retried = 0
	for line in lines:
		# "$upstream_addr" is "a" or, when nginx tried the next host, "a, b"
		tried = [a.strip() for a in line.split('"')[1].split(",") if a.strip()]
		if len(tried) > 1:
			retried += 1
		last = tried[-1] if tried else "none"
		per_upstream[last] = per_upstream.get(last, 0) + 1
	figures["kill"] = {
		"requests": len(results),
		"failed": len(failed),
		"retried_by_nginx": retried,
		"served_by": per_upstream,
	}
	check(
		not failed,
		f"{len(results)} requests at the front, {len(failed)} failed {failed[:3]}; nginx retried {retried} on the "
		f"other host; served by {per_upstream}",
	)
	start_web(0)
	log(f"   gunicorn :{WEB_PORTS[0]} started again")


ENQUEUE = """
import sys, frappe
frappe.init(site=sys.argv[1], sites_path=".")
frappe.connect()
for i in range(int(sys.argv[2])):
	frappe.enqueue("frappe.utils.background_jobs.test_job", s=0.3, queue=("short", "default", "long")[i % 3])
frappe.db.commit()
frappe.destroy()
"""


def run_jobs(n: int = 30):
	log(f"4. jobs: {n} jobs (0.3 s each) on the short, default and long queues")
	from redis import Redis
	from rq import Worker

	conn = Redis(port=REDIS_PORT)
	before = {w.name: w.successful_job_count for w in Worker.all(connection=conn)}
	subprocess.run([PY, "-c", ENQUEUE, SITE, str(n)], cwd=SITES, check=True, capture_output=True)
	deadline = time.monotonic() + 120
	while time.monotonic() < deadline:
		counts = {w.name: w.successful_job_count - before.get(w.name, 0) for w in Worker.all(connection=conn)}
		if sum(counts.values()) >= n:
			break
		time.sleep(0.5)
	figures["jobs"] = counts
	workers = sorted(counts)
	check(
		sum(counts.values()) >= n and len(workers) == 2 and all(counts[w] > 0 for w in workers),
		f"{sum(counts.values())}/{n} jobs done; per worker {counts}",
	)


def memory():
	out = {}
	for name, p in procs.items():
		if p.poll() is None:
			pids = [p.pid, *descendants(p.pid)]
			out[name] = {"processes": len(pids), "rss_mib": round(sum(rss_mib(x) for x in pids), 1)}
	figures["memory"] = out
	log(
		"memory (RSS, MiB): "
		+ ", ".join(f"{k} {v['rss_mib']} ({v['processes']} proc)" for k, v in out.items())
	)


def teardown(keep: bool):
	for name in ("nginx", "worker0", "worker1", "web0", "web1", "redis", "replica", "primary"):
		stop(name)
	if not keep:
		shutil.rmtree(SITES / SITE, ignore_errors=True)
		shutil.rmtree(BASE, ignore_errors=True)
	log(
		"stopped everything it started"
		+ (f" (kept {BASE} and sites/{SITE})" if keep else ", removed its files")
	)


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--keep", action="store_true", help="keep the data directories and the site")
	parser.add_argument("--seconds", type=int, default=15, help="length of the kill run")
	args = parser.parse_args()
	started = time.monotonic()
	try:
		setup()
		for run in (run_writes, run_reads, lambda: run_kill(args.seconds), run_jobs, memory):
			try:
				run()
			except Exception as e:  # one broken run is reported; the others still run
				check(False, f"{getattr(run, '__name__', 'run')}: {type(e).__name__}: {e}")
	finally:
		teardown(args.keep)
	figures["total_s"] = round(time.monotonic() - started, 1)
	figures["failures"] = failures
	(ROOT / "logs").mkdir(exist_ok=True)
	(ROOT / "logs/cluster-latest.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False))
	log(
		f"done in {figures['total_s']} s: {len(failures)} rule(s) broken; figures in logs/cluster-latest.json"
	)
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
