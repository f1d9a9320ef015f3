"""Smart Kids over HTTP: a Centre Head sees and edits only their own centre (REST, reports, link search),
two heads of two centres isolated from each other, the Education Officer sees all, the Auditor only reads,
citizens nothing; bad input refused with nothing written; the centres on the public map."""

import json

import pytest
from conftest import Client

STAFF = "/api/resource/Centre Staff"
TRAINING = "/api/resource/Staff Training"
EVALUATION = "/api/resource/Centre Evaluation"
REPORT = "/api/method/frappe.desk.query_report.run"
SECOND_HEAD = "kids.head2@nonsaad.test"
PASSWORD = "Kids-Head-2569!"


def names(client, url, **params) -> list[dict]:
	r = client.get(url, params={"fields": '["name","centre"]', "limit_page_length": 0, **params})
	assert r.status_code == 200, r.text
	return r.json()["data"]


@pytest.fixture(scope="module")
def second_head(admin):
	"""A head for CDC-02 with their own Centre Head user (the demo has one head user, for CDC-01)."""
	if admin.get(f"/api/resource/User/{SECOND_HEAD}").status_code != 200:
		r = admin.post(
			"/api/resource/User",
			json={
				"email": SECOND_HEAD,
				"first_name": "หัวหน้าศูนย์ 2",
				"new_password": PASSWORD,
				"send_welcome_email": 0,
				"roles": [{"role": "Centre Head"}],
			},
		)
		assert r.status_code == 200, r.text
	head = names(
		admin, STAFF, filters=json.dumps([["centre", "=", "CDC-02"], ["position", "=", "Head of Centre"]])
	)
	staff = head[0]["name"]
	assert admin.put(f"{STAFF}/{staff}", json={"user": SECOND_HEAD}).status_code == 200
	r = admin.put("/api/resource/Child Development Centre/CDC-02", json={"head": staff})
	assert r.status_code == 200, r.text
	return Client().login(SECOND_HEAD, PASSWORD)


def test_education_officer_sees_every_centre(login):
	centres = {row["centre"] for row in names(login("education"), STAFF)}
	assert centres == {"CDC-01", "CDC-02", "CDC-03", "CDC-04"}


def test_centre_head_lists_only_own_centre(login):
	head = login("centrehead")
	for url in (STAFF, TRAINING, EVALUATION, "/api/resource/Staff Certificate"):
		rows = names(head, url)
		assert rows, url
		assert {row["centre"] for row in rows} == {"CDC-01"}, url
	r = head.get("/api/resource/Child Development Centre", params={"limit_page_length": 0})
	assert [row["name"] for row in r.json()["data"]] == ["CDC-01"]


def test_centre_head_refused_other_centre_records(login, admin):
	head = login("centrehead")
	other = names(admin, STAFF, filters='[["centre","=","CDC-03"]]')[0]["name"]
	training = names(admin, TRAINING, filters='[["centre","=","CDC-03"]]')[0]["name"]
	assert head.get(f"{STAFF}/{other}").status_code == 403
	assert head.get(f"{TRAINING}/{training}").status_code == 403
	assert head.put(f"{STAFF}/{other}", json={"field_of_education": "x"}).status_code == 403
	r = head.post(
		TRAINING,
		json={
			"staff": other,
			"course": "x",
			"start_date": "2026-11-02",
			"end_date": "2026-11-02",
			"hours": 2,
		},
	)
	assert r.status_code == 403, r.text
	assert admin.get(f"{STAFF}/{other}").json()["data"]["field_of_education"] != "x"


def test_centre_head_reports_show_only_own_centre(login):
	head = login("centrehead")
	for report, filters in (
		("Training Hours per Person", {"fiscal_year": 2569}),
		("Expiring Staff Certificates", {"days": 2000}),
		("Centre Evaluation Results", {}),
	):
		r = head.post(REPORT, json={"report_name": report, "filters": filters})
		assert r.status_code == 200, (report, r.text)
		rows = [row for row in r.json()["message"]["result"] if isinstance(row, dict)]
		assert rows, report
		assert {row.get("centre") for row in rows} == {"CDC-01"}, report


def test_two_heads_isolated_from_each_other(login, second_head):
	mine = {row["name"] for row in names(login("centrehead"), STAFF)}
	theirs = {row["name"] for row in names(second_head, STAFF)}
	assert mine and theirs and not mine & theirs
	assert {row["centre"] for row in names(second_head, STAFF)} == {"CDC-02"}
	assert second_head.get(f"{STAFF}/{sorted(mine)[0]}").status_code == 403


def test_centre_head_records_a_training_for_own_staff(login, admin):
	head = login("centrehead")
	staff = names(head, STAFF)[0]["name"]
	r = head.post(
		TRAINING,
		json={
			"staff": staff,
			"course": "อบรมทดสอบหัวหน้าศูนย์",
			"start_date": "2026-11-03",
			"end_date": "2026-11-03",
			"hours": 3,
		},
	)
	assert r.status_code == 200, r.text
	doc = admin.get(f"{TRAINING}/{r.json()['data']['name']}").json()["data"]
	assert (doc["centre"], doc["fiscal_year"], doc["hours"]) == ("CDC-01", 2570, 3)


def test_auditor_reads_but_cannot_write(login):
	auditor = login("auditor")
	rows = names(auditor, STAFF)
	assert len({row["centre"] for row in rows}) == 4
	assert auditor.put(f"{STAFF}/{rows[0]['name']}", json={"field_of_education": "x"}).status_code == 403


@pytest.mark.parametrize("user", ["citizen", "technician", "crew"])
def test_others_refused(login, user):
	for url in (STAFF, TRAINING, EVALUATION):
		assert login(user).get(url).status_code == 403, (user, url)


@pytest.mark.parametrize(
	"values",
	[
		{"hours": 0},
		{"hours": 30},  # one day
		{"start_date": "2026-11-05", "end_date": "2026-11-04"},
		{"end_date": "2030-01-01"},
		{"hours": "many"},
	],
)
def test_bad_training_refused_nothing_written(login, admin, values):
	officer = login("education")
	staff = names(officer, STAFF)[0]["name"]
	before = len(names(admin, TRAINING))
	data = {
		"staff": staff,
		"course": "x",
		"start_date": "2026-11-04",
		"end_date": "2026-11-04",
		"hours": 2,
		**values,
	}
	r = officer.post(TRAINING, json=data)
	assert 400 <= r.status_code < 500, r.text
	assert "Traceback" not in r.text
	assert len(names(admin, TRAINING)) == before


def test_centres_on_the_public_map(guest):
	r = guest.get(
		"/api/method/nonsaad_smart.smart_core.gis.get_layer", params={"layer": "child_development_centres"}
	)
	assert r.status_code == 200, r.text
	features = r.json()["message"]["features"]
	assert len(features) == 4
	assert set(features[0]["properties"]) <= {
		"name",
		"centre_name",
		"village",
		"capacity",
		"enrolled_children",
		"phone",
		"title",
		"doctype",
	}
