"""Each role at work in a real browser (issue 10 items 2, 3, 4): the committee scans on /karupan-scan,
the auditor reads the trail and cannot comment, every desk role's landing workspace and forms open
without an error."""

import json

import pytest
from conftest import Client

from .conftest import desk_login, desk_quiet
from .roles import admin_client, get_doc, get_list, no_error_dialog, pick_link

pytestmark = pytest.mark.browser

# the demo user of each of the 16 desk roles in hooks.py ROLES (Citizen is a website user)
DESK_USERS = {
	"Municipal Admin": "admin",
	"Executive": "mayor",
	"Front Desk Officer": "frontdesk",
	"Public Works Officer": "works",
	"Repair Technician": "technician",
	"EMS Dispatcher": "dispatcher",
	"EMS Crew": "crew",
	"Supplies Officer": "supplies",
	"Stock Check Committee": "committee1",
	"Education Officer": "education",
	"Centre Head": "centrehead",
	"Public Health Officer": "health",
	"Social Welfare Officer": "welfare",
	"Care Manager": "caremanager",
	"Caregiver": "caregiver",
	"Auditor": "auditor",
}
# the New forms a role works with
NEW_FORMS = {
	"Repair Technician": ["pole-repair"],
	"Public Works Officer": ["pole-repair", "street-light-pole"],
	"Front Desk Officer": ["service-request", "citizen"],
	"Supplies Officer": ["asset-disposal-request"],
}


@pytest.fixture(scope="module")
def admin():
	return admin_client()


@pytest.mark.parametrize("role", sorted(DESK_USERS))
def test_landing_workspace_opens_without_error(page, base_url, role):
	errors = []
	page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status == 403 else None)
	desk_login(page, base_url, f"{DESK_USERS[role]}@nonsaad.test")
	# the landing as a user comes back to it (a bookmark of /app, the logo): the role's default workspace
	# (Frappe routes a workspace by its name but lands on its title: the two must agree)
	page.goto(f"{base_url}/app")
	page.wait_for_selector(".layout-main-section .ce-block, .workspace-sidebar-item", timeout=30000)
	desk_quiet(page)  # number cards and charts load after the page
	no_error_dialog(page)
	assert not errors, errors
	for route in NEW_FORMS.get(role, []):
		page.goto(f"{base_url}/app/{route}/new")
		page.wait_for_function("() => window.cur_frm && cur_frm.is_new()", timeout=30000)
		desk_quiet(page)
		no_error_dialog(page)
		assert not errors, errors
		# date-times read without a stray "ss" (the picker has no seconds)
		values = page.evaluate(
			"() => [...document.querySelectorAll('[data-fieldtype=Datetime] input')].map(i => i.value)"
		)
		assert not any("ss" in v for v in values), values


def test_technician_creates_pole_repair_by_mouse(page, base_url, admin):
	desk_login(page, base_url, "technician@nonsaad.test")
	page.goto(f"{base_url}/app/pole-repair/new")
	page.wait_for_function("() => window.cur_frm && cur_frm.is_new()", timeout=30000)
	pole = get_list(admin, "Street Light Pole", {"status": "Working"}, ("name", "village"))[0]
	pick_link(page, page, "pole", pole["name"], pole["name"])
	pick_link(page, page, "technician", "technician@", "technician@nonsaad.test")
	symptom = page.locator("[data-fieldname='symptom'] textarea, [data-fieldname='symptom'] .ql-editor").first
	if symptom.count():
		symptom.click()
		symptom.type("หลอดไฟไม่ติด")
	page.keyboard.press("Control+s")
	page.wait_for_function("() => window.cur_frm && !cur_frm.is_new()", timeout=30000)
	no_error_dialog(page)
	name = page.evaluate("cur_frm.doc.name")
	doc = get_doc(admin, "Pole Repair", name)
	assert doc["pole"] == pole["name"] and doc["technician"] == "technician@nonsaad.test"
	assert doc["village"] == pole["village"]


# --- the committee on /karupan-scan (phone) ----------------------------------------------------------
@pytest.fixture(scope="module")
def running_check(admin):
	checks = get_list(admin, "Asset Stock Check", {"workflow_state": "Checking"}, ("name",))
	assert checks, "the demo has no stock check in progress"
	return checks[0]["name"]


def test_committee_member_scans_and_saves_on_phone(phone, base_url, admin, running_check):
	line = get_list(
		admin,
		"Asset Stock Check Line",
		{"stock_check": running_check, "result": ["is", "not set"]},
		("name", "municipal_asset_code"),
	)[0]
	member = get_doc(admin, "Asset Stock Check", running_check)["committee"][0]["user"]
	phone.goto(f"{base_url}/login")
	phone.fill("#login_email", member)
	phone.fill("#login_password", "Nonsaad@2569")
	phone.locator(".btn-login").click()
	phone.wait_for_load_state("networkidle")
	phone.goto(f"{base_url}/karupan-scan")
	phone.wait_for_selector(
		"#kp-check", timeout=30000
	)  # the member's running check, not "not on the committee"
	phone.locator("#kp-code").click()
	phone.locator("#kp-code").type(line["municipal_asset_code"])
	phone.locator("#kp-form button[type=submit]").click()
	phone.wait_for_selector("#kp-asset:visible", timeout=15000)
	phone.locator("#kp-condition").select_option("Fair")
	phone.locator("#kp-remark").click()
	phone.locator("#kp-remark").type("สีถลอกเล็กน้อย")
	phone.locator(".kp-result[data-result='Found In Use']").click()
	phone.wait_for_selector("#kp-message.alert-success", timeout=15000)
	saved = get_doc(admin, "Asset Stock Check Line", line["name"])
	assert saved["result"] == "Found In Use" and saved["condition"] == "Fair"
	assert saved["remark"] == "สีถลอกเล็กน้อย" and saved["scanned_by"] == member


