"""Smart Kids in a real browser: the Education Officer records a training on the desk with the mouse; a
staff member reads their own record on the website; the ratio table on the centre form."""

import json
import re

import pytest

from .conftest import desk_login
from .roles import pick_link

pytestmark = pytest.mark.browser
TRAINING = "/api/resource/Staff Training"


def test_education_officer_records_a_training(page, base_url, admin):
	staff = admin.get(
		"/api/resource/Centre Staff",
		params={
			"fields": '["name","full_name"]',
			"filters": '[["centre","=","CDC-04"]]',
			"limit_page_length": 1,
		},
	).json()["data"][0]
	desk_login(page, base_url, "education@nonsaad.test")
	page.goto(f"{base_url}/app/staff-training/new")
	page.wait_for_selector(".frappe-control[data-fieldname='course'] input", timeout=30000)
	pick_link(page, page, "staff", staff["full_name"].split()[-1], staff["name"])
	page.wait_for_function("cur_frm.doc.centre === 'CDC-04'", timeout=15000)  # fetched from the staff record
	page.locator(".frappe-control[data-fieldname='course'] input").fill("การใช้สื่อดิจิทัลในห้องเรียนปฐมวัย")
	for fieldname in ("start_date", "end_date"):
		date_input = page.locator(f".frappe-control[data-fieldname='{fieldname}'] input").first
		date_input.click()
		date_input.fill(page.evaluate("frappe.datetime.str_to_user('2026-11-16')"))
		page.keyboard.press("Escape")
	page.locator(".frappe-control[data-fieldname='hours'] input").fill("6")
	page.locator(".primary-action").filter(has_text=re.compile("Save|บันทึก")).first.click()
	page.wait_for_function("cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty()", timeout=30000)
	name = page.evaluate("cur_frm.doc.name")
	doc = admin.get(f"{TRAINING}/{name}").json()["data"]
	assert (doc["staff"], doc["centre"], doc["hours"], doc["fiscal_year"]) == (
		staff["name"],
		"CDC-04",
		6,
		2570,
	)
	assert doc["owner"] == "education@nonsaad.test"


def test_centre_form_shows_the_ratio(page, base_url):
	desk_login(page, base_url, "education@nonsaad.test")
	page.goto(f"{base_url}/app/child-development-centre/CDC-03")
	table = page.locator(".frappe-control[data-fieldname='ratio_html'] table")
	table.wait_for(timeout=30000)
	assert table.locator("tr.text-danger").count() == 1  # CDC-03's 2-3 year olds: 24 for 2 caregivers


def test_staff_member_reads_own_record(page, base_url, admin):
	email = "kids.teacher@nonsaad.test"
	staff = admin.get(
		"/api/resource/Centre Staff",
		params={
			"fields": '["name","full_name"]',
			"filters": '[["centre","=","CDC-02"],["position","=","Teacher"]]',
		},
	).json()["data"][0]
	if admin.get(f"/api/resource/User/{email}").status_code != 200:
		r = admin.post(
			"/api/resource/User",
			json={
				"email": email,
				"first_name": "ครูทดสอบ",
				"new_password": "Kids-Teacher-2569!",
				"send_welcome_email": 0,
				"user_type": "Website User",
			},
		)
		assert r.status_code == 200, r.text
	assert admin.put(f"/api/resource/Centre Staff/{staff['name']}", json={"user": email}).status_code == 200
	expected = admin.get(
		TRAINING,
		params={
			"filters": json.dumps([["staff", "=", staff["name"]], ["fiscal_year", "=", 2570]]),
			"limit_page_length": 0,
		},
	).json()["data"]
	page.goto(f"{base_url}/login")
	page.fill("#login_email", email)
	page.fill("#login_password", "Kids-Teacher-2569!")
	page.click(".btn-login")
	page.wait_for_load_state("networkidle")
	page.goto(f"{base_url}/my-centre-record")
	page.wait_for_selector("#my-centre-record", timeout=30000)
	assert staff["full_name"] in page.locator("#my-centre-record").inner_text()
	rows = page.locator("#my-trainings tbody tr").count()
	assert rows == max(len(expected), 1)
	# nobody else's record on the page
	others = admin.get(
		"/api/resource/Centre Staff",
		params={"fields": '["full_name"]', "filters": '[["centre","=","CDC-01"]]', "limit_page_length": 3},
	).json()["data"]
	text = page.content()
	assert not any(o["full_name"] in text for o in others)
