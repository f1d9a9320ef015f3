"""Issue 19: the LINE channel over real HTTP – the webhook as LINE calls it, the whole report flow, and
the push of a state change to a local fake Messaging API started by this test (line/testing.py).

LINE Settings of the test site point at the fake server (127.0.0.1): nothing reaches the Internet.
Payloads are built as LINE documents them and signed with the real HMAC of a fixed secret.
"""

import json
import re
import time

import pytest
from conftest import Client, bench_execute, demo_citizen
from nonsaad_smart.e_smart_service.line import testing as t

from api.test_service_request_api import with_csrf

WEBHOOK = "/api/method/nonsaad_smart.e_smart_service.line.webhook.receive"
APPLY = "/api/method/frappe.model.workflow.apply_workflow"
POINT = (16.97, 102.29)  # inside the demo municipality


@pytest.fixture(scope="module")
def fake():
	server = t.FakeLine().start()
	yield server
	server.stop()


@pytest.fixture(scope="module")
def admin_client(login):
	return login("Administrator")


@pytest.fixture(scope="module", autouse=True)
def line_settings(admin_client, fake):
	r = admin_client.put(
		"/api/resource/LINE Settings/LINE Settings",
		json={
			"enabled": 1,
			"channel_id": "1234567890",
			"channel_secret": t.SECRET,
			"channel_access_token": t.TOKEN,
			"api_base_url": fake.base_url,
			"content_base_url": fake.base_url,
			"replay_window_seconds": 300,
			"max_attempts": 3,
		},
	)
	assert r.status_code == 200, r.text


def post(events, secret=t.SECRET, signature=None, body=None, content_type="application/json"):
	body = body if body is not None else t.webhook_body(events)
	headers = {"Content-Type": content_type}
	if signature is not False:
		headers["X-Line-Signature"] = signature or t.signature(body, secret)
	return Client().post(WEBHOOK, data=body, headers=headers)


def count(client, doctype, filters=None) -> int:
	r = client.get(
		"/api/method/frappe.client.get_count",
		params={"doctype": doctype, "filters": json.dumps(filters or {})},
	)
	assert r.status_code == 200, r.text
	return r.json()["message"]


def conversation(client, user):
	r = client.get(f"/api/resource/LINE Conversation/{user}")
	return r.json()["data"] if r.status_code == 200 else None


def test_unsigned_and_wrongly_signed_calls_are_refused_and_nothing_is_written(admin_client):
	user = t.line_user_id()
	before = count(admin_client, "LINE Webhook Event")
	events = [t.postback(user, "action=consent")]
	unsigned = post(events, signature=False)
	assert unsigned.status_code == 401, unsigned.text
	wrong = post(events, secret="not the channel secret")
	assert wrong.status_code == 403, wrong.text
	garbage = post(events, signature="bm90IGEgc2lnbmF0dXJl")
	assert garbage.status_code == 403
	for r in (unsigned, wrong, garbage):
		assert "Traceback" not in r.text and "exc" not in r.json()
	# (a body Frappe itself cannot parse as JSON never reaches the app: sent as text here)
	not_json = post(None, body=b"{not json", content_type="text/plain")
	assert not_json.status_code == 400 and "Traceback" not in not_json.text
	no_events = post(None, body=b'{"destination": "x"}')
	assert no_events.status_code == 400
	assert count(admin_client, "LINE Webhook Event") == before
	assert conversation(admin_client, user) is None


def test_replays_are_answered_200_and_change_nothing(admin_client):
	user = t.line_user_id()
	consent = t.postback(user, "action=consent")
	first = post([consent])
	assert first.status_code == 200 and first.json() == {"processed": 1, "ignored": 0}, first.text
	events = count(admin_client, "LINE Webhook Event")
	again = post([consent])
	assert again.status_code == 200 and again.json() == {"processed": 0, "ignored": 1}
	old = t.text_message(user, "แจ้งเรื่อง", stamp_ms=int((time.time() - 3600) * 1000))
	stale = post([old])
	assert stale.status_code == 200 and stale.json()["ignored"] == 1
	assert count(admin_client, "LINE Webhook Event") == events
	assert conversation(admin_client, user)["state"] == "Idle", "the stale 'report' was not processed"


