"""Benchmark: the rabies coverage report and the public village layer over 50 000 pets and 100 000
vaccinations vs raw SQL of the same aggregate, in the same run (target ≤ 3×). Inserts the rows by bulk
insert (nonsaad_smart.smart_pet.benchmark), measures in one server process and over HTTP, prints medians
and ratios, checks the figures are the same as raw SQL's, and removes the rows. No timed assertion."""

import json
import statistics
import time

import pytest
from conftest import bench_execute

PETS, VACCINATIONS, RUNS = 50_000, 100_000, 5


@pytest.fixture
def bench_pets():
	bench_execute("nonsaad_smart.smart_pet.benchmark.insert_bench_pets", PETS, VACCINATIONS)
	yield PETS
	bench_execute("nonsaad_smart.smart_pet.benchmark.remove_bench_pets")


@pytest.mark.benchmark
def test_coverage_report_and_layer_vs_raw_sql(admin, bench_pets, guest):
	url = "/api/method/nonsaad_smart.smart_core.gis.get_layer"
	guest.get(url, params={"layer": "rabies_coverage"})  # warm-up
	times = []
	for _ in range(RUNS):
		started = time.perf_counter()
		r = guest.get(url, params={"layer": "rabies_coverage"})
		times.append((time.perf_counter() - started) * 1000)
		assert r.status_code == 200, r.text[:300]
	http_ms = statistics.median(times)
	server = json.loads(bench_execute("nonsaad_smart.smart_pet.benchmark.measure", RUNS).splitlines()[-1])
	assert server["same"], server  # the report's per-village figures equal raw SQL's (correctness)
	assert server["dogs"] >= PETS * 0.5
	raw = max(server["raw_sql_ms"], 0.001)
	print(
		f"\nrabies coverage, {PETS} pets + {VACCINATIONS} vaccinations, {server['villages']} villages, median of {RUNS}:"
		f"\n  raw SQL aggregate            {server['raw_sql_ms']:8.1f} ms"
		f"\n  coverage report (server)     {server['report_ms']:8.1f} ms   ratio {server['report_ms'] / raw:5.2f}x"
		f"\n  village layer (server)       {server['layer_ms']:8.1f} ms   ratio {server['layer_ms'] / raw:5.2f}x"
		f"\n  village layer (HTTP, guest)  {http_ms:8.1f} ms   ratio {http_ms / raw:5.2f}x"
	)