def test_non_member_is_refused_on_scan_page(phone, base_url, admin, running_check):
	phone.goto(f"{base_url}/login")
	phone.fill("#login_email", "supplies@nonsaad.test")
	phone.fill("#login_password", "Nonsaad@2569")
	phone.locator(".btn-login").click()
	phone.wait_for_load_state("networkidle")
	phone.goto(f"{base_url}/karupan-scan")
	phone.wait_for_selector(".alert-warning", timeout=30000)
	assert phone.locator("#kp-check").count() == 0
	code = get_list(
		admin, "Asset Stock Check Line", {"stock_check": running_check}, ("municipal_asset_code",)
	)
	r = (
		Client()
		.login("supplies@nonsaad.test")
		.post(
			"/api/method/nonsaad_smart.smart_karupan.api.scan",
			json={"stock_check": running_check, "code": code[0]["municipal_asset_code"], "result": "Lost"},
		)
	)
	assert r.status_code == 403 and "NotCommitteeMemberError" in r.text


# --- the auditor reads the trail, writes nothing ------------------------------------------------------
AUDIT_LISTS = {
	"Version": "ref_doctype",
	"View Log": "reference_doctype",
	"Access Log": "export_from",
	"Activity Log": "reference_doctype",
}


def test_auditor_reads_the_trail_of_the_app_only(login, admin):
	auditor = login("auditor")
	# reading a sensitive record leaves a View Log (smart_core/audit.py), which the auditor then reads
	citizen = get_list(admin, "Citizen", {}, ("name",))[0]["name"]
	assert auditor.get(f"/api/resource/Citizen/{citizen}").status_code == 200
	for doctype, field in AUDIT_LISTS.items():
		r = auditor.get(
			f"/api/resource/{doctype}",
			params={"fields": json.dumps(["name", field]), "limit_page_length": 500},
		)
		assert r.status_code == 200, (doctype, r.text)
		rows = r.json()["data"]
		assert doctype == "Access Log" or rows, f"the auditor reads no {doctype}"
		seen = {row[field] for row in rows}
		assert not seen & {"User", "Company", "Account", "Item", "Customer", "Supplier"}, (doctype, seen)
	# the app's records are there (the demo's requests went through the workflow: Versions)
	r = auditor.get(
		"/api/resource/Version",
		params={"filters": json.dumps({"ref_doctype": "Service Request"}), "limit_page_length": 1},
	)
	assert r.json()["data"]
	# another app's trail is not (Administrator reads it)
	other = admin.get(
		"/api/resource/Version",
		params={
			"filters": json.dumps({"ref_doctype": ["not like", "%Service%"]}),
			"fields": '["name","ref_doctype"]',
			"limit_page_length": 200,
		},
	).json()["data"]
	outside = [v for v in other if v["ref_doctype"] in ("User", "Company", "Account", "System Settings")]
	if outside:
		r = auditor.get(f"/api/resource/Version/{outside[0]['name']}")
		assert r.status_code == 403


def test_auditor_cannot_comment(login, admin):
	name = get_list(admin, "Service Request", {}, ("name",))[0]["name"]
	before = len(get_list(admin, "Comment", {"reference_name": name, "comment_type": "Comment"}))
	r = login("auditor").post(
		"/api/method/frappe.desk.form.utils.add_comment",
		data={
			"reference_doctype": "Service Request",
			"reference_name": name,
			"content": "auditor was here",
			"comment_email": "auditor@nonsaad.test",
			"comment_by": "ผู้ตรวจสอบ",
		},
	)
	assert r.status_code == 403 and "CommentNotAllowedError" in r.text
	r = login("auditor").post(
		"/api/resource/Comment",
		json={
			"comment_type": "Comment",
			"reference_doctype": "Service Request",
			"reference_name": name,
			"content": "x",
		},
	)
	assert r.status_code == 403
	assert len(get_list(admin, "Comment", {"reference_name": name, "comment_type": "Comment"})) == before


def test_auditor_opens_audit_trail_in_desk(page, base_url):
	desk_login(page, base_url, "auditor@nonsaad.test")
	page.goto(f"{base_url}/app/smart-government")
	page.wait_for_selector(".layout-main-section .ce-block", timeout=30000)
	# the Audit Trail card with its links, clicked with the mouse
	link = page.locator(".links-widget-box a.link-item[href*='/app/version']").first
	link.wait_for(state="visible", timeout=15000)
	link.click()
	page.wait_for_url("**/app/version**", timeout=30000)
	page.wait_for_function("document.querySelectorAll('.list-row-container').length >= 1", timeout=30000)
	no_error_dialog(page)
	for route in ("view-log", "access-log", "activity-log"):
		page.goto(f"{base_url}/app/{route}")
		page.wait_for_selector(".list-row-container, .no-result", timeout=30000)
		desk_quiet(page)
		no_error_dialog(page)