def test_no_personal_data_before_consent(admin_client, fake):
	user = t.line_user_id()
	files = count(admin_client, "File")
	fetched = len([c for c in fake.calls if c["method"] == "GET"])
	r = post(
		[
			t.event("follow", user),
			t.image_message(user),
			t.location_message(user, *POINT, address="บ้านเลขที่ 1"),
			t.text_message(user, "ชื่อ นายทดสอบ โทร 0812345678"),
		]
	)
	assert r.status_code == 200 and r.json()["processed"] == 4
	assert conversation(admin_client, user) is None
	assert count(admin_client, "File") == files
	assert len([c for c in fake.calls if c["method"] == "GET"]) == fetched, "no photo fetched"
	last = fake.posts("/v2/bot/message/reply")[-1]["json"]["messages"][0]
	assert "action=consent" in json.dumps(last)


def test_follow_consent_photo_location_type_confirm_gives_the_tracking_number(admin_client, fake):
	user = t.line_user_id()
	steps = [
		t.event("follow", user),
		t.postback(user, "action=consent"),
		t.image_message(user, "900100"),
		t.location_message(user, *POINT, address="หมู่ 1 ตำบลโนนสะอาด"),
		t.postback(user, "action=type&code=DRAIN"),
		t.text_message(user, "ท่อระบายน้ำอุดตันหน้าบ้าน"),
		t.postback(user, "action=confirm"),
	]
	for step in steps:
		r = post([step])
		assert r.status_code == 200 and r.json()["processed"] == 1, r.text
		if step["type"] == "postback" and "consent" in step["postback"]["data"]:
			conv = conversation(admin_client, user)
			assert conv and conv["consent_given_at"], "consent is recorded with its time"
	assert any(c["path"] == "/v2/bot/message/900100/content" for c in fake.calls)
	reply = fake.posts("/v2/bot/message/reply")[-1]
	assert reply["json"]["replyToken"] == steps[-1]["replyToken"]
	text = reply["json"]["messages"][0]["text"]
	number = re.search(r"SR-\d{4}-\d{5}", text).group(0)
	assert f"/request-status?tracking_number={number}" in text
	request = admin_client.get(f"/api/resource/Service Request/{number}").json()["data"]
	assert (request["channel"], request["service_type"]) == ("LINE", "DRAIN")
	assert request["photo"].startswith("/private/files/")
	assert request["description"] == "ท่อระบายน้ำอุดตันหน้าบ้าน"
	assert conversation(admin_client, user)["last_request"] == number


def file_by_line(fake) -> tuple[str, str]:
	user = t.line_user_id()
	for step in (
		t.postback(user, "action=consent"),
		t.location_message(user, *POINT),
		t.postback(user, "action=type&code=DRAIN"),
		t.postback(user, "action=skip"),
		t.postback(user, "action=confirm"),
	):
		assert post([step]).status_code == 200
	text = fake.posts("/v2/bot/message/reply")[-1]["json"]["messages"][0]["text"]
	return user, re.search(r"SR-\d{4}-\d{5}", text).group(0)


def push_logs(client, number) -> list[dict]:
	r = client.get(
		"/api/resource/LINE Message Log",
		params={
			"filters": json.dumps({"service_request": number, "kind": "Push"}),
			"fields": json.dumps(["name", "status", "attempts", "last_error", "response_status"]),
		},
	)
	assert r.status_code == 200, r.text
	return r.json()["data"]


def deliver(log: str) -> str:
	"""The RQ job's function, run on the test site (a worker of the bench may run it as well: the row
	lock and its status make either order give the same result)."""
	return json.loads(bench_execute("nonsaad_smart.e_smart_service.line.outbound.deliver", log))


def pushes_to(fake, user) -> list[dict]:
	return [p for p in fake.posts("/v2/bot/message/push") if p["json"]["to"] == user]


def test_a_state_change_makes_exactly_one_push_and_a_500_is_retried(admin_client, login, fake):
	user, number = file_by_line(fake)
	frontdesk = with_csrf(login("frontdesk"))
	doc = json.dumps({"doctype": "Service Request", "name": number})
	fake.push_statuses[:] = [500]  # the first try of the push fails
	r = frontdesk.post(APPLY, data={"doc": doc, "action": "Accept"})
	assert r.status_code == 200, r.text
	logs = push_logs(admin_client, number)
	assert len(logs) == 1, logs
	states = [deliver(logs[0]["name"]) for _try in range(3)]
	assert states[-1] == "Sent", states
	row = push_logs(admin_client, number)[0]
	assert (row["status"], row["attempts"], row["response_status"]) == ("Sent", 2, 200), row
	pushes = pushes_to(fake, user)
	assert len(pushes) == 2, "one try answered 500, one delivery, nothing more"
	assert len({p["headers"]["x-line-retry-key"] for p in pushes}) == 1, "the retry carries the same key"
	message = pushes[-1]["json"]["messages"][0]
	assert message["type"] == "flex" and number in message["altText"]
	assert "รับเรื่องแล้ว" in json.dumps(message, ensure_ascii=False)
	# saving the request again is no state change: still one message
	works = with_csrf(login("works"))  # in Accepted the Public Works Officer edits the request
	r = works.put(f"/api/resource/Service Request/{number}", json={"priority": "High"})
	assert r.status_code == 200, r.text
	assert len(push_logs(admin_client, number)) == 1
	time.sleep(2)
	assert len(pushes_to(fake, user)) == 2


