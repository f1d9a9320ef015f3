"""What one more site costs on this bench (issue 20): `bin/nonsaad site-cost <site> [<site> …]`.

For each site: its database size (information_schema, data + indexes) and files; then one gunicorn worker
(port NONSAAD_SITE_COST_PORT, 8741; 1 worker, 4 threads) serves the sites one after the other, the same
pages for each (guest pages, the map, a layer, Administrator's desk boot), and its RSS is read after each
site: the step is the worker memory one more active site adds. Prints a table; JSON in
logs/site-cost-latest.json. Figures only, no assertion.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SITES = ROOT / "sites"
PORT = int(os.environ.get("NONSAAD_SITE_COST_PORT", "8741"))
ADMIN_PASSWORD = os.environ.get("NONSAAD_ADMIN_PASSWORD", "admin")
PAGES = [
	"/api/method/ping",
	"/map",
	"/report/new",
	"/request-status",
	"/open-data",
	"/api/method/nonsaad_smart.smart_core.gis.map_settings",
	"/api/method/nonsaad_smart.smart_core.gis.get_layer?layer=villages",
	"/api/method/nonsaad_smart.smart_core.onemap.get_all_layers?zoom=12",
	"/open311/v2/services.json",
]


def rss_mib(pid: int) -> float:
	for line in Path(f"/proc/{pid}/status").read_text().splitlines():
		if line.startswith("VmRSS:"):
			return int(line.split()[1]) / 1024
	return 0.0


def worker_pid(master: int) -> int:
	for proc in Path("/proc").iterdir():
		if proc.name.isdigit():
			try:
				if int((proc / "stat").read_text().rsplit(") ", 1)[1].split()[1]) == master:
					return int(proc.name)
			except (OSError, IndexError, ValueError):
				continue
	raise SystemExit("no gunicorn worker")


def db_size(site: str) -> float:
	conf = json.loads((SITES / site / "site_config.json").read_text())
	out = subprocess.run(
		[
			"mariadb",
			"-h",
			"127.0.0.1",
			"-u",
			conf["db_name"],
			f"-p{conf['db_password']}",
			"-N",
			"-e",
			"select round(sum(data_length + index_length) / 1048576, 1) from information_schema.tables "
			f"where table_schema = '{conf['db_name']}'",
		],
		capture_output=True,
		text=True,
		check=True,
	)
	return float(out.stdout.strip() or 0)


def files_mib(site: str) -> float:
	total = sum(p.stat().st_size for p in (SITES / site).rglob("*") if p.is_file())
	return round(total / 1048576, 1)


def visit(site: str, rounds: int = 3) -> float:
	s = requests.Session()
	s.headers.update({"Host": site})
	started = time.monotonic()
	for _ in range(rounds):
		for page in PAGES:
			s.get(f"http://127.0.0.1:{PORT}{page}", timeout=120)
	s.post(
		f"http://127.0.0.1:{PORT}/api/method/login",
		data={"usr": "Administrator", "pwd": ADMIN_PASSWORD},
		timeout=120,
	)
	s.get(f"http://127.0.0.1:{PORT}/app", timeout=120)
	s.get(f"http://127.0.0.1:{PORT}/api/method/frappe.desk.desktop.get_workspace_sidebar_items", timeout=120)
	return time.monotonic() - started


def main():
	sites = sys.argv[1:]
	if not sites:
		raise SystemExit("usage: bin/nonsaad site-cost <site> [<site> …]")
	web = subprocess.Popen(
		[
			str(ROOT / "env/bin/gunicorn"),
			"--bind",
			f"127.0.0.1:{PORT}",
			"--workers",
			"1",
			"--threads",
			"4",
			"--timeout",
			"120",
			"nonsaad_smart.wsgi:application",
		],
		cwd=SITES,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		start_new_session=True,
	)
	rows = []
	try:
		for _ in range(240):
			try:
				if requests.get(
					f"http://127.0.0.1:{PORT}/api/method/ping", headers={"Host": sites[0]}, timeout=5
				).ok:
					break
			except requests.RequestException:
				pass
			time.sleep(0.5)
		pid = worker_pid(web.pid)
		before = rss_mib(pid)
		print(f"gunicorn worker (pid {pid}) before any site: {before:.0f} MiB")
		previous = before
		for site in sites:
			seconds = visit(site)
			visit(site, rounds=1)  # a second pass: what stays, not the first-touch garbage
			now = rss_mib(pid)
			rows.append(
				{
					"site": site,
					"db_mib": db_size(site),
					"files_mib": files_mib(site),
					"worker_rss_mib": round(now, 1),
					"worker_rss_step_mib": round(now - previous, 1),
					"first_visit_s": round(seconds, 1),
				}
			)
			previous = now
	finally:
		os.killpg(web.pid, 15)
		web.wait(30)
	print(f"{'site':32} {'DB MiB':>7} {'files MiB':>9} {'worker RSS':>10} {'step':>6} {'1st visit s':>11}")
	for r in rows:
		print(
			f"{r['site']:32} {r['db_mib']:7.1f} {r['files_mib']:9.1f} {r['worker_rss_mib']:10.0f} "
			f"{r['worker_rss_step_mib']:6.0f} {r['first_visit_s']:11.1f}"
		)
	(ROOT / "logs").mkdir(exist_ok=True)
	(ROOT / "logs/site-cost-latest.json").write_text(
		json.dumps({"before_mib": before, "sites": rows}, indent=1)
	)


if __name__ == "__main__":
	main()
