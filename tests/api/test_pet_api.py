"""Smart Pet over HTTP: the citizen pages' endpoints refuse bad input with a Thai message and write nothing
(rows and files counted), keep good reports with their photo private, are rate-limited; a citizen sees
only their own pets (REST, get_list, page /my-pets); staff roles; the public coverage layer is aggregated."""

import json

import pytest
from conftest import Client, bad_photos, error_of, fake_ip, file_value, jpeg, row_counts

WEB = "/api/method/nonsaad_smart.smart_pet.web."
THAI = __import__("re").compile(r"[\u0E00-\u0E7F]")


def stray(**values) -> dict:
	data = {
		"species": "Dog",
		"description": "สุนัขผอม ไม่มีปลอกคอ เดินอยู่หน้าตลาด",
		"place": "หน้าตลาด",
		"latitude": 16.97,
		"longitude": 102.29,
		"reporter_name": "นายทดสอบ แจ้งเหตุ",
		"reporter_phone": "0812345678",
		"photo": file_value(jpeg()),
	}
	data.update(values)
	return data


def bite(**values) -> dict:
	data = {
		"victim_name": "เด็กชายทดสอบ ถูกกัด",
		"victim_phone": "0812345678",
		"bitten_at": "2026-11-30T08:30",
		"animal_description": "สุนัขสีน้ำตาล ตัวใหญ่",
		"place": "หน้าวัด",
		"latitude": 16.97,
		"longitude": 102.29,
	}
	data.update(values)
	return data


def post(client, method, data, ip=None):
	return client.post(
		WEB + method,
		json={"data": json.dumps(data)},
		headers={"X-Forwarded-For": ip or fake_ip(), "X-Frappe-CSRF-Token": getattr(client, "csrf", "")},
	)


BAD_STRAY = {
	"no place": (stray(latitude=None, longitude=None), "MissingFieldError"),
	"outside (Bangkok)": (stray(latitude=13.7563, longitude=100.5018), "OutsideMunicipalityError"),
	"latitude as text": (stray(latitude="north"), "InvalidInputError"),
	"no photo": (stray(photo=None), "MissingFieldError"),
	**{k: (stray(photo=v), "InvalidPhotoError") for k, v in bad_photos().items()},
	"url of another file": (stray(photo="/private/files/secret.pdf"), "InvalidPhotoError"),
	"oversized text": (stray(description="ก" * 1001), "UnsafeTextError"),
	"html": (stray(description="<script>alert(document.cookie)</script>"), "UnsafeTextError"),
	"html in name": (stray(reporter_name='<img src=x onerror="alert(1)">'), "UnsafeTextError"),
	"no description": (stray(description="\u200b "), "MissingFieldError"),
	"bad phone": (stray(reporter_phone="12345"), "InvalidPhoneError"),
	"not an object": ("[1, 2]", "InvalidInputError"),
}
BAD_BITE = {
	"no place": (bite(latitude="", longitude=""), "MissingFieldError"),
	"outside (Udon Thani's Non Sa-at)": (
		bite(latitude=17.135, longitude=102.755),
		"OutsideMunicipalityError",
	),
	"no phone": (bite(victim_phone=""), "MissingFieldError"),
	"bad phone": (bite(victim_phone="08123abcde"), "InvalidPhoneError"),
	"bite in the future": (bite(bitten_at="2099-01-01T08:00"), "InvalidInputError"),
	"not a time": (bite(bitten_at="yesterday"), "InvalidInputError"),
	"html": (bite(animal_description="ดูที่ javascript:alert(1)"), "UnsafeTextError"),
	"oversized name": (bite(victim_name="ก" * 141), "UnsafeTextError"),
	"pdf as photo": (
		bite(photo=file_value(b"%PDF-1.4\n%fake", "doc.pdf", "application/pdf")),
		"InvalidPhotoError",
	),
}


@pytest.mark.parametrize("case", list(BAD_STRAY))
def test_bad_stray_report_is_refused_and_nothing_written(admin, case):
	data, error = BAD_STRAY[case]
	before = row_counts(admin, "Stray Animal")
	r = Client().post(
		WEB + "report_stray",
		json={"data": data if isinstance(data, str) else json.dumps(data)},
		headers={"X-Forwarded-For": fake_ip()},
	)
	assert r.status_code in (400, 403, 417), (case, r.status_code, r.text[:300])
	exc, message = error_of(r)
	assert exc == error, (case, exc, r.text[:300])
	assert THAI.search(message), (case, message)  # a Thai message the citizen can read
	assert row_counts(admin, "Stray Animal") == before, case


