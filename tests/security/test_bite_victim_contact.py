"""PDPA: a bite victim's phone number (Bite Incident `victim_phone`, permlevel 1) is read only by the
Municipal Admin, the Public Health Officer, the Front Desk Officer and the System Manager; the victim's
identity (`victim`, `victim_name`, permlevel 2) by the staff who read the bite, never by a citizen (the dog's
owner does not learn who their dog bit; docs/smart-pet.md).

Every read path is tried over HTTP as the demo users who may not read the phone (Auditor, Executive) and,
for the victim's identity, as the citizen whose dog bit: REST document and list, frappe.client.get /
get_list / get_value / get_count, reportview get and export (with filters and sorting on the field), the
sidebar group-by, search, prints, the form's timeline (the Versions Frappe hands every reader of the form,
whose `data` holds the old and the new phone), a Version and a Deleted Document opened, listed, filtered
and printed. The phone must appear in none of the answers (old or new value); the Public Health Officer,
who may read it, gets it on the same paths (so "hidden" never means "empty"). The incident is made for the
test, dated 2019 (no figure of another test counts it), and removed at the end with its trail.
"""

import json
import random

import pytest
from api.test_open311 import with_csrf
from conftest import demo_citizen

BITE = "Bite Incident"
NO_PHONE = ("auditor", "mayor")  # Auditor, Executive: read the bite, not the phone
WITH_PHONE = ("health", "frontdesk")
VICTIM_FIELDS = ("victim", "victim_name", "victim_phone")


def phone() -> str:
	return "08" + "".join(random.choice("0123456789") for _ in range(8))


@pytest.fixture(scope="module")
def bite(admin):
	"""A bite with a victim's name and phone, whose phone was changed once (a Version with both)."""
	old, new = phone(), phone()
	name_text = f"ผู้ถูกกัด ทดสอบ{random.randint(1000, 9999)}"
	r = admin.post(
		f"/api/resource/{BITE}",
		json={
			"victim_name": name_text,
			"victim_phone": old,
			"species": "Dog",
			"animal_description": "สุนัขจรจัด สีน้ำตาล (test_bite_victim_contact)",
			"bitten_at": "2019-03-01 08:00:00",
			"reported_at": "2019-03-01 09:00:00",
			"place": "ทดสอบ PDPA",
			"latitude": 16.97,
			"longitude": 102.29,
		},
	)
	assert r.status_code == 200, r.text
	name = r.json()["data"]["name"]
	r = admin.put(f"/api/resource/{BITE}/{name}", json={"victim_phone": new})
	assert r.status_code == 200, r.text
	stored = admin.get(f"/api/resource/{BITE}/{name}").json()["data"]
	versions = admin.get(
		"/api/resource/Version",
		params={"filters": json.dumps({"ref_doctype": BITE, "docname": name}), "fields": '["name","data"]'},
	).json()["data"]
	changed = [v for v in versions if "victim_phone" in (v["data"] or "")]
	assert changed, versions
	values = {old, new, stored["victim_phone"]}
	yield {"name": name, "phones": values, "victim_name": name_text, "version": changed[0]["name"]}
	if admin.get(f"/api/resource/{BITE}/{name}").status_code == 200:
		admin.delete(f"/api/resource/{BITE}/{name}")
	for dt, field in (("Version", "docname"), ("Deleted Document", "deleted_name")):
		for row in admin.get(
			f"/api/resource/{dt}", params={"filters": json.dumps({field: name}), "limit_page_length": 0}
		).json()["data"]:
			admin.delete(f"/api/resource/{dt}/{row['name']}")


def leaks(response, values) -> list[str]:
	return [v for v in values if v and v in response.text]


def assert_refused(r, what):
	assert r.status_code == 403, f"{what}: {r.status_code} {r.text[:300]}"


