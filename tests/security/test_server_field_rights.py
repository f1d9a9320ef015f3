"""Issue 9.6: fields set by the system are read-only on the server, each workflow state's "allow edit" role
is enforced on save, a Repair Technician reads and writes only what is assigned to them, and the rule
"whoever resolved cannot close" cannot be bypassed by PUT.

On the old code a Public Works Officer, the Executive or the technician could PUT `due_date`,
`submitted_on`, `report_count`, `resolved_by`, `status_log` of any request in any state (Frappe's
`read_only` is only a form setting), a technician listed every request and repair, and a committee member
could rewrite the stock-check header (order, committee). All of these now answer 403 and change nothing.
"""

import json
import uuid

import pytest


def first(admin, doctype: str, filters: dict, fields=("name",)) -> dict:
	r = admin.get(
		f"/api/resource/{doctype}",
		params={"filters": json.dumps(filters), "fields": json.dumps(list(fields)), "limit_page_length": 1},
	)
	assert r.status_code == 200, r.text[:300]
	data = r.json()["data"]
	assert data, (doctype, filters)
	return data[0]


def record(admin, doctype: str, name: str) -> dict:
	r = admin.get(f"/api/resource/{doctype}/{name}")
	assert r.status_code == 200
	return r.json()["data"]


def exc_type(r) -> str:
	try:
		return r.json().get("exc_type") or ""
	except ValueError:
		return ""


SYSTEM_FIELDS = {
	"due_date": "2031-01-31",
	"submitted_on": "2020-01-01 08:00:00",
	"report_count": 99,
	"resolved_by": "mayor@nonsaad.test",
	"status_log": [{"status": "Closed", "changed_at": "2020-01-01 08:00:00"}],
}


@pytest.mark.parametrize("field", ["due_date", "submitted_on", "report_count", "resolved_by", "status_log"])
@pytest.mark.parametrize("user", ["works", "mayor", "frontdesk"])
def test_system_fields_cannot_be_put(admin, login, user, field):
	"""PUT of a system field of an open request: 403 SystemFieldError, the stored value unchanged."""
	req = first(admin, "Service Request", {"workflow_state": "Submitted"})
	before = record(admin, "Service Request", req["name"])
	r = login(user).put(f"/api/resource/Service Request/{req['name']}", json={field: SYSTEM_FIELDS[field]})
	assert r.status_code == 403, r.text[:300]
	assert exc_type(r) == "SystemFieldError"
	after = record(admin, "Service Request", req["name"])
	assert after.get(field) == before.get(field) and after["modified"] == before["modified"]


def test_system_fields_cannot_be_set_through_client_methods(admin, login):
	"""frappe.client.set_value refuses a system field; the desk's savedocs keeps the stored value (the
	form shows it read-only, so a changed copy is a tampered or stale one) and saves the rest."""
	req = first(admin, "Service Request", {"workflow_state": "Submitted"})
	frontdesk = login("frontdesk")
	r = frontdesk.post(
		"/api/method/frappe.client.set_value",
		data={"doctype": "Service Request", "name": req["name"], "fieldname": "report_count", "value": 50},
	)
	assert r.status_code == 403 and exc_type(r) == "SystemFieldError", r.text[:300]
	doc = record(admin, "Service Request", req["name"])
	stored_due = doc["due_date"]
	doc.update(due_date="2031-01-31", report_count=50, resolution_note="บันทึกจากเคาน์เตอร์")
	r = frontdesk.post(
		"/api/method/frappe.desk.form.save.savedocs", data={"doc": json.dumps(doc), "action": "Save"}
	)
	assert r.status_code == 200, r.text[:300]
	after = record(admin, "Service Request", req["name"])
	assert after["due_date"] == stored_due
	assert after.get("report_count") != 50
	assert after["resolution_note"] == "บันทึกจากเคาน์เตอร์"


def test_new_request_cannot_bring_system_values(admin, login):
	"""POST with a back-dated submission and a report count: refused, nothing written."""
	before = admin.get("/api/method/frappe.client.get_count", params={"doctype": "Service Request"}).json()
	r = login("frontdesk").post(
		"/api/resource/Service Request",
		json={
			"service_type": "DRAIN",
			"channel": "Walk-in",
			"description": "ท่ออุดตัน",
			"latitude": 16.97,
			"longitude": 102.29,
			"requester_name": "นายทดสอบ ระบบ",
			"requester_phone": "0812345678",
			"submitted_on": "2020-01-01 08:00:00",
			"report_count": 7,
		},
	)
	assert r.status_code == 403, r.text[:300]
	after = admin.get("/api/method/frappe.client.get_count", params={"doctype": "Service Request"}).json()
	assert after == before


