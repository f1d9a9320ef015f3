"""Soak (issue 18): mixed traffic on the running test server at a steady rate (bin/nonsaad soak).

    bin/nonsaad test-server && bin/nonsaad soak [--minutes 10] [--rate 1.0]

Open loop (each request starts on its own clock, a slow answer does not slow the traffic), per second at
--rate 1.0 (the documented steady rate, ≈ 4.5 requests a second):

| kind          | per second | what                                                                  |
|---------------|-----------:|-----------------------------------------------------------------------|
| citizen report|        0.5 | POST the report web form (a new Service Request, own client address)  |
| officer list  |        1.0 | Front Desk Officer lists Service Requests (REST, 20 rows, 6 fields)   |
| officer save  |        0.5 | Public Works Officer saves a Street Light Pole unchanged (full save)  |
| map layer     |        1.5 | guest GeoJSON of street_lights / villages (`smart_core.gis.get_layer`)|
| open311 read  |        1.0 | guest GET requests.json / services.json                               |

Prints requests, errors and p50/p95 per kind, and the resident memory of the test server's gunicorn
processes at the start and the end. Exit 1 on any error, or when the memory grew beyond the bound:
the end total ≤ start total × 1.25 + 64 MB per process (Frappe caches per worker and grows a little
while warming up; a leak of a request's data shows well above this in 10 minutes).
"""

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SITE = os.environ.get("NONSAAD_TEST_SITE", "test.nonsaad.localhost")
PORT = os.environ.get("NONSAAD_TEST_PORT", "8001")
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "Nonsaad@2569"
RATES = {
	"citizen report": 0.5,
	"officer list": 1.0,
	"officer save": 0.5,
	"map layer": 1.5,
	"open311 read": 1.0,
}
GROWTH, PER_PROCESS_MB = 1.25, 64


def session(user: str | None = None) -> requests.Session:
	s = requests.Session()
	s.headers.update({"Host": SITE, "Accept": "application/json"})
	if user:
		r = s.post(f"{BASE}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=60)
		r.raise_for_status()
	return s


def server_pids() -> list[int]:
	pidfile = ROOT / f"config/pids/test-{PORT}.pid"
	master = int(pidfile.read_text().strip())
	children = []
	for proc in Path("/proc").iterdir():
		if proc.name.isdigit():
			try:
				if int((proc / "stat").read_text().split(") ", 1)[1].split()[1]) == master:
					children.append(int(proc.name))
			except (OSError, IndexError, ValueError):
				continue
	return [master, *sorted(children)]


def rss_mb(pid: int) -> float:
	for line in Path(f"/proc/{pid}/status").read_text().splitlines():
		if line.startswith("VmRSS:"):
			return int(line.split()[1]) / 1024
	return 0.0


def memory() -> dict[int, float]:
	return {pid: rss_mb(pid) for pid in server_pids()}


class Traffic:
	def __init__(self):
		self.frontdesk = session("frontdesk@nonsaad.test")
		self.works = session("works@nonsaad.test")
		self.guest = session()
		poles = self.works.get(
			f"{BASE}/api/resource/Street Light Pole", params={"limit_page_length": 500}, timeout=60
		).json()["data"]
		self.poles = [p["name"] for p in poles]
		# in turn, not at random: two saves of one pole in flight at once are a real conflict (the second
		# is refused with TimestampMismatchError), which a slow server made the soak's own error
		self.next_pole = itertools.cycle(self.poles)
		self.lock = threading.Lock()
		self.results: dict[str, list[tuple[float, bool, str]]] = {k: [] for k in RATES}

	def do(self, kind: str):
		started = time.monotonic()
		try:
			r = getattr(self, kind.replace(" ", "_").replace("311", "311"))()
			ok = r.status_code < 400
			note = "" if ok else f"HTTP {r.status_code} {r.text[:120]}"
		except requests.RequestException as e:
			ok, note = False, type(e).__name__
		with self.lock:
			self.results[kind].append((time.monotonic() - started, ok, note))

	def citizen_report(self):
		ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
		data = {
			"service_type": "WASTE",
			"description": f"ขยะล้นถัง (soak {random.randint(0, 10**9)})",
			"latitude": round(16.96 + random.random() * 0.02, 6),
			"longitude": round(102.28 + random.random() * 0.02, 6),
			"requester_name": "นายทดสอบ ทนทาน",
			"requester_phone": "0812345678",
		}
		return self.guest.post(
			f"{BASE}/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": "report", "data": json.dumps(data)},
			headers={"X-Forwarded-For": ip},
			timeout=60,
		)

	def officer_list(self):
		return self.frontdesk.get(
			f"{BASE}/api/resource/Service Request",
			params={
				"fields": '["name", "service_name", "workflow_state", "village", "submitted_on", "due_date"]',
				"limit_page_length": 20,
				"order_by": "creation desc",
			},
			timeout=60,
		)

	def officer_save(self):
		with self.lock:
			name = next(self.next_pole)
		doc = self.works.get(f"{BASE}/api/resource/Street Light Pole/{name}", timeout=60).json()["data"]
		return self.works.put(
			f"{BASE}/api/resource/Street Light Pole/{name}", json={"modified": doc["modified"]}, timeout=60
		)

	def map_layer(self):
		layer = random.choice(["street_lights", "villages"])
		return self.guest.get(
			f"{BASE}/api/method/nonsaad_smart.smart_core.gis.get_layer", params={"layer": layer}, timeout=60
		)

	def open311_read(self):
		path = random.choice(["/open311/v2/requests.json", "/open311/v2/services.json"])
		return self.guest.get(f"{BASE}{path}", timeout=60)


