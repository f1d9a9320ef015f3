"""Benchmark: GeoJSON of 10 000 street light poles from the layer endpoint vs raw SQL on the same table.

Inserts 10 000 poles by bulk insert (nonsaad_smart.smart_i_pole.benchmark), measures in the same run
  - the HTTP endpoint nonsaad_smart.smart_i_pole.api.pole_layer (login, permission check, get_list, GeoJSON),
  - the layer function in one server process, raw SQL alone, and raw SQL + hand-built GeoJSON,
prints medians and ratios, and removes the poles. Figures only: no timed assertion.
"""

import json
import statistics
import time

import pytest
from conftest import bench_execute

COUNT = 10_000
RUNS = 5


@pytest.fixture
def bench_poles():
	bench_execute("nonsaad_smart.smart_i_pole.benchmark.insert_bench_poles", COUNT)
	yield COUNT
	bench_execute("nonsaad_smart.smart_i_pole.benchmark.remove_bench_poles")


@pytest.mark.benchmark
def test_pole_layer_vs_raw_sql(admin, bench_poles):
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