def test_legitimate_edit_still_saves(admin, login):
	"""Front Desk edits a Submitted request's priority (its state's edit role): saved."""
	req = first(admin, "Service Request", {"workflow_state": "Submitted"}, ("name", "priority"))
	new = "High" if req["priority"] != "High" else "Normal"
	doc = record(admin, "Service Request", req["name"])
	doc["priority"] = new
	r = login("frontdesk").post(
		"/api/method/frappe.desk.form.save.savedocs", data={"doc": json.dumps(doc), "action": "Save"}
	)
	assert r.status_code == 200, r.text[:400]
	assert record(admin, "Service Request", req["name"])["priority"] == new


@pytest.mark.parametrize(
	"user, state",
	[("works", "Submitted"), ("mayor", "Assigned"), ("frontdesk", "In Progress"), ("works", "Resolved")],
)
def test_workflow_state_edit_role_is_enforced(admin, login, user, state):
	"""Only the state's "allow edit" role changes a request in that state (WorkflowEditError, 403)."""
	req = first(admin, "Service Request", {"workflow_state": state}, ("name", "description"))
	r = login(user).put(f"/api/resource/Service Request/{req['name']}", json={"description": "แก้ไขโดยไม่มีสิทธิ์"})
	assert r.status_code == 403, r.text[:300]
	assert exc_type(r) == "WorkflowEditError"
	assert record(admin, "Service Request", req["name"])["description"] == req["description"]


def test_resolver_cannot_clear_resolved_by_to_close(admin, login):
	"""The technician who resolved a request cannot rewrite resolved_by (the self-close rule's evidence)."""
	req = first(
		admin, "Service Request", {"workflow_state": "Resolved", "resolved_by": "technician@nonsaad.test"}
	)
	for value in ("frontdesk@nonsaad.test", None):
		r = login("technician").put(
			f"/api/resource/Service Request/{req['name']}", json={"resolved_by": value}
		)
		assert r.status_code == 403, r.text[:300]
	assert record(admin, "Service Request", req["name"])["resolved_by"] == "technician@nonsaad.test"


def test_technician_sees_and_writes_only_assigned_requests(admin, login):
	"""A Repair Technician lists, reads and changes only the requests assigned to them."""
	technician = login("technician")
	listed = technician.get(
		"/api/resource/Service Request", params={"fields": '["name","assigned_to"]', "limit_page_length": 0}
	).json()["data"]
	assert listed and {row["assigned_to"] for row in listed} == {"technician@nonsaad.test"}
	other = first(admin, "Service Request", {"workflow_state": "Submitted"})
	assert technician.get(f"/api/resource/Service Request/{other['name']}").status_code == 403
	r = technician.put(f"/api/resource/Service Request/{other['name']}", json={"priority": "Urgent"})
	assert r.status_code == 403
	n = technician.post("/api/method/frappe.client.get_count", data={"doctype": "Service Request"}).json()
	assert n["message"] == len(listed)


@pytest.fixture(scope="module")
def second_technician(admin, login):
	"""Another Repair Technician, with no repair and no request assigned."""
	email = f"tech-{uuid.uuid4().hex[:8]}@nonsaad.test"
	r = admin.post(
		"/api/resource/User",
		json={
			"email": email,
			"first_name": "ช่างทดสอบ",
			"user_type": "System User",
			"send_welcome_email": 0,
			"new_password": "Nonsaad@2569",
			"roles": [{"role": "Repair Technician"}],
		},
	)
	assert r.status_code == 200, r.text[:300]
	return login(email)


def test_other_technician_sees_no_repairs_of_others(admin, second_technician):
	"""Pole Repairs of technician@ are not listed, read or counted by another technician."""
	repair = first(admin, "Pole Repair", {"technician": "technician@nonsaad.test"})
	assert second_technician.get("/api/resource/Pole Repair").json()["data"] == []
	assert second_technician.get(f"/api/resource/Pole Repair/{repair['name']}").status_code == 403
	r = second_technician.post("/api/method/frappe.client.get_count", data={"doctype": "Pole Repair"})
	assert r.json()["message"] == 0
	assert second_technician.get("/api/resource/Service Request").json()["data"] == []


def test_committee_member_cannot_rewrite_check_header(admin, login):
	"""A Stock Check Committee member writes the findings of their check, not its order or committee."""
	member = login("committee1")
	checks = member.get(
		"/api/resource/Asset Stock Check", params={"fields": '["name","order_no","workflow_state"]'}
	).json()["data"]
	check = next((c for c in checks if c["workflow_state"] == "Checking"), None)
	assert check, checks
	for values in (
		{"order_no": "999/2569"},
		{"committee": [{"user": "committee1@nonsaad.test", "committee_role": "Chair"}]},
	):
		r = member.put(f"/api/resource/Asset Stock Check/{check['name']}", json=values)
		assert r.status_code == 403, r.text[:300]
		assert exc_type(r) in ("RoleFieldError", "SystemFieldError")
	assert record(admin, "Asset Stock Check", check["name"])["order_no"] == check["order_no"]
	r = member.put(f"/api/resource/Asset Stock Check/{check['name']}", json={"findings": "<p>ตรวจแล้ว</p>"})
	assert r.status_code == 200, r.text[:300]
