"""The public pole layer's cold path step by step in one process, beside its baseline, for docs/performance.md.

    cd sites && ../env/bin/python ../tests/bench/profile_pole_layer.py <site> [rounds] [--bench-poles]

Each round times, one after the other in the same process (so the machine's load weighs on all alike):

- the baseline of `bin/nonsaad benchmark` (raw SQL + hand-built GeoJSON + json.dumps, smart_i_pole.benchmark);
- each step of `smart_core.gis.get_layer`'s cold path: the layer method (`public_pole_layer`), the display
  values, `json.dumps`, gzip, and what a client does with the body (inflate + JSON parse);
- the same body in the previous format (each feature also carrying title, url and colour: BODY_FORMAT 1)
  for its size and its dumps/gzip/parse times;
- the whole request through Frappe's WSGI application (werkzeug's test client, as a guest with gzip: routing,
  session, get_layer with its cache read and write, after-request hooks), cold (a bbox never asked) and
  cached (the same bbox again): what gunicorn runs, without the socket and the machine's other processes.

and prints the medians, the ratios to the baseline and the load average before and after. Nothing is written
to the cache. `--bench-poles` first inserts the benchmark's 10 000 poles (removed at the end).
"""

import gzip
import json
import os
import statistics
import sys
import time


def _ms(fn):
	started = time.perf_counter()
	value = fn()
	return (time.perf_counter() - started) * 1000, value


def main(site: str, rounds: int = 10, bench_poles: bool = False) -> None:
	import frappe

	def reconnect():
		frappe.init(site=site, sites_path=".")
		frappe.connect()
		frappe.local.lang = frappe.db.get_default("lang") or "th"

	reconnect()
	from frappe.utils.response import json_handler
	from nonsaad_smart.smart_core import gis
	from nonsaad_smart.smart_i_pole import benchmark
	from nonsaad_smart.smart_i_pole.api import STATUS_COLOUR, public_pole_layer
	from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import STATUS_THAI

	if bench_poles:
		benchmark.insert_bench_poles(10_000)
	from frappe.app import application
	from werkzeug.test import Client

	client = Client(application)
	url = "/api/method/nonsaad_smart.smart_core.gis.get_layer"
	headers = {"Host": site, "Accept": "application/json", "Accept-Encoding": "gzip"}

	def wsgi(bbox):
		r = client.get(url, query_string={"layer": "street_lights", "bbox": bbox}, headers=headers)
		assert r.status_code == 200, r.get_data(as_text=True)[:300]
		return r.get_data()

	spec = gis.registered_layers()["street_lights"]
	load_before = os.getloadavg()

	def old_format(collection):
		"""The body as the previous code wrote it (BODY_FORMAT 1): derived words in every feature."""
		features = []
		for f in collection["features"]:
			p = f["properties"]
			extra = {
				"title": f"{p['name']} – {STATUS_THAI.get(p['status'], p['status'])}",
				"url": f"/pole/{p['name']}",
				"color": STATUS_COLOUR.get(p["status"]),
			}
			features.append({**f, "properties": {**p, **extra}})
		return {**collection, "features": features}

	def dumps(message):
		return json.dumps({"message": message}, default=json_handler, separators=(",", ":")).encode("ascii")

	steps = {
		k: []
		for k in (
			"baseline",
			"method",
			"display",
			"dumps",
			"gzip",
			"cold",
			"client",
			"old dumps",
			"old gzip",
			"old cold",
			"old client",
			"wsgi cold",
			"wsgi cached",
		)
	}
	wsgi("101.5,16.0,103.5,17.9")  # warm-up: imports, meta, translations
	reconnect()
	public_pole_layer()
	sizes = {}
	for i in range(rounds):
		bbox = f"101.5,16.0,103.5,{18.0 + i * 1e-6 + time.time() % 1 * 1e-3:.7f}"  # a new cache entry
		t_wsgi_cold, _data = _ms(lambda b=bbox: wsgi(b))
		t_wsgi_cached, _data = _ms(lambda b=bbox: wsgi(b))
		reconnect()  # a request ends with frappe.destroy()
		steps["baseline"].append(benchmark.measure_public(1)["raw_sql_json_ms"])
		t_method, collection = _ms(public_pole_layer)
		collection.pop(gis.ROUNDED_FLAG, None)
		t_display, display = _ms(lambda c=collection: gis.display_values(spec, c["features"]))
		collection["display"] = display
		t_dumps, raw = _ms(lambda c=collection: dumps(c))
		t_gzip, body = _ms(lambda r=raw: gzip.compress(r, compresslevel=gis.GZIP_LEVEL, mtime=0))
		t_client, _parsed = _ms(lambda b=body: json.loads(gzip.decompress(b)))
		old = old_format(collection)
		t_old_dumps, old_raw = _ms(lambda o=old: dumps(o))
		t_old_gzip, old_body = _ms(lambda r=old_raw: gzip.compress(r, compresslevel=gis.GZIP_LEVEL, mtime=0))
		t_old_client, _parsed = _ms(lambda b=old_body: json.loads(gzip.decompress(b)))
		for name, value in (
			("method", t_method),
			("display", t_display),
			("dumps", t_dumps),
			("gzip", t_gzip),
			("cold", t_method + t_display + t_dumps + t_gzip),
			("client", t_client),
			("old dumps", t_old_dumps),
			("old gzip", t_old_gzip),
			("old cold", t_method + t_display + t_old_dumps + t_old_gzip),
			("old client", t_old_client),
			("wsgi cold", t_wsgi_cold),
			("wsgi cached", t_wsgi_cached),
		):
			steps[name].append(value)
		sizes = {
			"features": len(collection["features"]),
			"json": len(raw),
			"gzip": len(body),
			"old json": len(old_raw),
			"old gzip": len(old_body),
		}
	load_after = os.getloadavg()
	base = statistics.median(steps["baseline"])
	print(f"public pole layer, {sizes['features']} features, {rounds} rounds, median ms (ratio to baseline)")
	for name, values in steps.items():
		median = statistics.median(values)
		print(f"  {name:<12} {median:8.1f} ms  {median / base:5.2f}x")
	print(
		f"  body: {sizes['json'] / 1e6:.2f} MB JSON, {sizes['gzip'] / 1e3:.0f} kB gzipped "
		f"(previous format: {sizes['old json'] / 1e6:.2f} MB, {sizes['old gzip'] / 1e3:.0f} kB)"
	)
	print(f"  load average before {load_before[0]:.1f}, after {load_after[0]:.1f}")
	if bench_poles:
		benchmark.remove_bench_poles()
	frappe.destroy()


if __name__ == "__main__":
	args = [a for a in sys.argv[1:] if not a.startswith("--")]
	main(args[0], int(args[1]) if len(args) > 1 else 10, "--bench-poles" in sys.argv)
