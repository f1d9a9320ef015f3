"""The citizen sees the resolution (issue 10 item 11): the office's note and the after photo on
/request-status (guest, phone) and /my-requests (the demo citizen); /pole/<code> says "reported, being
checked" while a report about a working pole is open."""

import io

import pytest
from conftest import demo_citizen

from .roles import admin_client, get_doc, get_list

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin():
	return admin_client()


def attach_after_photo(admin, name: str) -> str:
	"""A fresh private after photo on the request (the file on disk, whatever the restored site has)."""
	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", (320, 240), (90, 140, 90)).save(buffer, "JPEG")
	r = admin.post(
		"/api/method/upload_file",
		files={"file": (f"after-{name}.jpg", buffer.getvalue(), "image/jpeg")},
		data={"is_private": 1, "doctype": "Service Request", "docname": name, "fieldname": "after_photo"},
	)
	assert r.status_code == 200, r.text
	return r.json()["message"]["file_url"]


@pytest.fixture(scope="module")
def resolved(admin):
	"""A resolved request of the demo citizen, with a note (text that must not be read as HTML) and a photo."""
	rows = get_list(
		admin,
		"Service Request",
		{"workflow_state": ["in", ["Resolved", "Closed"]], "requester": demo_citizen(admin)},
		("name", "requester_phone"),
	)
	assert rows, "the demo citizen has no resolved request"
	row = rows[0]
	note = 'ซ่อมแล้ว 2 < 3 & เปลี่ยนหลอด "LED" เรียบร้อย'
	r = admin.put(
		f"/api/resource/Service Request/{row['name']}",
		json={"resolution_note": note, "after_photo": attach_after_photo(admin, row["name"])},
	)
	assert r.status_code == 200, r.text
	row.update(get_doc(admin, "Service Request", row["name"]))
	return row


def test_guest_sees_note_and_after_photo_on_status_page(phone, base_url, resolved):
	phone.goto(f"{base_url}/request-status")
	phone.locator("#tracking_number").click()
	phone.locator("#tracking_number").type(resolved["name"])
	phone.locator("#phone_last4").click()
	phone.locator("#phone_last4").type(resolved["requester_phone"][-4:])
	phone.locator("#status-submit").click()
	note = phone.locator("#status-resolution-note")
	note.wait_for(state="visible", timeout=15000)
	assert note.inner_text().strip() == resolved["resolution_note"].strip()
	assert "&amp;" not in note.inner_text()
	phone.wait_for_function(
		"() => { const i = document.getElementById('status-after-photo'); return i && i.complete && i.naturalWidth > 0; }",
		timeout=15000,
	)


def test_wrong_pair_gets_no_photo(guest, resolved):
	r = guest.get(
		"/api/method/nonsaad_smart.e_smart_service.api.resolution_photo",
		params={"tracking_number": resolved["name"], "phone_last4": "0000"},
	)
	assert r.status_code == 403
	r = guest.get(
		"/api/method/nonsaad_smart.e_smart_service.api.resolution_photo",
		params={"tracking_number": resolved["name"]},
	)
	assert r.status_code == 403


def test_citizen_sees_resolution_on_my_requests(page, base_url, resolved):
	page.goto(f"{base_url}/login")
	page.fill("#login_email", "citizen@nonsaad.test")
	page.fill("#login_password", "Nonsaad@2569")
	page.locator(".btn-login").click()
	page.wait_for_load_state("networkidle")
	page.goto(f"{base_url}/my-requests")
	page.wait_for_selector("#my-requests", timeout=30000)
	cell = page.locator(f"tr.my-request-resolution[data-name='{resolved['name']}']")
	assert cell.locator(".resolution-note").inner_text().strip() == resolved["resolution_note"].strip()
	assert cell.locator("img.after-photo").evaluate("i => i.decode().then(() => i.naturalWidth)") == 320


def test_pole_page_says_reported_while_a_report_is_open(page, base_url, admin):
	open_rows = get_list(
		admin,
		"Service Request",
		{"asset_doctype": "Street Light Pole", "workflow_state": ["in", ["Submitted", "Accepted"]]},
		("asset_name",),
	)
	working = [
		r["asset_name"]
		for r in open_rows
		if get_doc(admin, "Street Light Pole", r["asset_name"])["status"] == "Working"
	]
	assert working, "the demo has no open report about a working pole"
	page.goto(f"{base_url}/pole/{working[0]}")
	status = page.locator(".indicator-pill").first
	assert "อยู่ระหว่างตรวจสอบ" in status.inner_text()
	assert "ใช้งานได้" not in status.inner_text()