def read_paths(client, name: str) -> dict:
	"""Every read of the bite that answers 200 for a reader (the answers, by path)."""
	client = with_csrf(client)
	filters = json.dumps({"name": name})
	fields = json.dumps(["name", "victim_phone", "victim_name", "victim", "place"])
	answers = {
		"REST document": client.get(f"/api/resource/{BITE}/{name}"),
		"REST list": client.get(f"/api/resource/{BITE}", params={"filters": filters, "fields": fields}),
		"frappe.client.get": client.post(
			"/api/method/frappe.client.get", data={"doctype": BITE, "name": name}
		),
		"frappe.client.get_list": client.post(
			"/api/method/frappe.client.get_list", data={"doctype": BITE, "filters": filters, "fields": fields}
		),
		"frappe.client.get_value": client.post(
			"/api/method/frappe.client.get_value",
			data={"doctype": BITE, "filters": filters, "fieldname": json.dumps(["victim_phone", "place"])},
		),
		"reportview.get": client.post(
			"/api/method/frappe.desk.reportview.get",
			data={"doctype": BITE, "filters": filters, "fields": fields},
		),
		"form (getdoc)": client.get(
			"/api/method/frappe.desk.form.load.getdoc", params={"doctype": BITE, "name": name}
		),
		"timeline (get_docinfo)": client.post(
			"/api/method/frappe.desk.form.load.get_docinfo", data={"doctype": BITE, "name": name}
		),
		"print (get_html_and_style)": client.post(
			"/api/method/frappe.www.printview.get_html_and_style", data={"doc": BITE, "name": name}
		),
		"print page": client.get("/printview", params={"doctype": BITE, "name": name}),
		"search": client.post(
			"/api/method/frappe.desk.search.search_widget", data={"doctype": BITE, "txt": name}
		),
	}
	return answers


def queries_on(field: str, name: str) -> dict:
	"""Requests that filter, sort, group or search on `field` (each must be refused: bisection)."""
	like = json.dumps([[field, "like", "08%"]])
	return {
		"REST filter": ("get", f"/api/resource/{BITE}", {"params": {"filters": like}}),
		"REST sort": ("get", f"/api/resource/{BITE}", {"params": {"order_by": f"{field} asc"}}),
		"get_count filter": (
			"post",
			"/api/method/frappe.client.get_count",
			{"data": {"doctype": BITE, "filters": like}},
		),
		"get_list filter": (
			"post",
			"/api/method/frappe.client.get_list",
			{"data": {"doctype": BITE, "filters": like}},
		),
		"get_value filter": (
			"post",
			"/api/method/frappe.client.get_value",
			{"data": {"doctype": BITE, "filters": like, "fieldname": "name"}},
		),
		"reportview filter": (
			"post",
			"/api/method/frappe.desk.reportview.get",
			{"data": {"doctype": BITE, "filters": like, "fields": '["name"]'}},
		),
		"reportview sort": (
			"post",
			"/api/method/frappe.desk.reportview.get",
			{"data": {"doctype": BITE, "fields": '["name"]', "order_by": f"`tab{BITE}`.`{field}` desc"}},
		),
		"export filter": (
			"post",
			"/api/method/frappe.desk.reportview.export_query",
			{
				"data": {
					"doctype": BITE,
					"file_format_type": "CSV",
					"fields": '["name"]',
					"filters": like,
				}
			},
		),
		"group by": (
			"post",
			"/api/method/frappe.desk.listview.get_group_by_count",
			{"data": {"doctype": BITE, "current_filters": "[]", "field": field}},
		),
		"search field": (
			"post",
			"/api/method/frappe.desk.search.search_widget",
			{"data": {"doctype": BITE, "txt": "08", "searchfield": field}},
		),
	}


@pytest.mark.parametrize("user", NO_PHONE)
def test_staff_without_the_right_never_get_the_phone(login, bite, user):
	client = with_csrf(login(user))
	for path, r in read_paths(client, bite["name"]).items():
		assert r.status_code == 200, f"{user} {path}: {r.status_code} {r.text[:300]}"
		assert not leaks(r, bite["phones"]), f"{user} reads the victim's phone through {path}"
	# the staff who read the bite read the victim's name (permlevel 2)
	doc = client.get(f"/api/resource/{BITE}/{bite['name']}").json()["data"]
	assert doc["victim_name"] == bite["victim_name"] and "victim_phone" not in doc
	# an export of the column gives the column's name at most, never a value
	r = client.post(
		"/api/method/frappe.desk.reportview.export_query",
		data={
			"doctype": BITE,
			"file_format_type": "CSV",
			"fields": json.dumps(["name", "victim_phone"]),
			"filters": json.dumps({"name": bite["name"]}),
		},
	)
	assert r.status_code in (200, 403), r.text[:300]
	assert not leaks(r, bite["phones"]), f"{user} exports the phone"
	for path, (method, url, kwargs) in queries_on("victim_phone", bite["name"]).items():
		assert_refused(getattr(client, method)(url, **kwargs), f"{user} {path} on victim_phone")


