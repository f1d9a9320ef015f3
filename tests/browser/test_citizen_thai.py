"""Citizen pages speak Thai first (issue 10.9): the report form's errors, the login page, the landing page.

A guest sends the form with a field missing and reads why in Thai (nothing is stored), gets a wrong phone
number refused in Thai (nothing stored), then sends it; a citizen logs in, lands on their own requests
and finds them again from the account page by clicking.
"""

import re

import pytest

from .conftest import VISIBLE_TEXTS, english_or_bad

pytestmark = pytest.mark.browser

THAI_FIRST = re.compile(r"^[\W\d]*[\u0E00-\u0E7F]")


def request_count(admin) -> int:
	r = admin.get("/api/method/frappe.client.get_count", params={"doctype": "Service Request"})
	return r.json()["message"]


def visible_problems(page) -> list[str]:
	page.wait_for_load_state("networkidle")
	page.wait_for_timeout(500)
	return english_or_bad(page.evaluate(VISIBLE_TEXTS))


def dialog_text(page) -> str:
	dialog = page.locator(".modal.show .modal-content").last
	dialog.wait_for(state="visible", timeout=20000)
	return dialog.inner_text()


def close_dialog(page):
	"""Close the message by its X, as a citizen does; a dialog that was still fading in when the message
	came (Frappe shows one modal per message and animates each) is closed the same way."""
	for _ in range(3):
		page.locator(".modal.show .modal-header button.close:visible").last.click()
		try:
			page.wait_for_function("!document.querySelector('.modal.show')", timeout=5000)
			return
		except Exception:
			if not page.locator(".modal.show .modal-header button.close:visible").count():
				raise
	raise AssertionError("the message dialog did not close")


def test_guest_form_errors_are_thai_and_nothing_is_stored(phone, base_url, admin):
	before = request_count(admin)
	phone.goto(f"{base_url}/report/new")
	phone.wait_for_selector(
		"select[data-fieldname='service_type'] option[value='DRAIN']", state="attached", timeout=30000
	)
	phone.fill("textarea[data-fieldname='description']", "ท่อระบายน้ำอุดตันหน้าวัด")
	assert not phone.locator(".web-form-head .indicator-pill").is_visible()  # no "Not Saved" badge
	assert visible_problems(phone) == []

	# a required field left empty: the form says so in Thai and sends nothing
	phone.click(".submit-btn")
	text = dialog_text(phone)
	assert "กรุณากรอกข้อมูลให้ครบ" in text and "ประเภทเรื่อง" in text, text
	assert not english_or_bad(text.splitlines()), text
	close_dialog(phone)
	assert request_count(admin) == before

	# a wrong phone number: refused by the server, the message starts in Thai
	phone.select_option("select[data-fieldname='service_type']", "DRAIN")
	phone.fill("input[data-fieldname='requester_name']", "นายทดสอบ ภาษาไทย")
	phone.fill("input[data-fieldname='requester_phone']", "12345")
	phone.wait_for_function(
		"Number(document.querySelector(\"input[data-fieldname='latitude']\").value) > 16", timeout=20000
	)
	phone.click(".submit-btn")
	text = dialog_text(phone).strip()
	assert THAI_FIRST.match(text) and "โทรศัพท์" in text, text
	close_dialog(phone)
	assert request_count(admin) == before

	# corrected, it is sent and stored, and the thank-you page is Thai too
	phone.fill("input[data-fieldname='requester_phone']", "0861234567")
	phone.click(".submit-btn")
	phone.wait_for_selector("#tracking-number", timeout=30000)
	tracking = phone.inner_text("#tracking-number").strip()
	stored = admin.get(f"/api/resource/Service Request/{tracking}").json()["data"]
	assert stored["requester_name"] == "นายทดสอบ ภาษาไทย" and stored["service_type"] == "DRAIN"
	assert request_count(admin) == before + 1
	assert visible_problems(phone) == []


def test_login_page_is_thai(phone, base_url):
	phone.goto(f"{base_url}/login")
	phone.wait_for_selector("#login_email", timeout=30000)
	assert visible_problems(phone) == []


def test_citizen_lands_on_my_requests_and_finds_them_from_the_account_page(page, base_url, login):
	page.goto(f"{base_url}/login")
	page.fill("#login_email", "citizen@nonsaad.test")
	page.fill("#login_password", "Nonsaad@2569")
	page.click(".btn-login")
	page.wait_for_url("**/my-requests", timeout=30000)

	# the page lists exactly the requests the citizen may read (checked over REST as the same user)
	mine = login("citizen").get(
		"/api/resource/Service Request", params={"fields": '["name"]', "limit_page_length": 100}
	)
	names = {row["name"] for row in mine.json()["data"]}
	page.wait_for_selector("#my-requests", timeout=30000)
	# each request's row starts with its tracking number (a resolved one has a row with the office's note)
	cells = page.locator("#my-requests tbody tr td:first-child").all_inner_texts()
	shown = {code.strip() for code in cells if re.fullmatch(r"SR-\d{4}-\d{5}", code.strip())}
	assert names and shown == names
	assert visible_problems(page) == []

	# from the account page, back to the requests by clicking
	page.goto(f"{base_url}/me")
	page.wait_for_selector(".my-account-container", timeout=30000)
	assert visible_problems(page) == []
	page.locator("a[href='/my-requests']:visible").first.click()
	page.wait_for_url("**/my-requests", timeout=30000)
	page.wait_for_selector("#my-requests", timeout=30000)
