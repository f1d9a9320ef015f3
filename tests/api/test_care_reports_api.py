"""Smart Care over HTTP, the rest of issue 14's checklist with the demo users: the five reports (their
figures against the database, each role's rows, no full national ID or account in them for anyone but the
Social Welfare Officer), the workspace and its four number cards, the PDPA view log of every sensitive
DocType read over REST, the Auditor reading that trail (and nothing to write), prints and exports masked
or refused for the other roles, and the map layers per role."""

import datetime
import json
import re

import pytest

PERSON = "/api/resource/Care Person"
REPORT = "/api/method/frappe.desk.query_report.run"
BE = 543
FULL_ID = re.compile(r"(?<!\d)\d{13}(?!\d)")


def rows(client, doctype, filters=None, fields=("name",)):
	r = client.get(
		f"/api/resource/{doctype}",
		params={
			"filters": json.dumps(filters or {}),
			"fields": json.dumps(list(fields)),
			"limit_page_length": 0,
		},
	)
	assert r.status_code == 200, r.text
	return r.json()["data"]


def report(client, name, filters=None):
	r = client.get(REPORT, params={"report_name": name, "filters": json.dumps(filters or {})})
	return r


def current_fy() -> int:
	today = datetime.date.today()
	return today.year + (1 if today.month >= 10 else 0) + BE


@pytest.fixture(scope="module")
def secrets(login):
	"""The full national IDs and account numbers (as the Social Welfare Officer reads them)."""
	data = rows(login("welfare"), "Care Person", fields=("name", "national_id", "bank_account_no"))
	return {p["national_id"] for p in data} | {p["bank_account_no"] for p in data if p["bank_account_no"]}


def assert_no_secret(text: str, secrets: set[str], where: str) -> None:
	leaked = [s for s in secrets if s and s in text]
	assert not leaked, f"{where}: full national ID / account number shown: {leaked[:3]}"


# --- the five reports --------------------------------------------------------------------------------
def test_allowance_totals_match_the_completed_runs(login, admin):
	fy = current_fy()
	runs = rows(
		admin,
		"Allowance Payment Run",
		{"status": "Completed", "fiscal_year": fy},
		("name", "line_count", "total_amount"),
	)
	assert runs, "the demo has completed runs this fiscal year"
	for role in ("welfare", "mayor", "auditor"):
		r = report(login(role), "Allowance Totals per Month and Tier", {"fiscal_year": fy})
		assert r.status_code == 200, (role, r.text[:300])
		result = r.json()["message"]["result"]
		assert sum(row["persons"] for row in result) == sum(run["line_count"] for run in runs), role
		assert round(sum(row["amount"] for row in result), 2) == round(
			sum(x["total_amount"] for x in runs), 2
		)
		assert all(re.search(r"25\d\d$", row["month_label"]) for row in result)  # months in BE
	assert report(login("caregiver"), "Allowance Totals per Month and Tier").status_code == 403


def test_registrations_pending_verification(login, admin, secrets):
	pending = rows(
		admin,
		"Allowance Registration",
		{"docstatus": 0, "workflow_state": ["in", ["Applied", "Verified"]]},
	)
	assert pending, "the demo has registrations waiting"
	for role in ("welfare", "mayor"):
		r = report(login(role), "Registrations Pending Verification")
		assert r.status_code == 200, r.text[:300]
		result = r.json()["message"]["result"]
		assert {row["name"] for row in result} == {p["name"] for p in pending}
		assert all(row["days_waiting"] >= 0 for row in result)
		if role != "welfare":
			assert_no_secret(r.text, secrets, f"pending report for {role}")
	assert report(login("caregiver"), "Registrations Pending Verification").status_code == 403


