"""Benchmark helpers (tests/bench/test_bench_terrain.py): 5 000 road segments (LineStrings of 20
vertices) and 10 000 culverts by bulk insert, the server-side measurements, and their removal.

Benchmark rows are owned by BENCH_OWNER; road codes use register numbers 50–59 (นภ.ถ.5N-NNN), far from the
demo's 06."""

import json
import math
import random
import statistics
import time

import frappe
from frappe.utils import now_datetime

BENCH_OWNER = "bench-terrain@nonsaad.test"
BBOX = "102.26,16.94,102.30,16.99"  # about the western half of the municipality


def remove_bench_terrain() -> int:
	count = frappe.db.count("Road", {"owner": BENCH_OWNER}) + frappe.db.count(
		"Culvert", {"owner": BENCH_OWNER}
	)
	frappe.db.delete("Road", {"owner": BENCH_OWNER})
	frappe.db.delete("Culvert", {"owner": BENCH_OWNER})
	frappe.db.commit()
	return count


def insert_bench_terrain(roads: int = 5000, culverts: int = 10000, vertices: int = 20) -> int:
	remove_bench_terrain()
	village = frappe.get_all("Village", pluck="name", limit=1)[0]
	rng = random.Random(5000)
	now = now_datetime()
	common = ("owner", "modified_by", "creation", "modified", "docstatus", "idx")
	road_fields = [
		"name", "road_code", "road_name", "village", "surface", "width_m", "traffic_class", "condition_class",
		"paser", "geometry", "length_m", "latitude", "longitude", "min_latitude", "min_longitude",
		"max_latitude", "max_longitude", *common,
	]  # fmt: skip
	values = []
	for i in range(roads):
		code = f"นภ.ถ.{50 + i // 999}-{i % 999 + 1:03d}"
		lat, lng = rng.uniform(16.94, 17.0), rng.uniform(102.255, 102.325)
		bearing = math.radians(rng.uniform(0, 360))
		coords = []
		for _ in range(vertices):
			coords.append([round(lng, 7), round(lat, 7)])
			lat += 25 * math.cos(bearing) / 110_574
			lng += 25 * math.sin(bearing) / 106_500
			bearing += math.radians(rng.uniform(-10, 10))
		geometry = {
			"type": "FeatureCollection",
			"features": [
				{
					"type": "Feature",
					"properties": {},
					"geometry": {"type": "LineString", "coordinates": coords},
				}
			],
		}
		paser = rng.randint(1, 10)
		values.append(
			(
				code, code, f"ถนนทดสอบสมรรถนะ {i}", village, "Asphalt", 5, "Low",
				"Good" if paser >= 8 else "Fair" if paser >= 5 else "Poor" if paser >= 3 else "Very Poor", paser,
				json.dumps(geometry), 25.0 * (vertices - 1), coords[vertices // 2][1], coords[vertices // 2][0],
				min(c[1] for c in coords), min(c[0] for c in coords), max(c[1] for c in coords), max(c[0] for c in coords),
				BENCH_OWNER, BENCH_OWNER, now, now, 0, 0,
			)
		)  # fmt: skip
	frappe.db.bulk_insert("Road", road_fields, values, chunk_size=1000)
	culvert_fields = [
		"name",
		"culvert_name",
		"village",
		"material",
		"condition_class",
		"latitude",
		"longitude",
		*common,
	]
	values = [
		(
			f"CLV-B{i:05d}", f"ท่อลอดทดสอบ {i}", village, "Concrete Pipe", rng.choice(("Good", "Fair", "Poor")),
			round(rng.uniform(16.94, 17.0), 7), round(rng.uniform(102.255, 102.325), 7),
			BENCH_OWNER, BENCH_OWNER, now, now, 0, 0,
		)
		for i in range(culverts)
	]  # fmt: skip
	frappe.db.bulk_insert("Culvert", culvert_fields, values, chunk_size=2000)
	frappe.db.commit()
	return roads + culverts


def _median_ms(fn, runs: int):
	times, result = [], None
	for _ in range(runs):
		started = time.perf_counter()
		result = fn()
		times.append((time.perf_counter() - started) * 1000)
	return statistics.median(times), result


def _raw_roads(box):
	rows = frappe.db.sql(
		"""select name, road_name, village, surface, width_m, length_m, paser, condition_class, geometry
		from `tabRoad` where min_longitude <= %s and max_longitude >= %s and min_latitude <= %s
		and max_latitude >= %s order by name""",
		(box[2], box[0], box[3], box[1]),
	)
	features = []
	for r in rows:
		g = json.loads(r[8])["features"][0]["geometry"]
		features.append(
			{
				"type": "Feature",
				"geometry": g,
				"properties": {
					"name": r[0], "road_name": r[1], "village": r[2], "surface": r[3], "width_m": r[4],
					"length_m": r[5], "paser": r[6], "condition_class": r[7],
				},
			}
		)  # fmt: skip
	return json.dumps({"type": "FeatureCollection", "features": features}, default=str)


def _raw_culverts(box):
	rows = frappe.db.sql(
		"""select name, culvert_name, village, road, material, condition_class, latitude, longitude
		from `tabCulvert` where longitude >= %s and longitude <= %s and latitude >= %s and latitude <= %s
		order by name""",
		(box[0], box[2], box[1], box[3]),
	)
	return json.dumps(
		{
			"type": "FeatureCollection",
			"features": [
				{
					"type": "Feature",
					"geometry": {"type": "Point", "coordinates": [r[7], r[6]]},
					"properties": {
						"name": r[0],
						"culvert_name": r[1],
						"village": r[2],
						"road": r[3],
						"material": r[4],
						"condition_class": r[5],
					},
				}
				for r in rows
			],
		}
	)


def measure(runs: int = 5) -> dict:
	"""Server-side medians (ms): the layer functions vs raw SQL + json.dumps of the same rows."""
	from nonsaad_smart.smart_core.gis import parse_bbox
	from nonsaad_smart.smart_terrain.api import culvert_layer, road_layer

	frappe.set_user("Guest")
	box = parse_bbox(BBOX)
	out = {}
	for name, layer_fn, raw_fn in (
		("roads", road_layer, _raw_roads),
		("culverts", culvert_layer, _raw_culverts),
	):
		raw_ms, raw = _median_ms(lambda raw_fn=raw_fn: raw_fn(box), runs)
		layer_ms, layer = _median_ms(
			lambda layer_fn=layer_fn: json.dumps(layer_fn(bbox=BBOX), default=str), runs
		)
		out[name] = {
			"raw_ms": round(raw_ms, 1),
			"layer_ms": round(layer_ms, 1),
			"raw_features": len(json.loads(raw)["features"]),
			"layer_features": len(json.loads(layer)["features"]),
			"bytes": len(layer),
		}
	frappe.set_user("Administrator")
	return out
