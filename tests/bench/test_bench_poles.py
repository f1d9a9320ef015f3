"""Benchmark: GeoJSON of 10 000 street light poles from the layer endpoint vs raw SQL on the same table.

Inserts 10 000 poles by bulk insert (nonsaad_smart.smart_i_pole.benchmark), measures in the same run
  - the HTTP endpoint nonsaad_smart.smart_i_pole.api.pole_layer (login, permission check, get_list, GeoJSON),
  - the layer function in one server process, raw SQL alone, and raw SQL + hand-built GeoJSON,
prints medians and ratios, and removes the poles. Figures only: no timed assertion.
"""

import json
import os
import statistics
import time

import pytest
from conftest import bench_execute

COUNT = 10_000
RUNS = 5
LAYER_RUNS = 9  # cold/cached rounds of the map layer (each a new bbox: a new cache entry)
WARM_UP = 8  # the test server's 2 workers x 4 threads: each has loaded meta and translations once


@pytest.fixture
def bench_poles():
	bench_execute("nonsaad_smart.smart_i_pole.benchmark.insert_bench_poles", COUNT)
	yield COUNT
	bench_execute("nonsaad_smart.smart_i_pole.benchmark.remove_bench_poles")


@pytest.mark.benchmark
def test_pole_layer_vs_raw_sql(admin, bench_poles, figure):
	url = "/api/method/nonsaad_smart.smart_i_pole.api.pole_layer"
	admin.get(url)  # warm-up
	times, size, features = [], 0, 0
	for _ in range(RUNS):
		started = time.perf_counter()
		r = admin.get(url)
		times.append((time.perf_counter() - started) * 1000)
		assert r.status_code == 200, r.text[:300]
		size = len(r.content)
		features = len(r.json()["message"]["features"])
	http_ms = statistics.median(times)
	server = json.loads(bench_execute("nonsaad_smart.smart_i_pole.benchmark.measure", RUNS).splitlines()[-1])
	assert features == server["rows"] >= COUNT  # the layer shows every located pole (correctness, not timing)
	print(
		f"\npole layer, {features} features ({size / 1e6:.1f} MB JSON), median of {RUNS}:"
		f"\n  HTTP endpoint            {http_ms:8.1f} ms"
		f"\n  layer function (server)  {server['layer_ms']:8.1f} ms"
		f"\n  raw SQL                  {server['raw_sql_ms']:8.1f} ms"
		f"\n  raw SQL + GeoJSON dumps  {server['raw_sql_json_ms']:8.1f} ms"
		f"\n  ratio HTTP / raw SQL            {http_ms / max(server['raw_sql_ms'], 0.001):6.1f}x"
		f"\n  ratio layer fn / raw SQL+JSON   {server['layer_ms'] / max(server['raw_sql_json_ms'], 0.001):6.1f}x"
	)
	base = "raw SQL + json"
	figure("staff pole layer (pole_layer): HTTP", http_ms, "ms", server["raw_sql_json_ms"], base)
	figure("staff pole layer: layer function", server["layer_ms"], "ms", server["raw_sql_json_ms"], base)


@pytest.mark.benchmark
def test_map_layer_cold_and_cached(guest, bench_poles, figure):
	"""The one map's public pole layer (smart_core.gis.get_layer "street_lights"): cold (a bbox never asked
	before, so nothing cached) and cached repeats over HTTP, against raw SQL + json.dumps of the same rows.

	Side by side: the baseline is measured (in a server process) before and after the HTTP rounds, and its
	median taken over both, so that a change of the machine's load during the run weighs on both sides;
	the HTTP rounds start once every worker thread has answered (uncounted warm-up requests)."""
	url = "/api/method/nonsaad_smart.smart_core.gis.get_layer"
	whole = "101.5,16.0,103.5,{:.7f}"  # every pole; a new last digit is a new cache entry: a cold request
	for i in range(WARM_UP):  # warm-up: imports, meta, translations; a new connection each, for every worker
		bbox = whole.format(17.9 + i * 1e-6)
		guest.get(url, params={"layer": "street_lights", "bbox": bbox}, headers={"Connection": "close"})
	load = [os.getloadavg()[0]]
	baseline = [_measure_public()]
	cold, cached, wire, size, features = [], [], 0, 0, 0
	for i in range(LAYER_RUNS):
		bbox = whole.format(18.0 + i * 1e-6 + time.time() % 1 * 1e-3)
		started = time.perf_counter()
		r = guest.get(url, params={"layer": "street_lights", "bbox": bbox})
		cold.append((time.perf_counter() - started) * 1000)
		assert r.status_code == 200, r.text[:300]
		for _ in range(3):
			started = time.perf_counter()
			r = guest.get(url, params={"layer": "street_lights", "bbox": bbox})
			cached.append((time.perf_counter() - started) * 1000)
		wire = int(r.headers.get("Content-Length") or 0)
		size = len(r.content)
		features = len(r.json()["message"]["features"])
		encoding = r.headers.get("Content-Encoding")
	floor = []
	for _ in range(RUNS):
		started = time.perf_counter()
		guest.get("/api/method/ping")
		floor.append((time.perf_counter() - started) * 1000)
	baseline.append(_measure_public())
	load.append(os.getloadavg()[0])
	assert features == baseline[-1]["rows"] >= COUNT  # every standing pole is on the map (correctness)
	raw_json_ms = statistics.median([ms for b in baseline for ms in b["raw_sql_json_runs"]])
	cold_ms, cached_ms = statistics.median(cold), statistics.median(cached)
	base = "raw SQL + json"
	print(
		f"\nmap layer street_lights, {features} features, {size / 1e6:.2f} MB JSON, {wire / 1e6:.3f} MB on the "
		f"wire ({encoding}): cold {cold_ms:.0f} ms, cached {cached_ms:.0f} ms, raw SQL + json "
		f"{raw_json_ms:.0f} ms (before the HTTP rounds {baseline[0]['raw_sql_json_ms']:.0f} ms, after "
		f"{baseline[1]['raw_sql_json_ms']:.0f} ms)"
		f"\n  cold runs {[round(ms) for ms in cold]}\n  cached runs {[round(ms) for ms in cached]}"
		f"\n  load average {load[0]:.1f} before, {load[1]:.1f} after"
	)
	figure("map layer street_lights: HTTP cold", cold_ms, "ms", raw_json_ms, base, "<= 1.5x")
	figure("map layer street_lights: HTTP cached", cached_ms, "ms", raw_json_ms, base, "<= 0.2x")
	figure(
		"HTTP ping (the framework's floor per request)",
		statistics.median(floor),
		"ms",
		cached_ms,
		"cached layer",
	)
	figure("map layer street_lights: bytes on the wire", wire / 1e6, "MB", size / 1e6, "JSON", "gzip")
	figure("map layer run: load average", max(load), "load")


def _measure_public() -> dict:
	"""The baseline: raw SQL + hand-built GeoJSON + json.dumps of the public layer's rows, in the server."""
	return json.loads(
		bench_execute("nonsaad_smart.smart_i_pole.benchmark.measure_public", RUNS).splitlines()[-1]
	)
