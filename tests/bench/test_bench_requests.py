"""Benchmark: concurrent citizen reports through the web-form endpoint (validation, village lookup, SLA
working days, locked tracking-number counter) against Frappe's stock POST /api/resource/ToDo (a bare
insert) in the same run. Prints throughput ratio, p50/p95 and rows lost (must be 0); no timed asserts."""

import json
import re
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import Client

pytestmark = pytest.mark.benchmark

N = 120
WORKERS = 8
ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"


def count(admin, doctype) -> int:
	return admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype}).json()["message"]


def csrf(client: Client) -> Client:
	token = re.search(r'frappe.csrf_token = "([^"]+)"', client.get("/request-status").text)
	if token and token.group(1) != "None":
		client.headers["X-Frappe-CSRF-Token"] = token.group(1)
	return client


def run(label, n, call):
	latencies, ok = [], []

	def one(i):
		start = time.perf_counter()
		r = call(i)
		latencies.append(time.perf_counter() - start)
		if r.status_code == 200:
			ok.append(r)
		return r.status_code

	started = time.perf_counter()
	with ThreadPoolExecutor(max_workers=WORKERS) as pool:
		codes = list(pool.map(one, range(n)))
	elapsed = time.perf_counter() - started
	q = statistics.quantiles(latencies, n=20)
	stats = {
		"label": label,
		"ok": len(ok),
		"errors": n - len(ok),
		"per_s": len(ok) / elapsed,
		"p50_ms": statistics.median(latencies) * 1000,
		"p95_ms": q[18] * 1000,
		"codes": sorted(set(codes)),
	}
	return stats, ok


def test_report_submission_vs_stock_insert(admin, figure):
	admin = csrf(admin)
	sessions = [Client() for _ in range(WORKERS)]

	def report(i):
		data = {
			"service_type": "DRAIN",
			"description": f"ท่อระบายน้ำอุดตัน (benchmark {i})",
			"latitude": 16.96 + (i % 10) * 0.002,
			"longitude": 102.28 + (i % 7) * 0.003,
			"requester_name": "ผู้ทดสอบ ภาระงาน",
			"requester_phone": f"08{uuid.uuid4().int % 10**8:08d}",
		}
		ip = f"10.77.{i // 200 % 250}.{i % 200 + 1}"  # many citizens, each under the per-IP limit
		return sessions[i % WORKERS].post(
			ACCEPT, data={"web_form": "report", "data": json.dumps(data)}, headers={"X-Forwarded-For": ip}
		)

	def todo(i):
		return admin.post("/api/resource/ToDo", json={"description": f"benchmark {i}"})

	sr_before, todo_before = count(admin, "Service Request"), count(admin, "ToDo")
	base, _todo_responses = run("POST /api/resource/ToDo", N, todo)
	web, accepted = run("web form report", N, report)
	sr_lost = web["ok"] - (count(admin, "Service Request") - sr_before)
	todo_lost = base["ok"] - (count(admin, "ToDo") - todo_before)
	names = sorted(r.json()["message"]["name"] for r in accepted)
	numbers = [int(n.rsplit("-", 1)[1]) for n in names]
	gaps = (numbers[-1] - numbers[0] + 1 - len(numbers)) if numbers else 0

	print()
	for s in (base, web):
		print(
			f"  {s['label']:<26} {s['ok']:>4} ok {s['errors']:>3} errors  {s['per_s']:7.1f}/s  "
			f"p50 {s['p50_ms']:6.0f} ms  p95 {s['p95_ms']:6.0f} ms  status {s['codes']}"
		)
	print(f"  throughput web form / stock insert: {web['per_s'] / base['per_s']:.2f}")
	print(
		f"  rows lost: service requests {sr_lost}, todos {todo_lost}; tracking-number gaps {gaps}, "
		f"duplicates {len(names) - len(set(names))}"
	)
	figure("report throughput", web["per_s"], "req/s", base["per_s"], "ToDo insert", ">= 0.8x")
	figure("report p50 latency", web["p50_ms"], "ms", base["p50_ms"], "ToDo insert")
	figure("report p95 latency", web["p95_ms"], "ms", base["p95_ms"], "ToDo insert", "<= 1.3x")
	figure("report errors", web["errors"], "requests", target="0")
	figure("reports lost", sr_lost, "rows", target="0")
	figure("tracking-number gaps", gaps, "numbers", target="0")
	figure("tracking-number duplicates", len(names) - len(set(names)), "numbers", target="0")
	assert sr_lost == 0 and todo_lost == 0
	assert gaps == 0 and len(names) == len(set(names))
	# leave the demo site as it was (the numbers used stay used: that is what a counter does)
	todos = [r.json()["data"]["name"] for r in _todo_responses]
	with ThreadPoolExecutor(max_workers=WORKERS) as pool:
		list(pool.map(lambda n: admin.delete(f"/api/resource/Service Request/{n}"), names))
		list(pool.map(lambda n: admin.delete(f"/api/resource/ToDo/{n}"), todos))