@pytest.mark.parametrize("case", list(BAD_BITE))
def test_bad_bite_report_is_refused_and_nothing_written(admin, case):
	data, error = BAD_BITE[case]
	before = row_counts(admin, "Bite Incident")
	r = post(Client(), "report_bite", data)
	assert r.status_code in (400, 403, 417), (case, r.status_code, r.text[:300])
	exc, message = error_of(r)
	assert exc == error, (case, exc, r.text[:300])
	assert THAI.search(message), (case, message)
	assert row_counts(admin, "Bite Incident") == before, case


def test_good_reports_are_kept_with_a_private_photo(admin):
	before = row_counts(admin, "Stray Animal", "Bite Incident")
	r = post(Client(), "report_stray", stray())
	assert r.status_code == 200, r.text
	name = r.json()["message"]["name"]
	doc = admin.get(f"/api/resource/Stray Animal/{name}").json()["data"]
	assert doc["photo"].startswith("/private/files/") and doc["reported_via"] == "Web"
	assert Client().get(doc["photo"]).status_code in (403, 404)
	r = post(Client(), "report_bite", bite(photo=file_value(jpeg()), workflow_state="Closed", late_report=0))
	assert r.status_code == 200, r.text
	doc = admin.get(f"/api/resource/Bite Incident/{r.json()['message']['name']}").json()["data"]
	assert doc["workflow_state"] == "Reported"  # office fields are not taken from the form
	assert row_counts(admin, "Stray Animal", "Bite Incident") == (before[0] + 1, before[1] + 1, before[2] + 2)


def test_reports_are_rate_limited():
	ip = fake_ip()
	codes = [post(Client(), "report_stray", stray(latitude=None), ip=ip).status_code for _i in range(12)]
	assert 429 not in codes[:10]
	assert codes[10:] == [429, 429]


def test_guest_cannot_register_a_pet(admin):
	before = row_counts(admin, "Pet")
	r = post(Client(), "register_pet", {"pet_name": "ด่าง", "species": "Dog"})
	assert r.status_code == 403, r.text
	assert row_counts(admin, "Pet") == before


@pytest.fixture(scope="module")
def citizen(admin):
	client = Client().login("citizen@nonsaad.test")
	page = client.get("/my-pets")
	assert page.status_code == 200
	client.csrf = __import__("re").search(r'csrf_token\s*=\s*"([^"]+)"', page.text).group(1)
	me = admin.get(
		"/api/resource/Citizen",
		params={"filters": json.dumps({"user": "citizen@nonsaad.test"}), "fields": '["name"]'},
	).json()["data"][0]["name"]
	client.citizen = me
	return client