@pytest.mark.parametrize("user", NO_PHONE)
def test_the_history_shows_the_change_not_the_numbers(login, bite, user):
	"""The timeline says the phone changed (who, when); the Version opened or printed hides both values,
	and the Version's data cannot be listed, exported or filtered by a non-System Manager."""
	client = with_csrf(login(user))
	docinfo = client.post(
		"/api/method/frappe.desk.form.load.get_docinfo", data={"doctype": BITE, "name": bite["name"]}
	).json()["docinfo"]
	changes = [json.loads(v["data"]) for v in docinfo["versions"]]
	phone_changes = [c for d in changes for c in d.get("changed", []) if c[0] == "victim_phone"]
	assert phone_changes, changes
	assert all(c[1] == c[2] == "•••" for c in phone_changes), phone_changes
	if user != "auditor":  # only the Auditor reads Version records
		return
	version = bite["version"]
	for path, r in {
		"Version document": client.get(f"/api/resource/Version/{version}"),
		"Version frappe.client.get": client.post(
			"/api/method/frappe.client.get", data={"doctype": "Version", "name": version}
		),
		"Version form": client.get(
			"/api/method/frappe.desk.form.load.getdoc", params={"doctype": "Version", "name": version}
		),
		"Version print": client.post(
			"/api/method/frappe.www.printview.get_html_and_style", data={"doc": "Version", "name": version}
		),
		"Audit Trail report": client.post(
			"/api/method/frappe.desk.query_report.run",
			data={
				"report_name": "Audit Trail",
				"filters": json.dumps({"doctype": BITE, "record": bite["name"]}),
			},
		),
	}.items():
		assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:300]}"
		assert not leaks(r, bite["phones"]), f"the auditor reads the phone through {path}"
	assert "victim_phone" in client.get(f"/api/resource/Version/{version}").json()["data"]["data"]
	version_filter = json.dumps({"ref_doctype": BITE, "docname": bite["name"]})
	for path, (method, url, kwargs) in {
		"REST list of data": ("get", "/api/resource/Version", {"params": {"fields": '["name","data"]'}}),
		"REST list of *": ("get", "/api/resource/Version", {"params": {"fields": '["*"]'}}),
		"REST filter on data": (
			"get",
			"/api/resource/Version",
			{"params": {"filters": json.dumps([["data", "like", "%08%"]])}},
		),
		"get_list of data": (
			"post",
			"/api/method/frappe.client.get_list",
			{"data": {"doctype": "Version", "filters": version_filter, "fields": '["data"]'}},
		),
		"get_value of data": (
			"post",
			"/api/method/frappe.client.get_value",
			{"data": {"doctype": "Version", "filters": version_filter, "fieldname": "data"}},
		),
		"reportview of data": (
			"post",
			"/api/method/frappe.desk.reportview.get",
			{"data": {"doctype": "Version", "filters": version_filter, "fields": '["`tabVersion`.`data`"]'}},
		),
		"export of data": (
			"post",
			"/api/method/frappe.desk.reportview.export_query",
			{
				"data": {
					"doctype": "Version",
					"file_format_type": "CSV",
					"fields": '["name","data"]',
					"filters": version_filter,
				}
			},
		),
		"count filtered on data": (
			"post",
			"/api/method/frappe.client.get_count",
			{"data": {"doctype": "Version", "filters": json.dumps([["data", "like", "%victim_phone%"]])}},
		),
	}.items():
		assert_refused(getattr(client, method)(url, **kwargs), f"auditor {path}")
	# the Version list itself stays the Auditor's (names, the record, who and when)
	r = client.get("/api/resource/Version", params={"filters": version_filter})
	assert r.status_code == 200 and r.json()["data"], r.text[:300]


@pytest.mark.parametrize("user", WITH_PHONE)
def test_the_officers_who_call_the_victim_read_the_phone(login, bite, user):
	client = with_csrf(login(user))
	doc = client.get(f"/api/resource/{BITE}/{bite['name']}").json()["data"]
	assert doc["victim_phone"] in bite["phones"]
	docinfo = client.post(
		"/api/method/frappe.desk.form.load.get_docinfo", data={"doctype": BITE, "name": bite["name"]}
	).json()["docinfo"]
	assert any(p in v["data"] for v in docinfo["versions"] for p in bite["phones"]), docinfo["versions"]
	r = client.get(f"/api/resource/{BITE}", params={"filters": json.dumps([["victim_phone", "like", "08%"]])})
	assert r.status_code == 200, r.text[:300]


