"""The citizen sees the resolution (issue 10 item 11): the office's note and the after photo on
/request-status (guest, phone) and /my-requests (the demo citizen); /pole/<code> says "reported, being
checked" while a report about a working pole is open."""

import pytest

from .roles import admin_client, get_doc, get_list

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin():
	return admin_client()


@pytest.fixture(scope="module")
def resolved(admin):
	rows = get_list(
		admin,
		"Service Request",
		{
			"workflow_state": ["in", ["Resolved", "Closed"]],
			"after_photo": ["is", "set"],
			"requester": "CIT-00001",
		},
		("name", "requester_phone", "resolution_note", "after_photo"),
	) or get_list(
		admin,
		"Service Request",
		{"workflow_state": ["in", ["Resolved", "Closed"]], "after_photo": ["is", "set"]},
		("name", "requester_phone", "resolution_note", "after_photo"),
	)
	assert rows, "the demo has no resolved request with an after photo"
	row = rows[0]
	# a note with markup must be shown as text
	note = 'ซ่อมแล้ว 2 < 3 & เปลี่ยนหลอด "LED" เรียบร้อย'
	r = admin.put(f"/api/resource/Service Request/{row['name']}", json={"resolution_note": note})
	assert r.status_code == 200, r.text
	row["resolution_note"] = get_doc(admin, "Service Request", row["name"])["resolution_note"]
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


def test_citizen_sees_resolution_on_my_requests(page, base_url, admin):
	rows = get_list(
		admin,
		"Service Request",
		{"requester": "CIT-00001", "workflow_state": ["in", ["Resolved", "Closed"]]},
		("name", "resolution_note", "after_photo"),
	)
	assert rows, "the demo citizen has no resolved request"
	page.goto(f"{base_url}/login")
	page.fill("#login_email", "citizen@nonsaad.test")
	page.fill("#login_password", "Nonsaad@2569")
	page.locator(".btn-login").click()
	page.wait_for_load_state("networkidle")
	page.goto(f"{base_url}/my-requests")
	page.wait_for_selector("#my-requests", timeout=30000)
	for row in rows:
		cell = page.locator(f"tr.my-request-resolution[data-name='{row['name']}']")
		assert cell.locator(".resolution-note").inner_text().strip() == (row["resolution_note"] or "").strip()
		if row["after_photo"]:
			assert cell.locator("img.after-photo").evaluate("i => i.decode().then(() => i.naturalWidth)") > 0


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