def test_bad_input_to_the_guest_endpoints_is_a_4xx_without_traceback():
	for r in (
		Client().get(WEBHOOK),
		Client().post(WEBHOOK, data={"events": "[]"}),
		Client().post(WEBHOOK, json=[1, 2]),
		# a body that is not JSON fails in the framework before the app: the WSGI entry answers 400
		Client().post(WEBHOOK, data=b'{"events": [', headers={"Content-Type": "application/json"}),
		Client().post("/api/method/ping", data=b"\xff\x00{", headers={"Content-Type": "application/json"}),
		Client().get(
			"/api/method/nonsaad_smart.e_smart_service.line.outbound.after_photo", params={"request": "x"}
		),
		Client().get(
			"/api/method/nonsaad_smart.e_smart_service.line.flow.link_web", params={"token": ["a", "b"]}
		),
	):
		assert 400 <= r.status_code < 500, (r.request.url, r.status_code, r.text[:300])
		assert "Traceback" not in r.text


def link_token(fake, user) -> str:
	"""The one-time token of the link the chat sends after "Log in on the web" (from the reply LINE got)."""
	for step in (t.postback(user, "action=consent"), t.postback(user, "action=link_web")):
		assert post([step]).status_code == 200
	text = fake.posts("/v2/bot/message/reply")[-1]["json"]["messages"][0]["text"]
	return re.search(r"line\.flow\.link_web\?token=([A-Za-z0-9_-]+)", text).group(1)


def test_the_web_login_link_links_the_logged_in_citizen_once(admin_client, login, fake):
	user = t.line_user_id()
	token = link_token(fake, user)
	assert conversation(admin_client, user)["link_token_hash"], "the link's token is kept only as a hash"
	assert token not in json.dumps(conversation(admin_client, user))
	url = "/api/method/nonsaad_smart.e_smart_service.line.flow.link_web"
	# a guest is sent to the login page, which comes back to the same link; nothing is linked yet
	r = Client().get(url, params={"token": token}, allow_redirects=False)
	assert r.status_code in (301, 302, 303, 307), (r.status_code, r.text[:200])
	assert r.headers["Location"].startswith("/login?redirect-to="), r.headers["Location"]
	assert "link_web" in r.headers["Location"]
	assert not conversation(admin_client, user).get("citizen")
	# a staff user with no Citizen record is refused, and the token still works for the citizen
	r = login("frontdesk").get(url, params={"token": token})
	assert r.status_code == 403, r.text
	citizen_client = login("citizen")
	r = citizen_client.get(url, params={"token": token})
	assert r.status_code == 200, r.text
	assert "LINE" in r.json()["message"]
	conv = conversation(admin_client, user)
	assert conv.get("citizen") == demo_citizen(admin_client), conv
	assert conv["linked_at"] and not conv.get("link_token_hash") and conv["state"] == "Idle"
	# the token is used up: a second use is refused and changes nothing
	again = citizen_client.get(url, params={"token": token})
	assert again.status_code == 403 and "Traceback" not in again.text
	assert conversation(admin_client, user)["linked_at"] == conv["linked_at"]


def test_an_expired_web_login_link_is_refused(admin_client, login, fake):
	user = t.line_user_id()
	token = link_token(fake, user)
	# 31 minutes later (the link lives 30): the expiry moved back in the database, as the clock would
	bench_execute("frappe.db.set_value", "LINE Conversation", user, "code_expires_at", "2020-01-01 00:00:00")
	r = login("citizen").get(
		"/api/method/nonsaad_smart.e_smart_service.line.flow.link_web", params={"token": token}
	)
	assert r.status_code == 403 and "Traceback" not in r.text, r.text
	assert not conversation(admin_client, user).get("citizen")
