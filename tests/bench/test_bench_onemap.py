"""Benchmark (issue 17): the one map's all-layers request cold vs cached, and Citizen 360 with 50 linked
records vs a plain read of the same Citizen.

- all layers: `onemap.get_all_layers` as the Administrator (every layer) over the demo data plus 10 000
  bench poles (smart_i_pole.benchmark), the whole municipality in view (clustered on the server):
  cold = the first request after the map's caches are dropped (every layer's cache in gis.get_layer and the
  whole-map answer of onemap.get_all_layers; Frappe's metadata and session caches stay warm), cached = the
  same request repeated. Ratio cached / cold.
- Citizen 360: `citizen360.citizen_360` of a citizen with 50 requests vs `frappe.client.get` of the Citizen
  (the form's own read), as the Front Desk Officer. Ratio 360 / plain read.
Figures only: no timed assertion (correctness is asserted: every layer answers, 50 rows come back).
"""

import statistics
import time

import pytest
from conftest import bench_execute

POLES = 10_000
RUNS = 5
ALL_LAYERS = "/api/method/nonsaad_smart.smart_core.onemap.get_all_layers"
C360 = "/api/method/nonsaad_smart.smart_core.citizen360.citizen_360"


def timed(client, url, **params) -> tuple[float, object]:
	started = time.perf_counter()
	r = client.get(url, params=params)
	elapsed = (time.perf_counter() - started) * 1000
	assert r.status_code == 200, r.text[:300]
	return elapsed, r


@pytest.fixture
def bench_poles():
	bench_execute("nonsaad_smart.smart_i_pole.benchmark.insert_bench_poles", POLES)
	yield POLES
	bench_execute("nonsaad_smart.smart_i_pole.benchmark.remove_bench_poles")


@pytest.fixture
def busy_citizen():
	name = bench_execute("nonsaad_smart.smart_core.tests.bench_data.insert_citizen_with_records", 50)
	yield name.splitlines()[-1].strip().strip('"')
	bench_execute("nonsaad_smart.smart_core.tests.bench_data.remove_citizen_with_records")


@pytest.mark.benchmark
def test_all_layers_cold_vs_cached(admin, bench_poles, figure):
	layers = admin.get("/api/method/nonsaad_smart.smart_core.onemap.get_map_layers").json()["message"]
	cold, cached, size, features = [], [], 0, 0
	for _ in range(RUNS):
		bench_execute("nonsaad_smart.smart_core.tests.bench_data.clear_map_cache")
		admin.get(
			"/api/method/frappe.auth.get_logged_user"
		)  # the session and boot reloaded: not the map's cost
		ms, r = timed(admin, ALL_LAYERS, zoom=13)
		cold.append(ms)
		ms, r = timed(admin, ALL_LAYERS, zoom=13)
		cached.append(ms)
		data = r.json()["message"]
		size = len(r.content)
		features = sum(len(c["features"]) for c in data.values())
		assert set(data) == {layer["name"] for layer in layers}
	total = sum(c.get("total", len(c["features"])) for c in data.values())
	cold_ms, cached_ms = statistics.median(cold), statistics.median(cached)
	print(
		f"\nall map layers ({len(layers)} layers, {total} features, {features} after clustering, "
		f"{size / 1e3:.0f} kB JSON), median of {RUNS}:"
		f"\n  cold (cache emptied)   {cold_ms:8.1f} ms"
		f"\n  cached (repeat)        {cached_ms:8.1f} ms"
		f"\n  ratio cached / cold    {cached_ms / max(cold_ms, 0.001):8.2f}x"
	)
	figure(
		"one map: all layers cached repeat",
		cached_ms,
		baseline=cold_ms,
		baseline_label="cold (map caches dropped)",
		target="<= 0.2x",
	)
	figure("one map: all layers cold", cold_ms)


@pytest.mark.benchmark
def test_citizen_360_with_50_records(login, busy_citizen, figure):
	frontdesk = login("frontdesk")
	timed(frontdesk, C360, citizen=busy_citizen)  # warm-up
	plain, full = [], []
	for _ in range(RUNS):
		ms, _r = timed(frontdesk, "/api/method/frappe.client.get", doctype="Citizen", name=busy_citizen)
		plain.append(ms)
		ms, r = timed(frontdesk, C360, citizen=busy_citizen)
		full.append(ms)
	sections = {s["doctype"]: s for s in r.json()["message"]["sections"]}
	assert sections["Service Request"]["total"] == 50
	assert len(sections["Service Request"]["rows"]) == 50
	plain_ms, full_ms = statistics.median(plain), statistics.median(full)
	print(
		f"\nCitizen 360, 50 linked requests ({len(sections)} sections), median of {RUNS}:"
		f"\n  plain read of the Citizen   {plain_ms:8.1f} ms"
		f"\n  Citizen 360                 {full_ms:8.1f} ms"
		f"\n  ratio 360 / plain read      {full_ms / max(plain_ms, 0.001):8.2f}x"
	)
	figure(
		"Citizen 360, 50 linked requests",
		full_ms,
		baseline=plain_ms,
		baseline_label="frappe.client.get of the Citizen",
	)