def test_other_staff_read_no_bite(login, bite):
	client = login("works")
	assert_refused(client.get(f"/api/resource/{BITE}/{bite['name']}"), "works REST document")
	r = client.get("/api/method/frappe.desk.form.load.getdoc", params={"doctype": BITE, "name": bite["name"]})
	assert r.status_code == 403 and not leaks(r, bite["phones"])


def test_the_dog_owner_does_not_learn_who_was_bitten(login, admin):
	"""The demo citizen's dog bit a neighbour: the citizen reads the bite (place, time, observation,
	outcome), never the victim's link, name or phone, on any path, and cannot search or filter by them."""
	owner = demo_citizen(admin)
	rows = admin.get(
		f"/api/resource/{BITE}",
		params={
			"filters": json.dumps([["animal_owner", "=", owner], ["victim", "!=", owner]]),
			"fields": json.dumps(["name", "victim", "victim_name", "victim_phone"]),
		},
	).json()["data"]
	assert rows, "the demo citizen's dog bit nobody (fixtures/generate_pet.py)"
	row = rows[0]
	secrets = [row["victim_name"], row["victim_phone"], row["victim"]]
	client = with_csrf(login("citizen"))
	doc = client.get(f"/api/resource/{BITE}/{row['name']}")
	assert doc.status_code == 200, doc.text[:300]
	assert not set(VICTIM_FIELDS) & set(doc.json()["data"]), doc.json()["data"]
	for path, r in read_paths(client, row["name"]).items():
		if r.status_code == 403 and path.startswith(("form", "timeline", "reportview", "search")):
			continue  # a website user has no desk
		assert r.status_code == 200, f"citizen {path}: {r.status_code} {r.text[:300]}"
		assert not leaks(r, secrets), f"the dog's owner reads the victim through {path}"
	for field in VICTIM_FIELDS:
		for path, (method, url, kwargs) in queries_on(field, row["name"]).items():
			r = getattr(client, method)(url, **kwargs)
			assert r.status_code == 403, f"citizen {path} on {field}: {r.status_code} {r.text[:300]}"
	# a text search matches the title (the victim's name): refused, not answered by a yes or no
	r = client.post(
		"/api/method/frappe.desk.search.search_widget",
		data={"doctype": BITE, "txt": row["victim_name"][:3]},
	)
	assert_refused(r, "citizen text search over the victim's name")


def test_a_deleted_bite_keeps_the_phone_hidden(login, admin, bite):
	"""Deleting keeps the whole record in a Deleted Document (the Auditor reads them): opened or printed it
	shows the Auditor no phone; its data is not listed or filtered by anyone but the System Manager. (Runs
	last: it deletes the module's bite.)"""
	assert admin.delete(f"/api/resource/{BITE}/{bite['name']}").status_code == 202
	rows = admin.get(
		"/api/resource/Deleted Document",
		params={"filters": json.dumps({"deleted_name": bite["name"]}), "fields": '["name","data"]'},
	).json()["data"]
	assert rows and any(p in rows[0]["data"] for p in bite["phones"]), rows  # kept whole for a restore
	name = rows[0]["name"]
	auditor = with_csrf(login("auditor"))
	for path, r in {
		"document": auditor.get(f"/api/resource/Deleted Document/{name}"),
		"form": auditor.get(
			"/api/method/frappe.desk.form.load.getdoc", params={"doctype": "Deleted Document", "name": name}
		),
		"print": auditor.post(
			"/api/method/frappe.www.printview.get_html_and_style",
			data={"doc": "Deleted Document", "name": name},
		),
	}.items():
		assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:300]}"
		assert not leaks(r, bite["phones"]), f"the auditor reads the deleted bite's phone ({path})"
	data = json.loads(auditor.get(f"/api/resource/Deleted Document/{name}").json()["data"]["data"])
	assert data["place"] == "ทดสอบ PDPA" and "victim_phone" not in data
	for params in (
		{"fields": '["name","data"]'},
		{"filters": json.dumps([["data", "like", "%08%"]])},
	):
		assert_refused(auditor.get("/api/resource/Deleted Document", params=params), f"auditor {params}")
