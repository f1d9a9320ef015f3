"""Smart Care over HTTP with the demo users: the national ID and bank account masked for every role but
the Social Welfare Officer (REST record, REST list, filters, reports, exports), a caregiver isolated from
another caregiver's persons (403 / not in the list), the PDPA view log written on a REST read, a citizen's
own allowance page, and the EMS layer's minimal data."""

import json

import pytest
from conftest import error_of

PERSON = "/api/resource/Care Person"
LINE = "/api/resource/Allowance Payment Line"
REPORT = "/api/method/frappe.desk.query_report.run"


def rows(client, url, fields, **params):
	r = client.get(url, params={"fields": json.dumps(fields), "limit_page_length": 0, **params})
	assert r.status_code == 200, r.text
	return r.json()["data"]


@pytest.fixture(scope="module")
def persons(login):
	data = rows(login("welfare"), PERSON, ["name", "national_id", "bank_account_no", "bank_account_masked"])
	assert len(data) >= 150  # the demo's care persons
	return data


def caregivers_of(admin, name) -> set[str]:
	r = admin.get(f"{PERSON}/{name}")
	assert r.status_code == 200, r.text
	return {row["user"] for row in r.json()["data"]["caregivers"]}


def test_social_welfare_officer_reads_full_id_and_account(login, persons):
	with_account = [p for p in persons if p["bank_account_no"]]
	assert with_account
	assert all(len(p["national_id"]) == 13 and p["national_id"].isdigit() for p in persons)
	record = login("welfare").get(f"{PERSON}/{with_account[0]['name']}").json()["data"]
	assert record["bank_account_no"] == with_account[0]["bank_account_no"]


@pytest.mark.parametrize("role", ["caremanager", "mayor", "caregiver"])
def test_other_roles_read_masked_only(login, persons, role):
	client = login(role)
	listed = client.get(
		PERSON,
		params={
			"fields": '["name","national_id","bank_account_no","bank_account_masked","national_id_masked"]',
			"limit_page_length": 0,
		},
	)
	assert listed.status_code == 200, listed.text
	data = listed.json()["data"]
	assert data
	for row in data:
		assert not row.get("national_id") and not row.get("bank_account_no"), row
		assert "x" in (row.get("national_id_masked") or "x")
	record = client.get(f"{PERSON}/{data[0]['name']}").json()["data"]
	assert not record.get("national_id") and not record.get("bank_account_no")
	assert record["national_id_masked"].startswith("x")
	# no guessing by filter
	r = client.get(PERSON, params={"filters": json.dumps([["national_id", "like", "1%"]])})
	assert r.status_code == 403, r.text


def test_payment_lines_masked_for_executive(login):
	data = rows(
		login("mayor"), LINE, ["name", "bank_account_no", "bank_account_masked"], limit_page_length=50
	)
	assert data
	assert all(not row.get("bank_account_no") for row in data)
	full = rows(login("welfare"), LINE, ["name", "bank_account_no"], limit_page_length=50)
	assert any(row.get("bank_account_no") for row in full)


def test_caregiver_sees_only_assigned_persons(login, admin, persons):
	client = login("caregiver")
	mine = rows(client, PERSON, ["name"])
	assert mine and len(mine) < len(persons)
	for row in mine[:5]:
		assert "caregiver@nonsaad.test" in caregivers_of(admin, row["name"])
	mine_names = {row["name"] for row in mine}
	other = next(
		p["name"]
		for p in persons
		if p["name"] not in mine_names and "caregiver2@nonsaad.test" in caregivers_of(admin, p["name"])
	)
	r = client.get(f"{PERSON}/{other}")
	assert r.status_code == 403, r.text
	assert error_of(r)[0] == "PermissionError"
	visits = rows(client, "/api/resource/Home Visit", ["name", "care_person"])
	assert visits and {v["care_person"] for v in visits} <= mine_names
	r = client.post(
		"/api/resource/Home Visit",
		json={
			"care_person": other,
			"caregiver": "caregiver@nonsaad.test",
			"check_in_time": "2026-11-01 09:00:00",
		},
	)
	assert r.status_code == 403, r.text
	# the report counts only their persons
	r = client.get(REPORT, params={"report_name": "Care Persons by ADL Group per Village", "filters": "{}"})
	assert r.status_code == 200, r.text
	assert sum(row["total"] for row in r.json()["message"]["result"]) == len(mine)


def test_rest_read_writes_view_log(login, admin, persons):
	name = persons[3]["name"]

	def count():
		return len(
			rows(
				admin,
				"/api/resource/View Log",
				["name"],
				filters=json.dumps(
					[["reference_doctype", "=", "Care Person"], ["reference_name", "=", name]]
				),
			)
		)

	before = count()
	assert login("welfare").get(f"{PERSON}/{name}").status_code == 200
	assert count() == before + 1


def test_citizen_sees_own_allowance_only(login, guest):
	citizen = login("citizen")
	r = citizen.get("/my-allowance", headers={"Accept": "text/html"})
	assert r.status_code == 200
	assert 'id="my-registrations"' in r.text and 'id="my-payments"' in r.text
	assert "registration-state" in r.text  # the demo citizen has registrations
	assert citizen.get(PERSON).status_code == 403
	assert citizen.get("/api/resource/Allowance Registration").status_code == 403
	r = guest.get("/my-allowance", headers={"Accept": "text/html"}, allow_redirects=False)
	assert r.status_code in (301, 302) and "login" in r.headers["Location"]


def test_bank_transfer_file_for_the_welfare_officer_only(login):
	runs = rows(
		login("welfare"),
		"/api/resource/Allowance Payment Run",
		["name", "line_count"],
		filters=json.dumps([["status", "=", "Completed"]]),
	)
	assert runs, "the demo has completed payment runs"
	run = max(runs, key=lambda r: r["line_count"])["name"]
	url = "/api/method/nonsaad_smart.smart_care.bank_file.download_bank_file"
	r = login("welfare").get(url, params={"run": run, "file_format": "CSV"})
	assert r.status_code == 200, r.text[:300]
	text = r.content.decode("utf-8-sig")
	lines = text.strip().splitlines()
	assert lines[0] == "Seq,Bank Code,Account No.,Account Name,Amount,Reference 1,Reference 2,Effective Date"
	assert len(lines) > 1 and lines[1].split(",")[2].isdigit()
	r = login("mayor").get(url, params={"run": run, "file_format": "CSV"})
	assert r.status_code == 403, r.text[:300]
