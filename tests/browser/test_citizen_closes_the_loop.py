"""The citizen closes the loop (issue 17) with real clicks: on /request-status a guest reopens a resolved
request with a note, a photo and a rating (→ Reopened, back to the office); on /my-requests the demo
citizen confirms a fix and rates it (→ Closed). The database is checked afterwards."""

import io
import json
import uuid

import pytest
from conftest import bench_execute, demo_citizen, post_report, report_values

from .roles import admin_client, get_doc

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin():
	return admin_client()


def resolve(name: str) -> None:
	bench_execute("nonsaad_smart.e_smart_service.api.resolve_request", name, "ลอกท่อแล้ว")


def test_guest_reopens_on_the_status_page(phone, base_url, guest, admin, tmp_path):
	from PIL import Image

	data = report_values(requester_phone=f"08{uuid.uuid4().int % 10**8:08d}")
	name = post_report(guest, data, f"10.48.{uuid.uuid4().int % 250}.9").json()["message"]["name"]
	resolve(name)
	photo = tmp_path / "still-blocked.jpg"
	buffer = io.BytesIO()
	Image.new("RGB", (64, 48), (120, 90, 60)).save(buffer, "JPEG")
	photo.write_bytes(buffer.getvalue())

	phone.goto(f"{base_url}/request-status?tracking_number={name}")
	phone.locator("#phone_last4").click()
	phone.locator("#phone_last4").type(data["requester_phone"][-4:])
	phone.locator("#status-submit").click()
	loop = phone.locator("#status-loop .request-loop")
	loop.wait_for(state="visible", timeout=15000)
	loop.locator("input[name=loop-rating][value='2']").check()
	loop.locator(".loop-note").fill("ยังอุดตันอยู่ น้ำยังขัง")
	loop.locator(".loop-photo").set_input_files(str(photo))
	loop.locator(".loop-reopen").click()
	loop.locator(".loop-done").wait_for(state="visible", timeout=15000)
	doc = get_doc(admin, "Service Request", name)
	assert (doc["workflow_state"], doc["rating"], doc["citizen_note"]) == ("Reopened", 2, "ยังอุดตันอยู่ น้ำยังขัง")
	assert doc["citizen_photo"] and doc["reopen_count"] == 1


def test_citizen_confirms_on_my_requests(page, base_url, admin):
	r = admin.post(
		"/api/resource/Service Request",
		json={
			"service_type": "DRAIN",
			"channel": "Walk-in",
			"description": "ท่อระบายน้ำอุดตันหน้าตลาด",
			"requester": demo_citizen(admin),
			"latitude": 16.97,
			"longitude": 102.29,
		},
	)
	assert r.status_code == 200, r.text
	name = r.json()["data"]["name"]
	resolve(name)
	page.goto(f"{base_url}/login")
	page.fill("#login_email", "citizen@nonsaad.test")
	page.fill("#login_password", "Nonsaad@2569")
	page.locator(".btn-login").click()
	page.wait_for_load_state("networkidle")
	page.goto(f"{base_url}/my-requests")
	loop = page.locator(f".my-request-loop[data-name='{name}'] .request-loop")
	loop.wait_for(state="visible", timeout=30000)
	loop.locator("input[name=loop-rating][value='5']").check()
	loop.locator(".loop-confirm").click()
	loop.locator(".loop-done").wait_for(state="visible", timeout=15000)
	doc = get_doc(admin, "Service Request", name)
	assert (doc["workflow_state"], doc["citizen_response"], doc["rating"]) == ("Closed", "Confirmed", 5)
	assert json.dumps(doc["status_log"][-1]["status"]) == '"Closed"'