def test_citizen_registers_a_pet_and_sees_only_their_own(admin, citizen):
	before = row_counts(admin, "Pet")
	bad = post(
		citizen,
		"register_pet",
		{"species": "Dog", "pet_name": "ด่าง", "microchip": "12345", "photo": file_value(jpeg())},
	)
	assert error_of(bad)[0] == "InvalidMicrochipError", bad.text[:300]
	bad = post(
		citizen, "register_pet", {"species": "Dog", "pet_name": "<b>ด่าง</b>", "photo": file_value(jpeg())}
	)
	assert error_of(bad)[0] == "UnsafeTextError"
	bad = post(citizen, "register_pet", {"species": "Dog", "pet_name": "ด่าง"})
	assert error_of(bad)[0] == "MissingFieldError"
	assert row_counts(admin, "Pet") == before
	r = post(
		citizen,
		"register_pet",
		{
			"species": "Cat",
			"pet_name": "ส้มโอ",
			"sex": "Female",
			"photo": file_value(jpeg()),
			"pet_owner": "CIT-00001",
		},
	)
	assert r.status_code == 200, r.text
	name = r.json()["message"]["name"]
	assert row_counts(admin, "Pet") == (before[0] + 1, before[1] + 1)
	doc = admin.get(f"/api/resource/Pet/{name}").json()["data"]
	assert doc["pet_owner"] == citizen.citizen and doc["registered_via"] == "Web"
	assert doc["photo"].startswith("/private/files/")
	rows = citizen.get(
		"/api/resource/Pet", params={"fields": '["name","pet_owner"]', "limit_page_length": 0}
	).json()["data"]
	assert name in {row["name"] for row in rows}
	assert {row["pet_owner"] for row in rows} == {citizen.citizen}
	other = admin.get(
		"/api/resource/Pet",
		params={"filters": json.dumps([["pet_owner", "!=", citizen.citizen]]), "limit_page_length": 1},
	).json()["data"][0]["name"]
	assert citizen.get(f"/api/resource/Pet/{other}").status_code == 403
	count = citizen.get("/api/method/frappe.client.get_count", params={"doctype": "Pet"}).json()["message"]
	assert count == len(rows)
	doses = citizen.get(
		"/api/resource/Rabies Vaccination", params={"fields": '["pet_owner"]', "limit_page_length": 0}
	).json()["data"]
	assert {d["pet_owner"] for d in doses} <= {citizen.citizen}
	page = citizen.get("/my-pets").text
	assert "ส้มโอ" in page and other not in page
	assert citizen.get("/api/resource/Stray Animal").status_code == 403


def test_staff_roles(login):
	health = login("health")
	assert health.get("/api/resource/Pet", params={"limit_page_length": 1}).status_code == 200
	r = health.get(
		"/api/method/frappe.desk.query_report.run", params={"report_name": "Rabies Vaccination Coverage"}
	)
	assert r.status_code == 200, r.text
	result = r.json()["message"]["result"]
	assert len(result) >= 12 and all(0 <= row["coverage"] <= 100 for row in result)
	assert any(row["coverage"] < 70 for row in result if row["dogs"])  # the demo's villages under the line
	mayor = login("mayor")
	assert mayor.get("/api/resource/Bite Incident", params={"limit_page_length": 1}).status_code == 200
	r = mayor.post("/api/resource/Pet", json={"species": "Dog", "pet_name": "x"})
	assert r.status_code == 403
	assert login("technician").get("/api/resource/Pet").status_code == 403


def test_public_coverage_layer_is_aggregated(guest):
	r = guest.get("/api/method/nonsaad_smart.smart_core.gis.get_layer", params={"layer": "rabies_coverage"})
	assert r.status_code == 200, r.text
	features = r.json()["message"]["features"]
	assert features
	allowed = {"name", "title", "village", "dogs", "vaccinated", "coverage", "band", "doctype"}
	for f in features:
		assert set(f["properties"]) <= allowed, f["properties"]
		assert f["properties"]["band"] in ("Target Reached", "Below Target", "Campaign Needed")


def test_vaccination_card_prints_in_thai_with_be_dates(login, citizen, admin):
	pets = admin.get(
		"/api/resource/Pet",
		params={
			"filters": json.dumps([["next_due", "is", "set"]]),
			"fields": '["name","next_due"]',
			"limit_page_length": 1,
		},
	).json()["data"]
	url = "/api/method/frappe.www.printview.get_html_and_style"
	r = login("health").get(
		url, params={"doc": "Pet", "name": pets[0]["name"], "print_format": "Pet Vaccination Card"}
	)
	assert r.status_code == 200, r.text[:300]
	html = r.json()["message"]["html"]
	assert "บัตรการฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า" in html
	assert str(int(pets[0]["next_due"][:4]) + 543) in html  # the due date in BE
	mine = citizen.get("/api/resource/Pet", params={"limit_page_length": 1}).json()["data"][0]["name"]
	assert (
		citizen.get(
			url, params={"doc": "Pet", "name": mine, "print_format": "Pet Vaccination Card"}
		).status_code
		== 200
	)
	other = admin.get(
		"/api/resource/Pet",
		params={"filters": json.dumps([["pet_owner", "!=", citizen.citizen]]), "limit_page_length": 1},
	).json()["data"][0]["name"]
	r = citizen.get(url, params={"doc": "Pet", "name": other, "print_format": "Pet Vaccination Card"})
	assert r.status_code == 403