def test_people_turning_60_next_fiscal_year(login):
	r = report(login("welfare"), "People Turning 60 Next Fiscal Year")
	assert r.status_code == 200, r.text[:300]
	result = r.json()["message"]["result"]
	next_fy = current_fy() + 1
	end_year = next_fy - BE  # the CE year in which the next fiscal year ends (30 September)
	assert result, "the demo has citizens turning 60 next fiscal year"
	registered = {p["citizen"] for p in rows(login("welfare"), "Care Person", fields=("citizen",))}
	for row in result:
		born = datetime.date.fromisoformat(row["birth_date"])
		age = end_year - born.year - ((9, 30) < (born.month, born.day))
		assert age == 60, row
		assert row["fiscal_year"] == next_fy and row["name"] not in registered
	for role in ("mayor", "caregiver", "caremanager"):
		assert report(login(role), "People Turning 60 Next Fiscal Year").status_code == 403, role


def test_overdue_visits_and_adl_report_follow_the_row_rules(login, secrets):
	everyone = report(login("welfare"), "Overdue Home Visits").json()["message"]["result"]
	assert everyone, "the demo has overdue visits"
	for role in ("caregiver", "caremanager"):
		client = login(role)
		mine = {p["name"] for p in rows(client, "Care Person")}
		r = report(client, "Overdue Home Visits")
		assert r.status_code == 200, r.text[:300]
		result = r.json()["message"]["result"]
		assert {row["care_person"] for row in result} <= mine, role
		assert len(result) <= len(everyone)
		assert_no_secret(r.text, secrets, f"overdue visits for {role}")
		r = report(client, "Care Persons by ADL Group per Village")
		active = rows(client, "Care Person", {"status": "Active"})
		assert sum(row["total"] for row in r.json()["message"]["result"]) == len(active), role
	r = report(login("mayor"), "Care Persons by ADL Group per Village")
	assert r.status_code == 200, r.text[:300]
	assert_no_secret(r.text, secrets, "ADL report for the Executive")


# --- the workspace -------------------------------------------------------------------------------
def test_workspace_and_number_cards(login, admin):
	welfare = login("welfare")
	page = json.dumps({"name": "Smart Care", "title": "Smart Care"})
	r = welfare.get("/api/method/frappe.desk.desktop.get_desktop_page", params={"page": page})
	assert r.status_code == 200, r.text[:300]
	cards = {c["number_card_name"] for c in r.json()["message"]["number_cards"]["items"]}
	assert cards == {
		"Active Allowance Registrations",
		"Paid This Month",
		"Overdue Home Visits",
		"Bedbound Persons",
	}

	def card(method):
		r = welfare.get(f"/api/method/nonsaad_smart.smart_care.api.{method}")
		assert r.status_code == 200, r.text[:300]
		return r.json()["message"]["value"]

	active = rows(
		admin,
		"Allowance Registration",
		{"docstatus": 1, "workflow_state": "Active", "fiscal_year": current_fy()},
	)
	assert card("active_registrations_card") == len(active) > 0
	bedbound = rows(admin, "Care Person", {"adl_group": "Bedbound", "status": "Active"})
	assert card("bedbound_card") == len(bedbound) > 0
	overdue = report(welfare, "Overdue Home Visits").json()["message"]["result"]
	assert card("overdue_visits_card") == len(overdue)
	month = datetime.date.today().replace(day=1).isoformat()
	paid = rows(admin, "Allowance Payment Run", {"month": month, "status": "Completed"}, ("line_count",))
	assert card("payment_run_card") == sum(x["line_count"] for x in paid)
	# a role without Smart Care reads no card
	r = login("works").get("/api/method/nonsaad_smart.smart_care.api.bedbound_card")
	assert r.status_code == 403, r.text[:300]


# --- PDPA: view logs, the Auditor, prints, exports ----------------------------------------------------
@pytest.mark.parametrize(
	"doctype,role",
	[
		("ADL Assessment", "caremanager"),
		("Home Visit", "welfare"),
		("Care Plan", "caremanager"),
		("Allowance Registration", "welfare"),
	],
)
def test_rest_read_of_sensitive_records_is_logged(login, admin, doctype, role):
	client = login(role)
	name = rows(client, doctype)[0]["name"]
	user = f"{role}@nonsaad.test"

	def logged():
		return len(
			rows(
				admin,
				"View Log",
				{"reference_doctype": doctype, "reference_name": name, "viewed_by": user},
			)
		)

	before = logged()
	assert client.get(f"/api/resource/{doctype}/{name}").status_code == 200
	assert logged() == before + 1


