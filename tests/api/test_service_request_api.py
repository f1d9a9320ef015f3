"""Service requests over real HTTP: the guest web form, gap-free tracking numbers under concurrency, the
status page (no personal data, nothing for a wrong pair, rate-limited), citizens' own list, officers'
workflow actions and the walk-in receipt."""

import itertools
import json
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import Client, post_report, report_values

STATUS = "/api/method/nonsaad_smart.e_smart_service.api.request_status"
_ips = itertools.count(1)


def fake_ip() -> str:
	"""Each simulated citizen comes from an address of their own (the guest rate limit is per IP)."""
	n = next(_ips) + (uuid.uuid4().int % 200) * 250
	return f"10.41.{n // 250 % 250}.{n % 250 + 1}"


def report(**values) -> dict:
	return report_values(
		**{
			"description": "ท่อระบายน้ำอุดตันหน้าบ้าน",
			"requester_name": "นางทดสอบ ระบบ",
			"requester_phone": f"08{uuid.uuid4().int % 10**8:08d}",
			**values,
		}
	)


def submit(client: Client, data: dict, ip: str | None = None):
	return post_report(client, data, ip or fake_ip())


def with_csrf(client: Client) -> Client:
	"""Logged-in POSTs need the session's CSRF token, as a browser has it from any page."""
	if "X-Frappe-CSRF-Token" not in client.headers:
		page = client.get("/request-status").text
		token = re.search(r'frappe.csrf_token = "([^"]+)"', page)
		if token and token.group(1) != "None":
			client.headers["X-Frappe-CSRF-Token"] = token.group(1)
	return client


def count(admin, doctype="Service Request") -> int:
	return admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype}).json()["message"]


def test_guest_report_gets_a_tracking_number_and_nothing_else(guest, admin):
	data = report()
	r = submit(guest, data)
	assert r.status_code == 200, r.text
	answer = r.json()["message"]
	assert answer["name"].startswith("SR-25") and answer["merged"] == 0
	assert data["requester_phone"] not in r.text and data["requester_name"] not in r.text
	doc = admin.get(f"/api/resource/Service Request/{answer['name']}").json()["data"]
	assert (doc["channel"], doc["workflow_state"], doc["requester_phone"]) == (
		"Web",
		"Submitted",
		data["requester_phone"],
	)
	assert doc["village"] and doc["due_date"]


def test_concurrent_reports_get_consecutive_numbers(admin):
	before = count(admin)
	with ThreadPoolExecutor(max_workers=12) as pool:
		responses = list(pool.map(lambda _: submit(Client(), report()), range(24)))
	assert [r.status_code for r in responses] == [200] * 24, [
		r.text[:200] for r in responses if r.status_code != 200
	]
	names = sorted(r.json()["message"]["name"] for r in responses)
	numbers = [int(n.rsplit("-", 1)[1]) for n in names]
	assert len(set(names)) == 24
	assert numbers == list(range(numbers[0], numbers[0] + 24)), names  # no gaps, no duplicates
	assert count(admin) == before + 24


def test_status_page_shows_state_and_timeline_only(guest):
	data = report(description="ไฟฟ้าดับทั้งซอย บ้านเลขที่ 99")
	name = submit(guest, data).json()["message"]["name"]
	ip = fake_ip()
	r = guest.post(
		STATUS,
		data={"tracking_number": name, "phone_last4": data["requester_phone"][-4:]},
		headers={"X-Forwarded-For": ip},
	)
	assert r.status_code == 200, r.text
	status = r.json()["message"]
	assert status["found"] and status["tracking_number"] == name and status["status"] == "Submitted"
	assert [t["status"] for t in status["timeline"]] == ["Submitted"]
	for private in (data["requester_phone"], data["requester_name"], data["description"]):
		assert private not in r.text
	wrong = guest.post(
		STATUS, data={"tracking_number": name, "phone_last4": "0000"}, headers={"X-Forwarded-For": ip}
	)
	unknown = guest.post(
		STATUS,
		data={"tracking_number": "SR-2570-99999", "phone_last4": "0000"},
		headers={"X-Forwarded-For": ip},
	)
	assert wrong.json() == unknown.json()
	assert wrong.json()["message"]["found"] is False and name not in wrong.text
	page = guest.get(f"/request-status?tracking_number={name}")
	assert page.status_code == 200 and "ติดตามสถานะ" in page.text