def percentile(values: list[float], p: float) -> float:
	if not values:
		return 0.0
	values = sorted(values)
	return values[min(len(values) - 1, round(p * (len(values) - 1)))]


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("--minutes", type=float, default=10)
	parser.add_argument("--rate", type=float, default=1.0, help="multiplies every kind's rate")
	args = parser.parse_args()
	traffic = Traffic()
	start_mem = memory()
	rate = sum(RATES.values()) * args.rate
	print(
		f"soak: {args.minutes:g} min at {rate:.1f} requests/s on {SITE}:{PORT}; server RSS at start "
		f"{sum(start_mem.values()):.0f} MB in {len(start_mem)} processes",
		flush=True,
	)
	schedule = []
	duration = args.minutes * 60
	for kind, per_second in RATES.items():
		interval = 1 / (per_second * args.rate)
		t = random.random() * interval
		while t < duration:
			schedule.append((t, kind))
			t += interval
	schedule.sort()
	began = time.monotonic()
	with ThreadPoolExecutor(max_workers=32) as pool:
		for at, kind in schedule:
			wait = began + at - time.monotonic()
			if wait > 0:
				time.sleep(wait)
			pool.submit(traffic.do, kind)
	end_mem = memory()
	errors = 0
	print(f"\n{'kind':16} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8}")
	for kind, rows in traffic.results.items():
		times = [r[0] * 1000 for r in rows]
		bad = [r for r in rows if not r[1]]
		errors += len(bad)
		print(
			f"{kind:16} {len(rows):8d} {len(bad):6d} {percentile(times, 0.5):8.0f} {percentile(times, 0.95):8.0f}"
		)
		for r in bad[:3]:
			print(f"    error: {r[2]}")
	total = sum(len(r) for r in traffic.results.values())
	start_total, end_total = sum(start_mem.values()), sum(end_mem.values())
	bound = start_total * GROWTH + PER_PROCESS_MB * len(start_mem)
	print(f"\nrequests {total}, errors {errors}, in {time.monotonic() - began:.0f} s")
	print(
		f"memory (RSS of the gunicorn master + workers): start {start_total:.0f} MB, end {end_total:.0f} MB, "
		f"bound {bound:.0f} MB (start × {GROWTH} + {PER_PROCESS_MB} MB per process)"
	)
	for pid in end_mem:
		print(f"    pid {pid}: {start_mem.get(pid, 0):.0f} → {end_mem[pid]:.0f} MB")
	if set(end_mem) != set(start_mem):
		print("    (a worker was restarted during the soak: gunicorn replaced it)")
	ok = errors == 0 and end_total <= bound
	print("soak: OK" if ok else "soak: FAILED")
	return 0 if ok else 1


if __name__ == "__main__":
	sys.exit(main())
