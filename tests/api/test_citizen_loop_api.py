"""The citizen closes the loop over HTTP: a guest with the status page's pair confirms or reopens a
resolved request and rates it; a wrong pair is refused and changes nothing; the logged-in requester
answers from /my-requests."""

import json
import uuid

from conftest import bench_execute, error_of, post_report, report_values

ANSWER = "/api/method/nonsaad_smart.e_smart_service.api.citizen_response"
STATUS = "/api/method/nonsaad_smart.e_smart_service.api.request_status"


def fake_ip() -> str:
	n = uuid.uuid4().int
	return f"10.47.{n % 250}.{n // 250 % 250 + 1}"


def resolved_request(guest, admin) -> tuple[str, str]:
	"""A web report, resolved by the office (through the admin session, as the desk does)."""
	data = report_values(requester_phone=f"08{uuid.uuid4().int % 10**8:08d}")
	name = post_report(guest, data, fake_ip()).json()["message"]["name"]
	bench_execute("nonsaad_smart.e_smart_service.api.resolve_request", name, "ลอกท่อแล้ว")
	return name, data["requester_phone"][-4:]


def state(admin, name) -> dict:
	return admin.get(f"/api/resource/Service Request/{name}").json()["data"]


def test_guest_confirms_with_a_rating(guest, admin):
	name, last4 = resolved_request(guest, admin)
	status = guest.post(STATUS, data={"tracking_number": name, "phone_last4": last4}).json()["message"]
	assert status["can_respond"] and status["confirmation_due"]
	r = guest.post(
		ANSWER,
		data={"tracking_number": name, "phone_last4": last4, "response": "confirm", "rating": "5"},
		headers={"X-Forwarded-For": fake_ip()},
	)
	assert r.status_code == 200, r.text
	assert r.json()["message"]["status"] == "Closed"
	doc = state(admin, name)
	assert (doc["workflow_state"], doc["citizen_response"], doc["rating"]) == ("Closed", "Confirmed", 5)


def test_wrong_pair_is_refused_and_changes_nothing(guest, admin):
	name, last4 = resolved_request(guest, admin)
	wrong = "0000" if last4 != "0000" else "1111"
	r = guest.post(
		ANSWER,
		data={"tracking_number": name, "phone_last4": wrong, "response": "reopen", "note": "ไม่จริง"},
		headers={"X-Forwarded-For": fake_ip()},
	)
	assert r.status_code == 403
	assert error_of(r)[0] == "PermissionError"
	assert state(admin, name)["workflow_state"] == "Resolved"


def test_guest_reopens_with_note(guest, admin):
	name, last4 = resolved_request(guest, admin)
	r = guest.post(
		ANSWER,
		data={
			"tracking_number": name,
			"phone_last4": last4,
			"response": "reopen",
			"note": "ยังอุดตันอยู่",
			"rating": 1,
		},
		headers={"X-Forwarded-For": fake_ip()},
	)
	assert r.status_code == 200, r.text
	doc = state(admin, name)
	assert (doc["workflow_state"], doc["citizen_note"], doc["reopen_count"]) == ("Reopened", "ยังอุดตันอยู่", 1)
	# a second answer is refused: it is no longer resolved
	r = guest.post(
		ANSWER,
		data={"tracking_number": name, "phone_last4": last4, "response": "confirm"},
		headers={"X-Forwarded-For": fake_ip()},
	)
	assert r.status_code == 417 and error_of(r)[0] == "NotResolvedError"
	assert json.loads(json.dumps(doc))["status_log"][-1]["status"] == "Reopened"
