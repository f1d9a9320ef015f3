"""Service Request workflow by mouse, as the role of each step (issue 10 items 1 and 5).

The action dialogs (Reject, Mark Duplicate, Assign, Resolve) open above Frappe's freeze overlay, Esc
leaves the page usable, the Assign list offers only those who do the work, and the assignee gets a
ToDo and a notification (Frappe's assignment)."""

import pytest

from .conftest import desk_login
from .roles import (
	admin_client,
	assert_clickable,
	get_doc,
	get_list,
	new_request,
	open_form,
	pick_link,
	run_background_jobs,
	workflow_action,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin():
	return admin_client()


def dialog(page):
	d = page.locator(".modal.show .modal-dialog").last
	d.wait_for(state="visible", timeout=15000)
	return d


def fill_text(page, d, fieldname: str, text: str) -> None:
	field = d.locator(f"[data-fieldname='{fieldname}'] textarea, input[data-fieldname='{fieldname}']").first
	assert_clickable(
		page,
		f".modal.show [data-fieldname='{fieldname}'] textarea, "
		f".modal.show [data-fieldname='{fieldname}'] input",
	)
	field.click()
	field.type(text)


def primary(d):
	d.locator(".modal-footer .btn-primary:visible").click()


def wait_state(page, admin, name: str, state: str) -> dict:
	for _ in range(60):
		doc = get_doc(admin, "Service Request", name)
		if doc["workflow_state"] == state:
			return doc
		page.wait_for_timeout(500)
	raise AssertionError(f"{name} is {doc['workflow_state']}, not {state}")


def test_front_desk_rejects_by_mouse_and_esc_leaves_page_usable(page, base_url, admin):
	name = new_request(admin)
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	open_form(page, base_url, "service-request", name)
	# Esc on the dialog: no freeze left behind, the menu still answers the mouse
	workflow_action(page, "Reject")
	d = dialog(page)
	d.locator("[data-fieldname='reason'] textarea").click()
	page.keyboard.press("Escape")
	page.wait_for_selector(".modal.show", state="detached", timeout=10000)
	assert page.locator("#freeze.in, #freeze:visible").count() == 0
	assert get_doc(admin, "Service Request", name)["workflow_state"] == "Submitted"
	# then for real
	workflow_action(page, "Reject")
	d = dialog(page)
	fill_text(page, d, "reason", "ไม่อยู่ในอำนาจหน้าที่ของเทศบาล")
	primary(d)
	doc = wait_state(page, admin, name, "Rejected")
	assert doc["reason"] == "ไม่อยู่ในอำนาจหน้าที่ของเทศบาล"
	page.wait_for_selector("#freeze", state="detached", timeout=15000)


def test_front_desk_marks_duplicate_by_mouse(page, base_url, admin):
	original = new_request(admin, description="ไฟดับหน้าวัด (เรื่องเดิม)")
	name = new_request(admin, description="ไฟดับหน้าวัด (แจ้งซ้ำ)")
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	open_form(page, base_url, "service-request", name)
	workflow_action(page, "Mark Duplicate")
	d = dialog(page)
	assert_clickable(page, ".modal.show [data-fieldname='duplicate_of'] input")
	pick_link(page, d, "duplicate_of", original, original)
	fill_text(page, d, "reason", "แจ้งเรื่องเดียวกัน")
	primary(d)
	doc = wait_state(page, admin, name, "Duplicate")
	assert doc["duplicate_of"] == original
	assert get_doc(admin, "Service Request", original)["report_count"] == 2


def test_officer_assigns_a_technician_who_gets_todo_and_notification(page, base_url, admin, login):
	name = new_request(admin, description="ท่อระบายน้ำอุดตันหน้าตลาด")
	r = admin.post(
		"/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": get_doc(admin, "Service Request", name), "action": "Accept"},
	)
	assert r.status_code == 200, r.text
	desk_login(page, base_url, "works@nonsaad.test")
	open_form(page, base_url, "service-request", name)
	# the form says who acts next (Assign, by a public works officer)
	intro = page.locator(".form-message:visible").first
	assert page.evaluate("() => __('Assign')") in intro.inner_text()
	workflow_action(page, "Assign")
	d = dialog(page)
	assert_clickable(page, ".modal.show [data-fieldname='assigned_to'] input")
	seen = pick_link(page, d, "assigned_to", "technician@nonsaad", "technician@nonsaad.test")
	assert all("technician@" in s for s in seen if "@" in s), seen
	# only those who do the work are offered: no citizen, auditor, caregiver, front desk (the list's search)
	r = login("works").get(
		"/api/method/frappe.desk.search.search_link",
		params={
			"doctype": "User",
			"txt": "nonsaad",
			"page_length": 200,
			"query": "nonsaad_smart.e_smart_service.doctype.service_request.service_request.assignee_query",
		},
	)
	assert r.status_code == 200, r.text
	offered = {row["value"] for row in r.json()["message"]}
	assert {"technician@nonsaad.test", "works@nonsaad.test"} <= offered
	for outsider in ("citizen", "auditor", "caregiver", "frontdesk", "mayor", "supplies"):
		assert f"{outsider}@nonsaad.test" not in offered, offered
	primary(d)
	doc = wait_state(page, admin, name, "Assigned")
	assert doc["assigned_to"] == "technician@nonsaad.test"
	todos = get_list(
		admin,
		"ToDo",
		{"reference_type": "Service Request", "reference_name": name, "status": "Open"},
		("allocated_to", "assigned_by"),
	)
	assert todos == [{"allocated_to": "technician@nonsaad.test", "assigned_by": "works@nonsaad.test"}]
	run_background_jobs()
	notes = get_list(
		admin,
		"Notification Log",
		{"document_type": "Service Request", "document_name": name, "for_user": "technician@nonsaad.test"},
		("type",),
	)
	assert {"type": "Assignment"} in notes
	# the form now names the technician, who starts the work next
	page.wait_for_function(
		"() => [...document.querySelectorAll('.form-message')].some(e => e.innerText.includes('ช่างไฟฟ้า'))",
		timeout=15000,
	)


def test_technician_starts_and_resolves_by_mouse(page, base_url, admin):
	name = new_request(admin, description="กิ่งไม้หักขวางทาง")
	for action, extra in (("Accept", {}), ("Assign", {"assigned_to": "technician@nonsaad.test"})):
		if extra:
			r = admin.put(f"/api/resource/Service Request/{name}", json=extra)
			assert r.status_code == 200, r.text
		r = admin.post(
			"/api/method/frappe.model.workflow.apply_workflow",
			json={"doc": get_doc(admin, "Service Request", name), "action": action},
		)
		assert r.status_code == 200, r.text
	desk_login(page, base_url, "technician@nonsaad.test")
	open_form(page, base_url, "service-request", name)
	workflow_action(page, "Start Work")
	wait_state(page, admin, name, "In Progress")
	page.wait_for_selector("#freeze", state="detached", timeout=15000)
	open_form(page, base_url, "service-request", name)
	workflow_action(page, "Resolve")
	d = dialog(page)
	fill_text(page, d, "resolution_note", "ตัดกิ่งไม้และเก็บกวาดแล้ว")
	primary(d)
	doc = wait_state(page, admin, name, "Resolved")
	assert doc["resolution_note"] == "ตัดกิ่งไม้และเก็บกวาดแล้ว"
	assert doc["resolved_by"] == "technician@nonsaad.test"
