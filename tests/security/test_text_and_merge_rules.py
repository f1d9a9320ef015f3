"""Text is normalised before it is checked or stored (issue 9 item 13, text part), and a report is merged
only into an open request of its own service type (item 10)."""

import json
import uuid

import pytest
from conftest import Client, post_report, report_values

SR = "Service Request"
OPEN = ["Submitted", "Accepted", "Assigned", "In Progress"]


def address() -> str:
	n = uuid.uuid4().int
	return f"10.{n % 200 + 50}.{n // 200 % 250}.{n // 50000 % 250 + 1}"


def count(admin) -> int:
	return admin.get("/api/method/frappe.client.get_count", params={"doctype": SR}).json()["message"]


def messages(r) -> str:
	return " ".join(
		json.loads(m).get("message", "") for m in json.loads(r.json().get("_server_messages", "[]"))
	)


INVISIBLE = {
	"zero-width spaces": "\u200b\u200b\u200b",
	"zero-width joiners": "\u200c\u200d\u2060",
	"byte order marks": "\ufeff\ufeff",
	"bidi controls": "\u202e\u202d\u2066\u2069",
	"NUL and controls": "\x00\x01\x7f",
	"spaces and invisibles": " \u200b \u200e ",
}


@pytest.mark.parametrize("field", ["requester_name", "description"])
@pytest.mark.parametrize("kind", list(INVISIBLE))
def test_invisible_only_text_is_missing(admin, kind, field):
	before = count(admin)
	r = post_report(Client(), report_values(**{field: INVISIBLE[kind]}), address())
	assert r.status_code == 417, (kind, r.text[:300])
	assert r.json()["exc_type"] == "MissingFieldError" and messages(r)
	assert count(admin) == before


def test_control_and_bidi_characters_are_not_stored(admin):
	name = "นาย\u202eทดสอบ\u200b ข้อความ\x00"
	description = "ท่อ\x00ตัน\u202eหน้าบ้าน\u200d\r\nน้ำเอ่อ"
	r = post_report(Client(), report_values(requester_name=name, description=description), address())
	assert r.status_code == 200, r.text
	doc = admin.get(f"/api/resource/{SR}/{r.json()['message']['name']}").json()["data"]
	assert doc["requester_name"] == "นายทดสอบ ข้อความ"
	assert doc["description"] == "ท่อตันหน้าบ้าน\nน้ำเอ่อ"


def test_text_is_stored_in_nfc(admin):
	decomposed = "Cafe\u0301 ริมทาง"  # "e" + combining acute
	r = post_report(Client(), report_values(description=decomposed), address())
	assert r.status_code == 200, r.text
	doc = admin.get(f"/api/resource/{SR}/{r.json()['message']['name']}").json()["data"]
	assert doc["description"] == "Caf\u00e9 ริมทาง"


def free_pole(admin) -> str:
	poles = admin.get(
		"/api/resource/Street Light Pole",
		params={"filters": json.dumps([["status", "=", "Working"]]), "limit_page_length": 400},
	).json()["data"]
	for pole in poles[len(poles) // 2 :]:
		rows = admin.get(
			f"/api/resource/{SR}",
			params={
				"filters": json.dumps([["asset_name", "=", pole["name"]], ["workflow_state", "in", OPEN]])
			},
		).json()["data"]
		if not rows:
			return pole["name"]
	raise AssertionError("no free pole")


def test_a_report_merges_only_into_a_request_of_its_own_type(admin):
	pole = free_pole(admin)
	about_pole = {
		"asset_doctype": "Street Light Pole",
		"asset_name": pole,
		"latitude": None,
		"longitude": None,
	}
	light = post_report(
		Client(), report_values(service_type="LIGHT", description="ไฟดับ", **about_pole), address()
	)
	assert light.status_code == 200, light.text
	light_name = light.json()["message"]["name"]
	# a noise complaint that names the same pole is not a street-light report: a request of its own
	noise = post_report(
		Client(),
		report_values(service_type="NOISE", description="ร้านข้างเสาเปิดเพลงดังทั้งคืน", **about_pole),
		address(),
	)
	assert noise.status_code == 200, noise.text
	answer = noise.json()["message"]
	assert answer["merged"] == 0 and answer["name"] != light_name
	light_doc = admin.get(f"/api/resource/{SR}/{light_name}").json()["data"]
	assert light_doc["report_count"] == 1 and light_doc["additional_reports"] == []
	noise_doc = admin.get(f"/api/resource/{SR}/{answer['name']}").json()["data"]
	assert noise_doc["service_type"] == "NOISE"
	# a second street-light report about the pole still joins the street-light request
	again = post_report(
		Client(), report_values(service_type="LIGHT", description="ยังดับอยู่", **about_pole), address()
	)
	assert again.json()["message"] == {**again.json()["message"], "name": light_name, "merged": 1}
	assert admin.get(f"/api/resource/{SR}/{answer['name']}").json()["data"]["report_count"] == 1