def test_status_lookups_are_rate_limited(guest):
	ip = fake_ip()
	codes = [
		guest.post(
			STATUS,
			data={"tracking_number": f"SR-2570-{n:05d}", "phone_last4": "1234"},
			headers={"X-Forwarded-For": ip},
		).status_code
		for n in range(12)
	]
	assert codes[:10] == [200] * 10
	assert codes[10:] == [429, 429]


def test_citizen_lists_only_own_requests(login, admin):
	citizen = with_csrf(login("citizen"))
	r = submit(citizen, report(requester_name="ชื่อที่พิมพ์", description="ขยะไม่ได้เก็บหน้าบ้านฉัน"))
	assert r.status_code == 200, r.text
	mine = r.json()["message"]["name"]
	listed = citizen.get(
		"/api/resource/Service Request", params={"fields": '["name","requester"]', "limit_page_length": 500}
	)
	assert listed.status_code == 200, listed.text
	rows = listed.json()["data"]
	assert mine in [row["name"] for row in rows]
	requesters = {row["requester"] for row in rows}
	assert len(requesters) == 1 and None not in requesters  # only requests filed as this citizen
	total = count(admin)
	assert len(rows) < total
	guest_made = submit(Client(), report()).json()["message"]["name"]
	assert citizen.get(f"/api/resource/Service Request/{guest_made}").status_code == 403
	page = citizen.get("/my-requests")
	assert page.status_code == 200 and mine in page.text and guest_made not in page.text
	assert Client().get("/my-requests", allow_redirects=False).status_code in (301, 302, 303)


def test_officers_move_the_workflow_and_others_cannot(guest, login):
	name = submit(guest, report()).json()["message"]["name"]
	doc = json.dumps({"doctype": "Service Request", "name": name})
	apply = "/api/method/frappe.model.workflow.apply_workflow"
	for user in ("technician", "auditor", "frontdesk"):
		with_csrf(login(user))
	assert login("technician").post(apply, data={"doc": doc, "action": "Accept"}).status_code >= 400
	assert login("auditor").post(apply, data={"doc": doc, "action": "Accept"}).status_code >= 400
	r = login("frontdesk").post(apply, data={"doc": doc, "action": "Accept"})
	assert r.status_code == 200, r.text
	assert r.json()["message"]["workflow_state"] == "Accepted"
	assert guest.get(f"/api/resource/Service Request/{name}").status_code == 403


def test_walk_in_receipt_pdf(login):
	frontdesk = with_csrf(login("frontdesk"))
	r = frontdesk.post(
		"/api/resource/Service Request",
		json={
			"service_type": "RESCERT",
			"channel": "Walk-in",
			"description": "ขอหนังสือรับรองการอยู่อาศัย",
			"requester_name": "นายมาเอง ที่สำนักงาน",
			"requester_phone": "0812223344",
		},
	)
	assert r.status_code == 200, r.text
	name = r.json()["data"]["name"]
	pdf = frontdesk.get(
		"/api/method/frappe.utils.print_format.download_pdf",
		params={"doctype": "Service Request", "name": name, "format": "Service Request Receipt"},
	)
	assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF", pdf.text[:300]
	try:
		import subprocess

		text = subprocess.run(
			["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
		).stdout.decode()
	except (FileNotFoundError, subprocess.CalledProcessError):
		pytest.skip("pdftotext not installed")
	assert name in text
	assert "ใบรับเรื่อง" in text.replace(" ", "") or "ใบรับเรื่อง" in text