def test_auditor_reads_the_trail_and_writes_nothing(login):
	auditor = login("auditor")
	login("welfare").get(f"{PERSON}/{rows(login('welfare'), 'Care Person')[0]['name']}")
	trail = rows(auditor, "View Log", {"reference_doctype": "Care Person"}, ("name", "viewed_by"))
	assert any(t["viewed_by"] == "welfare@nonsaad.test" for t in trail)
	registration = rows(auditor, "Allowance Registration")[0]["name"]
	r = auditor.put(f"/api/resource/Allowance Registration/{registration}", json={"remarks": "x"})
	assert r.status_code == 403, r.text[:300]
	assert auditor.get(PERSON).status_code == 403  # the trail, not the health data itself


def test_prints_masked_for_other_roles(login, secrets):
	for role in ("caremanager", "mayor"):
		client = login(role)
		name = rows(client, "Care Person")[0]["name"]
		r = client.get(
			"/printview", params={"doctype": "Care Person", "name": name}, headers={"Accept": "text/html"}
		)
		assert r.status_code == 200, (role, r.status_code)
		assert "national_id_masked" in r.text or "x" in r.text
		assert_no_secret(r.text, secrets, f"Care Person print for {role}")
	# the signed summary of a payment run, as the Executive signs it
	mayor = login("mayor")
	run = rows(mayor, "Allowance Payment Run", {"status": "Completed"})[0]["name"]
	r = mayor.get("/printview", params={"doctype": "Allowance Payment Run", "name": run})
	assert r.status_code == 200
	assert_no_secret(r.text, secrets, "payment run summary for the Executive")


def test_exports_refused_or_masked_for_other_roles(login, secrets):
	export = "/api/method/frappe.desk.reportview.export_query"
	for role, doctype in (
		("caremanager", "Care Person"),
		("caregiver", "Care Person"),
		("mayor", "Allowance Payment Line"),
	):
		r = login(role).post(
			export,
			data={
				"doctype": doctype,
				"file_format_type": "CSV",
				"fields": json.dumps([f"`tab{doctype}`.`name`", f"`tab{doctype}`.`bank_account_no`"]),
				"filters": "[]",
			},
		)
		if r.status_code == 200:
			assert_no_secret(r.content.decode("utf-8", "replace"), secrets, f"{doctype} export for {role}")
		else:
			assert r.status_code == 403, (role, r.status_code, r.text[:200])
	# the Social Welfare Officer exports the full data
	r = login("welfare").post(
		export,
		data={
			"doctype": "Care Person",
			"file_format_type": "CSV",
			"fields": json.dumps(["`tabCare Person`.`name`", "`tabCare Person`.`national_id`"]),
			"filters": "[]",
		},
	)
	assert r.status_code == 200, r.text[:300]
	assert FULL_ID.search(r.content.decode("utf-8", "replace"))


def test_map_layers_per_role(login):
	layer = "/api/method/nonsaad_smart.smart_core.gis.get_layer"

	def persons(client):
		r = client.get(layer, params={"layer": "care_adl_by_village"})
		assert r.status_code == 200, r.text[:300]
		return sum(
			sum(f["properties"].get(k, 0) for k in ("social", "homebound", "bedbound", "not_assessed"))
			for f in r.json()["message"]["features"]
		)

	total = persons(login("welfare"))
	theirs = persons(login("caregiver"))
	assert theirs == len(rows(login("caregiver"), "Care Person", {"status": "Active"}))
	assert 0 < theirs < total
	assert login("works").get(layer, params={"layer": "care_adl_by_village"}).status_code == 403
	# the EMS layer: dispatchers yes, caregivers no
	assert login("dispatcher").get(layer, params={"layer": "vulnerable_homes"}).status_code == 200
	assert login("caregiver").get(layer, params={"layer": "vulnerable_homes"}).status_code == 403
