"""Issue 9.3: every read path of a sensitive DocType (Citizen) writes the PDPA read log, naming the records.

On the old code only `GET /api/resource/Citizen[/<name>]` and `/printview` were logged: bulk reads through
`frappe.client.get_list`, `frappe.client.get`, `frappe.desk.reportview.get`, the report export and the
desk print preview / PDF download left no trail. Now each writes one Access Log per request and DocType
(method, filters, the names read in `page`), and single-record reads a View Log too.
"""

import json

import pytest


def access_logs(admin, method: str) -> list[dict]:
	r = admin.get(
		"/api/resource/Access Log",
		params={
			"filters": json.dumps(
				{"export_from": "Citizen", "method": method, "user": "frontdesk@nonsaad.test"}
			),
			"fields": '["name","page","reference_document"]',
			"order_by": "creation desc",
			"limit_page_length": 1000,
		},
	)
	assert r.status_code == 200, r.text
	return r.json()["data"]


def some_citizens(admin, n=3) -> list[str]:
	r = admin.get("/api/resource/Citizen", params={"limit_page_length": n, "order_by": "name asc"})
	return [row["name"] for row in r.json()["data"]]


READS = {
	"frappe.client.get_list": lambda names: (
		"/api/method/frappe.client.get_list",
		{
			"doctype": "Citizen",
			"fields": '["full_name"]',
			"filters": json.dumps([["name", "in", names]]),
		},
	),
	"frappe.client.get": lambda names: (
		"/api/method/frappe.client.get",
		{"doctype": "Citizen", "name": names[0]},
	),
	"frappe.desk.reportview.get": lambda names: (
		"/api/method/frappe.desk.reportview.get",
		{
			"doctype": "Citizen",
			"fields": json.dumps(["`tabCitizen`.`name`", "`tabCitizen`.`national_id`"]),
			"filters": json.dumps([["name", "in", names]]),
		},
	),
	"frappe.www.printview.get_html_and_style": lambda names: (
		"/api/method/frappe.www.printview.get_html_and_style",
		{"doc": "Citizen", "name": names[0]},
	),
}


@pytest.mark.parametrize("method", sorted(READS))
def test_read_path_is_logged_with_records(admin, login, method):
	"""Front Desk reads Citizens through `method`: a new Access Log names exactly the records read."""
	names = some_citizens(admin)
	before = {row["name"] for row in access_logs(admin, method)}
	url, params = READS[method](names)
	r = login("frontdesk").post(url, data=params)
	assert r.status_code == 200, r.text[:300]
	new = [row for row in access_logs(admin, method) if row["name"] not in before]
	assert len(new) == 1, new
	read = set(json.loads(new[0]["page"]))
	expected = (
		set(names) if method in ("frappe.client.get_list", "frappe.desk.reportview.get") else {names[0]}
	)
	assert read == expected


def test_export_is_logged_with_records(admin, login):
	"""A CSV export of Citizens (Municipal Admin) names the exported records in the log."""
	names = some_citizens(admin, 2)
	r = admin.get(
		"/api/resource/Access Log",
		params={
			"filters": json.dumps(
				{"method": "frappe.desk.reportview.export_query", "user": "admin@nonsaad.test"}
			),
			"limit_page_length": 1000,
		},
	)
	before = {row["name"] for row in r.json()["data"]}
	r = login("admin").post(
		"/api/method/frappe.desk.reportview.export_query",
		data={
			"doctype": "Citizen",
			"fields": json.dumps(["`tabCitizen`.`name`", "`tabCitizen`.`full_name`"]),
			"filters": json.dumps([["name", "in", names]]),
			"file_format_type": "CSV",
		},
	)
	assert r.status_code == 200, r.text[:300]
	r = admin.get(
		"/api/resource/Access Log",
		params={
			"filters": json.dumps(
				{"method": "frappe.desk.reportview.export_query", "user": "admin@nonsaad.test"}
			),
			"fields": '["name","page","export_from"]',
			"limit_page_length": 1000,
		},
	)
	new = [row for row in r.json()["data"] if row["name"] not in before]
	assert len(new) == 1 and new[0]["export_from"] == "Citizen"
	assert set(json.loads(new[0]["page"])) == set(names)


def test_refused_read_is_not_logged(admin, login):
	"""A read the server refuses (Repair Technician on Citizen) is not a read: no log row."""
	method = "frappe.client.get_list"
	r = admin.get(
		"/api/method/frappe.client.get_count",
		params={"doctype": "Access Log", "filters": json.dumps({"user": "technician@nonsaad.test"})},
	)
	before = r.json()["message"]
	r = login("technician").post(f"/api/method/{method}", data={"doctype": "Citizen"})
	assert r.status_code == 403
	r = admin.get(
		"/api/method/frappe.client.get_count",
		params={"doctype": "Access Log", "filters": json.dumps({"user": "technician@nonsaad.test"})},
	)
	assert r.json()["message"] == before
