"""The citizen report form in a real (mobile) browser: GPS, a photo, the tracking number, the status page;
then a front-desk officer accepts the request in the desk through the workflow action menu."""

import io
import re

import pytest

from .conftest import desk_login

pytestmark = pytest.mark.browser


def jpeg() -> bytes:
	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", (1200, 900), (90, 140, 60)).save(buffer, "JPEG")
	return buffer.getvalue()


def test_guest_reports_with_photo_and_gps_then_officer_accepts(phone, page, base_url, admin):
	# --- a citizen on a phone, not logged in -----------------------------------------------------
	phone.goto(f"{base_url}/report/new")
	phone.wait_for_selector(
		"select[data-fieldname='service_type'] option[value='DRAIN']", state="attached", timeout=30000
	)
	phone.select_option("select[data-fieldname='service_type']", "DRAIN")
	phone.fill("textarea[data-fieldname='description']", "ท่อระบายน้ำอุดตันหน้าศาลาประชาคม น้ำเอ่อล้นถนน")
	phone.fill("input[data-fieldname='requester_name']", "นางสาวทดสอบ เบราว์เซอร์")
	phone.fill("input[data-fieldname='requester_phone']", "0869990123")
	phone.set_input_files(
		"#nonsaad-photo", files=[{"name": "drain.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
	)
	phone.wait_for_selector("#nonsaad-photo-preview", state="visible", timeout=15000)
	# the browser's GPS (faked at 16.97, 102.29) fills the place
	phone.wait_for_function(
		"Number(document.querySelector(\"input[data-fieldname='latitude']\").value) > 16", timeout=20000
	)
	phone.click(".submit-btn")
	phone.wait_for_selector("#tracking-number", timeout=30000)
	tracking = phone.inner_text("#tracking-number").strip()
	assert re.fullmatch(r"SR-25\d\d-\d{5}", tracking), tracking

	stored = admin.get(f"/api/resource/Service Request/{tracking}").json()["data"]
	assert abs(stored["latitude"] - 16.97) < 1e-4 and abs(stored["longitude"] - 102.29) < 1e-4
	assert stored["photo"].startswith("/private/files/") and stored["village"]

	# --- the status page, from the link on the success page ---------------------------------------
	phone.click("#status-link")
	phone.wait_for_selector("#phone_last4", timeout=30000)
	assert phone.input_value("#tracking_number") == tracking
	phone.fill("#phone_last4", "0123")
	phone.click("#status-submit")
	phone.wait_for_selector("#status-state", timeout=15000)
	assert "ยื่นเรื่องแล้ว" in phone.inner_text("#status-state")
	assert "0869990123" not in phone.content() and "ทดสอบ เบราว์เซอร์" not in phone.content()

	# --- a front-desk officer accepts it in the desk -----------------------------------------------
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	page.goto(f"{base_url}/app/service-request/{tracking}")
	actions = page.locator(".page-actions .actions-btn-group > button")
	actions.wait_for(state="visible", timeout=30000)
	actions.click()
	page.locator(
		".actions-btn-group .dropdown-menu a.dropdown-item", has_text=re.compile("รับเรื่อง|Accept")
	).first.click()
	page.wait_for_function(
		f"frappe.get_doc('Service Request', '{tracking}') && "
		f"frappe.get_doc('Service Request', '{tracking}').workflow_state === 'Accepted'",
		timeout=30000,
	)
	stored = admin.get(f"/api/resource/Service Request/{tracking}").json()["data"]
	assert stored["workflow_state"] == "Accepted" and stored["accepted_on"]
