"""Profile citizen reports end to end in one process (cProfile), for docs/performance.md.

    cd sites && ../env/bin/python ../tests/bench/profile_report.py <site> [n] [sort]

Posts `n` reports through Frappe's WSGI application (routing, session, the web-form endpoint, validation,
insert, commit, after-request hooks: everything gunicorn runs) with werkzeug's test client, then prints
the cumulative top of the profile and the wall time per report. The reports are removed afterwards.
"""

import cProfile
import io
import json
import os
import pstats
import sys
import time

from werkzeug.test import Client

ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"


def main(site: str, n: int = 30, sort: str = "cumulative") -> None:
	import frappe
	from frappe.app import application

	client = Client(application)
	headers = {"Host": site, "Accept": "application/json"}

	def report(i: int):
		data = {
			"service_type": "DRAIN",
			"description": f"ท่อระบายน้ำอุดตัน (profile {i})",
			"latitude": 16.96 + (i % 10) * 0.002,
			"longitude": 102.28 + (i % 7) * 0.003,
			"requester_name": "ผู้ทดสอบ ภาระงาน",
			"requester_phone": f"081{i:07d}",
		}
		r = client.post(
			ACCEPT,
			data={"web_form": "report", "data": json.dumps(data)},
			headers={**headers, "X-Forwarded-For": f"10.78.{i // 200}.{i % 200 + 1}"},
		)
		assert r.status_code == 200, r.get_data(as_text=True)[:500]
		return json.loads(r.get_data())["message"]["name"]

	names = [report(0)]  # warm-up: imports, caches
	profiler = cProfile.Profile()
	started = time.perf_counter()
	profiler.enable()
	for i in range(1, n + 1):
		names.append(report(i))
	profiler.disable()
	elapsed = time.perf_counter() - started
	if os.environ.get("PROFILE_OUT"):
		profiler.dump_stats(os.environ["PROFILE_OUT"])
	out = io.StringIO()
	pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(int(os.environ.get("PROFILE_ROWS", "60")))
	print(out.getvalue())
	print(f"{n} reports in {elapsed:.2f} s: {elapsed / n * 1000:.1f} ms per report (profiled)")

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	for name in names:
		frappe.delete_doc("Service Request", name, force=True, ignore_permissions=True)
	frappe.db.commit()
	frappe.destroy()


if __name__ == "__main__":
	main(
		sys.argv[1],
		int(sys.argv[2]) if len(sys.argv) > 2 else 30,
		sys.argv[3] if len(sys.argv) > 3 else "cumulative",
	)
