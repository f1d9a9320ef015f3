"""Citizen over the REST API: login, masked IDs, row-level access, and rejected writes leave no trace."""

import pytest
from conftest import error_of


def first_citizen(admin, **filters):
	r = admin.get(
		"/api/resource/Citizen",
		params={
			"fields": '["name","national_id","user"]',
			"filters": str(filters or {}).replace("'", '"'),
			"limit_page_length": 1,
		},
	)
	assert r.status_code == 200, r.text
	return r.json()["data"][0]


def count(admin, doctype="Citizen"):
	r = admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype})
	return r.json()["message"]


def test_login_and_wrong_password(guest):
	assert (
		guest.post("/api/method/login", data={"usr": "frontdesk@nonsaad.test", "pwd": "wrong"}).status_code
		== 401
	)
	r = guest.post("/api/method/login", data={"usr": "frontdesk@nonsaad.test", "pwd": "Nonsaad@2569"})
	assert r.status_code == 200
	assert guest.get("/api/method/frappe.auth.get_logged_user").json()["message"] == "frontdesk@nonsaad.test"


def test_front_desk_reads_full_id(admin, login):
	c = first_citizen(admin)
	r = login("frontdesk").get(f"/api/resource/Citizen/{c['name']}")
	assert r.status_code == 200
	assert r.json()["data"]["national_id"] == c["national_id"]


def test_auditor_reads_masked_id_only(admin, login):
	c = first_citizen(admin)
	r = login("auditor").get(f"/api/resource/Citizen/{c['name']}")
	assert r.status_code == 200
	data = r.json()["data"]
	assert "national_id" not in data or data["national_id"] in (None, "")
	assert data["national_id_masked"].startswith("x-xxxx-xxxxx-")
	assert c["national_id"] not in r.text
	listed = login("auditor").get(
		"/api/resource/Citizen", params={"fields": '["name","national_id"]', "limit_page_length": 500}
	)
	assert listed.status_code in (200, 403)
	assert c["national_id"] not in listed.text


def test_citizen_reads_only_own_record(admin, login):
	own = first_citizen(admin, user="citizen@nonsaad.test")
	other = first_citizen(admin, user=["is", "not set"])
	citizen = login("citizen")
	assert citizen.get(f"/api/resource/Citizen/{own['name']}").status_code == 200
	assert citizen.get(f"/api/resource/Citizen/{other['name']}").status_code == 403
	names = [row["name"] for row in citizen.get("/api/resource/Citizen").json()["data"]]
	assert names == [own["name"]]


@pytest.mark.parametrize("user", ["technician", "crew", "supplies", "education"])
def test_roles_without_need_are_refused(admin, login, user):
	c = first_citizen(admin)
	assert login(user).get(f"/api/resource/Citizen/{c['name']}").status_code == 403


def test_guest_is_refused(admin, guest):
	c = first_citizen(admin)
	assert guest.get(f"/api/resource/Citizen/{c['name']}").status_code == 403


@pytest.mark.parametrize(
	"payload, message",
	[
		({"national_id": "1234567890123"}, ("InvalidNationalIDError", "check digit")),
		({"national_id": "12345"}, ("InvalidNationalIDError", "13 หลัก")),
		({"latitude": 13.7563, "longitude": 100.5018}, ("OutsideMunicipalityError", "อยู่นอกเขต")),
		({"phone": "12ab"}, ("InvalidPhoneError", "หมายเลขโทรศัพท์")),
		({"birth_date": "2999-01-01"}, ("ValidationError", "วันเกิดต้องไม่เป็นวันในอนาคต")),
	],
)
def test_rejected_insert_writes_nothing(admin, login, payload, message):
	village = admin.get("/api/resource/Village", params={"limit_page_length": 1}).json()["data"][0]["name"]
	body = {
		"national_id": "1101700230708",
		"first_name": "ทดสอบ",
		"last_name": "ปฏิเสธ",
		"village": village,
		**payload,
	}
	before = count(admin)
	r = login("frontdesk").post("/api/resource/Citizen", json=body)
	assert r.status_code == 417, r.text
	exc_type, text = error_of(r)
	assert (exc_type, message[1] in text) == (message[0], True), (
		exc_type,
		text,
	)  # in Thai, as the desk reads it
	assert count(admin) == before


def test_duplicate_id_rejected(admin, login):
	c = first_citizen(admin)
	village = admin.get("/api/resource/Village", params={"limit_page_length": 1}).json()["data"][0]["name"]
	before = count(admin)
	r = login("frontdesk").post(
		"/api/resource/Citizen",
		json={"national_id": c["national_id"], "first_name": "ซ้ำ", "last_name": "ซ้ำ", "village": village},
	)
	assert r.status_code == 417
	exc_type, text = error_of(r)
	assert exc_type == "DuplicateNationalIDError"
	assert "ลงทะเบียนไว้แล้ว" in text  # the Thai message a Thai front desk reads
	assert count(admin) == before


def view_logs(admin, name):
	r = admin.get(
		"/api/method/frappe.client.get_count",
		params={
			"doctype": "View Log",
			"filters": f'{{"reference_doctype": "Citizen", "reference_name": "{name}"}}',
		},
	)
	return r.json()["message"]


def test_rest_read_of_citizen_is_logged(admin, login):
	c = first_citizen(admin)
	before = view_logs(admin, c["name"])
	assert login("frontdesk").get(f"/api/resource/Citizen/{c['name']}").status_code == 200
	assert view_logs(admin, c["name"]) == before + 1
	# a refused read is not a view
	assert login("technician").get(f"/api/resource/Citizen/{c['name']}").status_code == 403
	assert view_logs(admin, c["name"]) == before + 1
