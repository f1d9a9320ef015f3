"""Races, with truly parallel HTTP requests against the test server (gunicorn 2 workers × 4 threads)
(issue 9 item 9).

- 20 citizens report the same pole at the same moment: exactly one open request, the 19 others merged
  into it (none lost: report_count 20, 19 report rows). The database enforces it (unique key of the open
  request per asset and service type; merges under a row lock).
- An Open311 client limited to 3 posts a minute sends 10 at once: exactly 3 get through (the client's row
  is locked while its recent posts are counted).
"""

import json
import secrets
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from conftest import Client, post_report, report_values

OPEN = ["Submitted", "Accepted", "Assigned", "In Progress"]


def address() -> str:
	n = uuid.uuid4().int
	return f"10.{n % 200 + 50}.{n // 200 % 250}.{n // 50000 % 250 + 1}"


def parallel(fn, n: int) -> list:
	"""Run fn(i) for i < n in n threads released together."""
	barrier = threading.Barrier(n)

	def run(i):
		barrier.wait()
		return fn(i)

	with ThreadPoolExecutor(max_workers=n) as pool:
		return list(pool.map(run, range(n)))


def open_requests(admin, pole: str) -> list[dict]:
	return admin.get(
		"/api/resource/Service Request",
		params={
			"filters": json.dumps([["asset_name", "=", pole], ["workflow_state", "in", OPEN]]),
			"fields": json.dumps(["name", "report_count", "service_type"]),
		},
	).json()["data"]


def free_pole(admin) -> str:
	poles = admin.get(
		"/api/resource/Street Light Pole",
		params={"filters": json.dumps([["status", "=", "Working"]]), "limit_page_length": 300},
	).json()["data"]
	for pole in reversed(poles):
		if not open_requests(admin, pole["name"]):
			return pole["name"]
	raise AssertionError("no pole without an open request")


def test_twenty_parallel_reports_about_one_pole_make_one_request(admin):
	pole = free_pole(admin)

	def report(i):
		data = report_values(
			service_type="LIGHT",
			description=f"ไฟดับ รายงานที่ {i}",
			requester_name=f"ผู้แจ้ง คนที่ {i}",
			requester_phone=f"08{i:08d}",
			asset_doctype="Street Light Pole",
			asset_name=pole,
			latitude=None,
			longitude=None,
		)
		return post_report(Client(), data, address())

	responses = parallel(report, 20)
	assert [r.status_code for r in responses] == [200] * 20, [r.text[:300] for r in responses]
	answers = [r.json()["message"] for r in responses]
	names = {a["name"] for a in answers}
	assert len(names) == 1, names
	assert sorted(a["merged"] for a in answers) == [0] + [1] * 19
	rows = open_requests(admin, pole)
	assert len(rows) == 1 and rows[0]["name"] in names, rows
	doc = admin.get(f"/api/resource/Service Request/{rows[0]['name']}").json()["data"]
	assert doc["report_count"] == 20
	assert len(doc["additional_reports"]) == 19  # no report lost to a parallel save
	phones = {r["reporter_phone"] for r in doc["additional_reports"]} | {doc["requester_phone"]}
	assert phones == {f"08{i:08d}" for i in range(20)}


def test_ten_parallel_open311_posts_get_exactly_the_limit_through(admin):
	key = secrets.token_urlsafe(24)
	r = admin.post(
		"/api/resource/Open311 Client",
		json={
			"client_name": f"Racing integrator {uuid.uuid4().hex[:6]}",
			"api_key": key,
			"requests_per_minute": 3,
		},
	)
	assert r.status_code == 200, r.text

	def count():
		return admin.get("/api/method/frappe.client.get_count", params={"doctype": "Service Request"}).json()[
			"message"
		]

	before = count()

	def post(i):
		return Client().post(
			"/open311/v2/requests.json",
			data={
				"api_key": key,
				"service_code": "WASTE",
				"description": f"ขยะล้นถัง จุดที่ {i}",
				"lat": "16.975",
				"long": "102.30",
			},
		)

	codes = sorted(r.status_code for r in parallel(post, 10))
	assert codes == [201] * 3 + [429] * 7, codes
	assert count() == before + 3
