"""Benchmark: 20 dispatchers hammering "dispatch" on 5 ambulances for 30 s (each creates a call, tries a
random ambulance, tries another when refused; a winner stands the ambulance down at once). Prints
attempts, successes, conflicts (AmbulanceBusyError/CrewBusyError), p50/p95 latency against a baseline
(Frappe's `ping` under the same 20 threads, same run), and the double assignments found in the database
afterwards (must be 0: one ambulance on one active incident, one crew member on one ambulance)."""

import json
import random
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import Client, bench_execute, error_of

pytestmark = pytest.mark.benchmark

DISPATCHERS = 20
AMBULANCES = 5
SECONDS = 30
API = "/api/method/nonsaad_smart.smart_ems.api."
FACTORIES = "nonsaad_smart.smart_ems.tests.factories."


def p(values, q):
	return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else (values or [0])[0]


def baseline(clients) -> list[float]:
	latencies = []
	stop = time.monotonic() + 5

	def loop(client):
		while time.monotonic() < stop:
			start = time.perf_counter()
			client.get("/api/method/ping")
			latencies.append(time.perf_counter() - start)

	with ThreadPoolExecutor(max_workers=len(clients)) as pool:
		list(pool.map(loop, clients))
	return latencies


def test_bench_dispatch_hammer():
	data = json.loads(bench_execute(FACTORIES + "http_fixture", AMBULANCES, 0, 0).splitlines()[-1])
	ambulances = data["ambulances"]
	clients = [Client().login("dispatcher@nonsaad.test") for _ in range(DISPATCHERS)]
	base = baseline(clients)
	latencies, lock = [], threading.Lock()
	counts = {"attempts": 0, "successes": 0, "conflicts": 0, "other_errors": 0}
	errors: dict[str, int] = {}
	stop = time.monotonic() + SECONDS

	def dispatcher(i):
		client, rng = clients[i], random.Random(i)
		while time.monotonic() < stop:
			r = client.post(
				"/api/resource/EMS Incident",
				json={
					"case_number": f"1669-B{i}-{time.time_ns()}",
					"triage": "Red",
					"chief_complaint": "07",
				},
			)
			if r.status_code != 200:
				with lock:
					counts["other_errors"] += 1
				continue
			incident = r.json()["data"]["name"]
			for amb in rng.sample(ambulances, len(ambulances)):
				start = time.perf_counter()
				r = client.post(API + "dispatch", data={"incident": incident, "ambulance": amb})
				elapsed = time.perf_counter() - start
				with lock:
					counts["attempts"] += 1
					latencies.append(elapsed)
				if r.status_code == 200:
					with lock:
						counts["successes"] += 1
					client.post(API + "stand_down", data={"incident": incident, "reason": "benchmark"})
					break
				exc, _msg = error_of(r)
				with lock:
					counts["conflicts" if ("BusyError" in exc) else "other_errors"] += 1
					if "BusyError" not in exc:
						errors[exc or str(r.status_code)] = errors.get(exc or str(r.status_code), 0) + 1
			if time.monotonic() >= stop:
				break

	with ThreadPoolExecutor(max_workers=DISPATCHERS) as pool:
		list(pool.map(dispatcher, range(DISPATCHERS)))
	found = json.loads(
		bench_execute(FACTORIES + "double_assignments", json.dumps(ambulances)).splitlines()[-1]
	)
	p50, p95, b95 = p(latencies, 50), p(latencies, 95), p(base, 95)
	print(
		f"\nEMS dispatch hammer: {DISPATCHERS} dispatchers, {AMBULANCES} ambulances, {SECONDS} s\n"
		f"  attempts {counts['attempts']}, successes {counts['successes']}, conflicts {counts['conflicts']}, "
		f"other errors {counts['other_errors']} {errors or ''}\n"
		f"  dispatch latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
		f"baseline ping p95 {b95 * 1000:.0f} ms (ratio {p95 / b95 if b95 else 0:.1f}×)\n"
		f"  dispatched in the database {found['dispatched']}, double assignments {found['double']}, "
		f"crew on two at once {found['crew_double']}"
	)
	assert found["double"] == 0 and found["crew_double"] == 0
	assert found["dispatched"] == counts["successes"]
