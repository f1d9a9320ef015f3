"""Benchmark helpers (tests/bench/test_bench_poles.py): 10 000 poles by bulk insert, and their removal.

Benchmark poles are owned by BENCH_OWNER and numbered from the top of each village's serial range
(NSA-<moo>-9999 downwards), far above the register's own serials.
"""

import random

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import now_datetime

from nonsaad_smart.smart_core.gis import clear_layer_cache
from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import make_pole_code

POLE_DOCTYPE = "Street Light Pole"

BENCH_OWNER = "bench-poles@nonsaad.test"
LAMP_TYPES = ("LED", "High-Pressure Sodium", "CFL", "Solar")
STATUSES = ("Working",) * 17 + ("Faulty", "Under Repair", "Removed")


def insert_bench_poles(count: int = 10000) -> int:
	remove_bench_poles()
	villages = frappe.get_all(
		"Village", fields=["name", "village_no", "latitude", "longitude"], order_by="village_no"
	)
	villages = [v for v in villages if v.latitude and v.longitude]
	if not villages or count / len(villages) > 4000:
		frappe.throw("benchmark poles need located villages (at most 4000 poles per village)")
	rng = random.Random(10000)
	now = now_datetime()
	fields = [
		"name", "pole_code", "village", "village_no", "status", "lamp_type", "wattage", "height_m", "arms",
		"latitude", "longitude", "owner", "modified_by", "creation", "modified", "docstatus", "idx",
	]  # fmt: skip
	values = []
	for i in range(count):
		v = villages[i % len(villages)]
		code = make_pole_code(v.village_no, 9999 - i // len(villages))
		values.append(
			(
				code, code, v.name, v.village_no, rng.choice(STATUSES), rng.choice(LAMP_TYPES), rng.choice((40, 60, 150)),
				9.0, 1, round(v.latitude + rng.uniform(-0.004, 0.004), 7), round(v.longitude + rng.uniform(-0.004, 0.004), 7),
				BENCH_OWNER, BENCH_OWNER, now, now, 0, 0,
			)
		)  # fmt: skip
	frappe.db.bulk_insert("Street Light Pole", fields, values, chunk_size=2000)
	frappe.db.commit()
	clear_layer_cache(POLE_DOCTYPE)  # a bulk insert runs no controller: the map layers' cache is dropped here
	return count


def remove_bench_poles() -> int:
	pole = frappe.qb.DocType("Street Light Pole")
	count = frappe.qb.from_(pole).select(Count("*")).where(pole.owner == BENCH_OWNER).run()[0][0]
	frappe.db.delete("Street Light Pole", {"owner": BENCH_OWNER})
	frappe.db.commit()
	clear_layer_cache(POLE_DOCTYPE)
	return count


def _median_ms(fn, runs: int) -> tuple[float, object]:
	import statistics

	times, result = _times_ms(fn, runs)
	return statistics.median(times), result


def _times_ms(fn, runs: int) -> tuple[list[float], object]:
	import time

	times, result = [], None
	for _ in range(runs):
		started = time.perf_counter()
		result = fn()
		times.append((time.perf_counter() - started) * 1000)
	return times, result


def measure(runs: int = 5) -> dict:
	"""Server-side medians (ms): the layer function vs raw SQL on the same table, in one process."""
	import json

	from nonsaad_smart.smart_i_pole.api import pole_layer

	frappe.set_user("Administrator")
	sql = (
		"select name, village, status, lamp_type, wattage, latitude, longitude from `tabStreet Light Pole` "
		"where latitude is not null and longitude is not null order by name"
	)
	raw_ms, rows = _median_ms(lambda: frappe.db.sql(sql), runs)
	raw_json_ms, _ = _median_ms(
		lambda: json.dumps(
			{
				"type": "FeatureCollection",
				"features": [
					{
						"type": "Feature",
						"geometry": {"type": "Point", "coordinates": [r[6], r[5]]},
						"properties": {
							"name": r[0],
							"village": r[1],
							"status": r[2],
							"lamp_type": r[3],
							"wattage": r[4],
						},
					}
					for r in frappe.db.sql(sql)
				],
			}
		),
		runs,
	)
	layer_ms, layer = _median_ms(lambda: json.dumps(pole_layer(), default=str), runs)
	return {
		"rows": len(rows),
		"features": len(json.loads(layer)["features"]),
		"raw_sql_ms": round(raw_ms, 1),
		"raw_sql_json_ms": round(raw_json_ms, 1),
		"layer_ms": round(layer_ms, 1),
	}


def measure_public(runs: int = 5) -> dict:
	"""Raw SQL + hand-built GeoJSON + json.dumps of the public pole layer's rows (the baseline of the
	cached map layer smart_core.gis.get_layer("street_lights")), median ms in one process."""
	import json

	from nonsaad_smart.smart_i_pole.api import PUBLIC_FIELDS

	columns = [f for f in PUBLIC_FIELDS if f not in ("latitude", "longitude")]
	sql = (
		f"select {', '.join(f'`{c}`' for c in columns)}, latitude, longitude from `tabStreet Light Pole` "
		"where status != 'Removed' and latitude is not null and longitude is not null order by name"
	)
	n = len(columns)

	def build():
		rows = frappe.db.sql(sql)
		return json.dumps(
			{
				"type": "FeatureCollection",
				"features": [
					{
						"type": "Feature",
						"geometry": {"type": "Point", "coordinates": [r[n + 1], r[n]]},
						"properties": dict(zip(columns, r[:n], strict=True)),
					}
					for r in rows
				],
			},
			default=str,
		)

	import statistics

	raw_ms, rows = _median_ms(lambda: frappe.db.sql(sql), runs)
	raw_json_runs, body = _times_ms(build, runs)
	return {
		"rows": len(rows),
		"raw_sql_ms": round(raw_ms, 1),
		"raw_sql_json_ms": round(statistics.median(raw_json_runs), 1),
		"raw_sql_json_runs": [round(ms, 1) for ms in raw_json_runs],
		"bytes": len(body),
	}
