"""Benchmark: Smart Terrain's public layers with 5 000 road segments (LineStrings of 20 vertices) and
10 000 culverts, bbox-filtered, against raw SQL + json.dumps of the same rows in the same run.

Measures the HTTP endpoint smart_core.gis.get_layer (cold: first call; repeat: the same call again, which
the layer cache of issue 11 serves when it is there), the layer function in one server process, and the
baseline. Prints sizes, medians and ratios (targets: ≤ 1.5× the baseline cold, ≤ 0.2× a cached repeat).
Figures only: no timed assertion.
"""

import json
import statistics
import time

import pytest
from conftest import bench_execute

ROADS, CULVERTS, RUNS = 5000, 10000, 5
BBOX = "102.26,16.94,102.30,16.99"
URL = "/api/method/nonsaad_smart.smart_core.gis.get_layer"


@pytest.fixture
def bench_terrain():
	bench_execute("nonsaad_smart.smart_terrain.benchmark.insert_bench_terrain", ROADS, CULVERTS)
	yield
	bench_execute("nonsaad_smart.smart_terrain.benchmark.remove_bench_terrain")


def timed(client, layer):
	started = time.perf_counter()
	r = client.get(URL, params={"layer": layer, "bbox": BBOX})
	assert r.status_code == 200, r.text[:300]
	return (time.perf_counter() - started) * 1000, r


@pytest.mark.benchmark
def test_terrain_layers_vs_raw_sql(guest, bench_terrain):
	server = json.loads(bench_execute("nonsaad_smart.smart_terrain.benchmark.measure", RUNS).splitlines()[-1])
	lines = []
	for layer in ("roads", "culverts"):
		cold_ms, r = timed(guest, layer)
		repeat = [timed(guest, layer)[0] for _ in range(RUNS)]
		features = len(r.json()["message"]["features"])
		s = server[layer]
		assert features == s["layer_features"] == s["raw_features"] > 0  # same rows (correctness, not timing)
		repeat_ms = statistics.median(repeat)
		lines.append(
			f"\n{layer}: {features} features in the bbox ({len(r.content) / 1e6:.2f} MB over HTTP)"
			f"\n  HTTP cold                     {cold_ms:8.1f} ms"
			f"\n  HTTP repeat (median of {RUNS})     {repeat_ms:8.1f} ms"
			f"\n  layer function (server)       {s['layer_ms']:8.1f} ms"
			f"\n  raw SQL + json.dumps          {s['raw_ms']:8.1f} ms"
			f"\n  ratio layer fn / baseline     {s['layer_ms'] / max(s['raw_ms'], 0.001):6.2f}x  (target ≤ 1.5x)"
			f"\n  ratio HTTP cold / baseline    {cold_ms / max(s['raw_ms'], 0.001):6.2f}x"
			f"\n  ratio HTTP repeat / baseline  {repeat_ms / max(s['raw_ms'], 0.001):6.2f}x  (target ≤ 0.2x cached)"
		)
	print("".join(lines))
