"""Street light poles over HTTP: REST reads per role, the layer endpoint, /pole/<code>, QR labels."""

import json

import pytest
from conftest import error_of

POLE = "/api/resource/Street Light Pole"
LAYER = "/api/method/nonsaad_smart.smart_i_pole.api.pole_layer"
LABELS = "/api/method/nonsaad_smart.smart_i_pole.labels.qr_label_sheet"


@pytest.fixture(scope="module")
def pole(login):
	r = login("Administrator").get(
		POLE,
		params={
			"fields": '["name","meter_no","village","status"]',
			"filters": '[["meter_no","is","set"]]',
			"limit_page_length": 1,
		},
	)
	assert r.status_code == 200, r.text
	return r.json()["data"][0]


def count(admin):
	return admin.get("/api/method/frappe.client.get_count", params={"doctype": "Street Light Pole"}).json()[
		"message"
	]


def test_demo_register_has_500_poles(admin):
	assert count(admin) >= 500


@pytest.mark.parametrize("user", ["works", "technician", "frontdesk", "auditor", "mayor"])
def test_staff_read(login, pole, user):
	r = login(user).get(f"{POLE}/{pole['name']}")
	assert r.status_code == 200, r.text
	assert r.json()["data"]["village"] == pole["village"]


@pytest.mark.parametrize("user", ["citizen", "crew", "education"])
def test_others_refused(login, pole, user):
	assert login(user).get(f"{POLE}/{pole['name']}").status_code == 403


def test_guest_refused(guest, pole):
	assert guest.get(f"{POLE}/{pole['name']}").status_code == 403


def test_only_works_officer_writes(login, pole):
	for user in ("technician", "frontdesk", "auditor"):
		r = login(user).put(f"{POLE}/{pole['name']}", json={"notes": "แก้โดยไม่มีสิทธิ์"})
		assert r.status_code == 403, (user, r.text)
	r = login("works").put(f"{POLE}/{pole['name']}", json={"notes": "ตรวจสอบประจำปี"})
	assert r.status_code == 200, r.text


@pytest.mark.parametrize(
	"payload, message",
	[
		({"pole_code": "NSA-1-1"}, "NSA-03-0042"),
		({"latitude": 13.7563, "longitude": 100.5018}, "อยู่นอกเขตเทศบาล"),
		({"wattage": 5000}, "กำลังไฟฟ้า 5000 วัตต์"),  # the Thai message a Thai user reads
	],
)
def test_rejected_insert_writes_nothing(admin, login, pole, payload, message):
	village_no = admin.get(f"/api/resource/Village/{pole['village']}").json()["data"]["village_no"]
	body = {
		"pole_code": f"NSA-{village_no:02d}-8888",
		"village": pole["village"],
		"lamp_type": "LED",
		"latitude": 16.97,
		"longitude": 102.29,
		**payload,
	}
	before = count(admin)
	r = login("works").post(POLE, json=body)
	assert r.status_code == 417, r.text
	assert message.lower() in error_of(r)[1].lower()  # the message a Thai user reads
	assert count(admin) == before


def test_layer_per_role(login, guest):
	r = login("works").get(LAYER)
	assert r.status_code == 200, r.text
	fc = r.json()["message"]
	assert fc["type"] == "FeatureCollection" and len(fc["features"]) >= 500
	lng, lat = fc["features"][0]["geometry"]["coordinates"]
	assert 16.9 < lat < 17.05 and 102.2 < lng < 102.4
	assert login("auditor").get(LAYER, params={"status": "Faulty"}).status_code == 200
	assert login("citizen").get(LAYER).status_code == 403
	assert guest.get(LAYER).status_code == 403


def test_public_layer_has_no_meter_numbers(guest, pole):
	r = guest.get("/api/method/nonsaad_smart.smart_core.gis.get_layer", params={"layer": "street_lights"})
	assert r.status_code == 200, r.text
	assert len(r.json()["message"]["features"]) >= 500
	assert pole["meter_no"] not in r.text
	assert "meter_no" not in r.text


def test_pole_page(guest, pole):
	r = guest.get(f"/pole/{pole['name']}", headers={"Accept": "text/html"})
	assert r.status_code == 200
	assert pole["name"] in r.text
	assert "แจ้งไฟฟ้าส่องสว่างชำรุด" in r.text
	assert "/report/new?asset_doctype=Street%20Light%20Pole" in r.text
	assert f"asset_name={pole['name']}" in r.text
	assert pole["meter_no"] not in r.text


def test_unknown_pole_page_is_404(guest):
	r = guest.get("/pole/NSA-77-7777", headers={"Accept": "text/html"})
	assert r.status_code == 404
	assert "ไม่พบเสาไฟฟ้า" in r.text
	r = guest.get("/pole/<script>alert(1)<x>", headers={"Accept": "text/html"})
	assert r.status_code == 404
	assert "<script>alert(1)" not in r.text


def test_qr_labels(login, pole):
	r = login("works").get(LABELS, params={"names": json.dumps([pole["name"]])})
	assert r.status_code == 200, r.text[:300]
	assert r.headers["Content-Type"].startswith("application/pdf")
	assert r.content.startswith(b"%PDF")
	assert login("citizen").get(LABELS, params={"names": json.dumps([pole["name"]])}).status_code == 403


@pytest.mark.parametrize("report", ["Open Pole Faults", "Poles per Village", "Monthly Pole Repairs"])
def test_reports_per_role(login, report):
	r = login("mayor").get(
		"/api/method/frappe.desk.query_report.run", params={"report_name": report, "filters": "{}"}
	)
	assert r.status_code == 200, r.text[:300]
	assert r.json()["message"]["result"]
	assert (
		login("citizen")
		.get("/api/method/frappe.desk.query_report.run", params={"report_name": report})
		.status_code
		== 403
	)


def test_demo_faults_reported(login):
	r = login("works").get(
		"/api/method/frappe.desk.query_report.run",
		params={"report_name": "Open Pole Faults", "filters": "{}"},
	)
	rows = r.json()["message"]["result"]
	assert len(rows) >= 20
	assert all(row["outage_hours"] is not None for row in rows if isinstance(row, dict))
