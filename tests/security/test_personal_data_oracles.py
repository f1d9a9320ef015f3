"""Issue 9.1 and 9.2: counts, lists, group-by, search and stats follow the list's permission rules, and
nobody filters, groups or sorts by a field they may not read (the masked national ID, a phone…).

On the old code every one of these answered 200: `frappe.client.get_count` counted Citizens for a Repair
Technician (no right on Citizen at all) and for a citizen website user (all 240, not only their own), and
an Auditor (masked IDs) could filter/sort/group every list path by `national_id`, so the ID could be read
back digit by digit. Now: 403 with `RestrictedFieldError`/`PermissionError`, and counts equal the list.
"""

import json

import pytest

# every whitelisted count / list / group-by / search / stats path of Frappe 15 a logged-in user can call,
# each with a national-ID oracle: (method, params)
NATIONAL_ID_LIKE = json.dumps([["national_id", "like", "3%"]])
ORACLE_PATHS = {
	"frappe.client.get_count": {"doctype": "Citizen", "filters": NATIONAL_ID_LIKE},
	"frappe.client.get_list": {"doctype": "Citizen", "filters": NATIONAL_ID_LIKE},
	"frappe.client.get_list (order_by)": {"doctype": "Citizen", "order_by": "national_id asc"},
	"frappe.client.get_list (group_by)": {
		"doctype": "Citizen",
		"fields": json.dumps(["count(name) as n"]),
		"group_by": "national_id",
	},
	"frappe.client.get_list (computed field)": {
		"doctype": "Citizen",
		"fields": json.dumps(["max(national_id) as x"]),
	},
	"frappe.client.get_value": {"doctype": "Citizen", "fieldname": "name", "filters": NATIONAL_ID_LIKE},
	"frappe.client.get": {"doctype": "Citizen", "filters": json.dumps({"national_id": ["like", "3%"]})},
	"frappe.desk.reportview.get": {
		"doctype": "Citizen",
		"fields": json.dumps(["`tabCitizen`.`name`"]),
		"filters": NATIONAL_ID_LIKE,
	},
	"frappe.desk.reportview.get_list": {
		"doctype": "Citizen",
		"fields": json.dumps(["name"]),
		"filters": NATIONAL_ID_LIKE,
	},
	"frappe.desk.reportview.get_count": {
		"doctype": "Citizen",
		"fields": json.dumps(["name"]),
		"filters": NATIONAL_ID_LIKE,
	},
	"frappe.desk.reportview.export_query": {
		"doctype": "Citizen",
		"fields": json.dumps(["`tabCitizen`.`name`"]),
		"filters": NATIONAL_ID_LIKE,
		"file_format_type": "CSV",
	},
	"frappe.desk.reportview.get_sidebar_stats": {"doctype": "Citizen", "stats": json.dumps(["national_id"])},
	"frappe.desk.reportview.get_stats": {"doctype": "Citizen", "stats": json.dumps(["national_id"])},
	"frappe.desk.listview.get_group_by_count": {
		"doctype": "Citizen",
		"current_filters": "[]",
		"field": "national_id",
	},
	"frappe.desk.search.search_link": {"doctype": "Citizen", "txt": "", "filters": NATIONAL_ID_LIKE},
	"frappe.desk.search.search_widget": {"doctype": "Citizen", "txt": "", "filters": NATIONAL_ID_LIKE},
	"frappe.desk.doctype.number_card.number_card.get_result": {
		"doc": json.dumps(
			{"document_type": "Citizen", "function": "Sum", "aggregate_function_based_on": "national_id"}
		),
		"filters": "[]",
	},
}


def call(client, path: str, params: dict):
	method = path.split(" ")[0]
	return client.post(f"/api/method/{method}", data=params)


def exc_type(response) -> str:
	try:
		return response.json().get("exc_type") or ""
	except ValueError:
		return ""


@pytest.mark.parametrize("path", sorted(ORACLE_PATHS))
def test_masked_id_cannot_be_filtered_sorted_or_grouped(login, path):
	"""Auditor reads Citizens with a masked ID only: every path refuses national_id in a query (403)."""
	r = call(login("auditor"), path, ORACLE_PATHS[path])
	assert r.status_code == 403, (path, r.status_code, r.text[:300])
	assert exc_type(r) in ("RestrictedFieldError", "PermissionError"), r.text[:300]


def test_rest_list_refuses_filter_and_sort_on_masked_id(login):
	"""GET /api/resource/Citizen with a national_id filter or order_by: 403 for the Auditor."""
	auditor = login("auditor")
	for params in ({"filters": NATIONAL_ID_LIKE}, {"order_by": "national_id desc"}):
		r = auditor.get("/api/resource/Citizen", params=params)
		assert r.status_code == 403, (params, r.text[:300])
		assert exc_type(r) == "RestrictedFieldError"


def test_contact_fields_cannot_be_filtered_by_roles_without_them(login):
	"""The Executive reads names and villages only: a phone filter is refused like the ID."""
	r = login("mayor").get(
		"/api/resource/Citizen", params={"filters": json.dumps([["phone", "like", "08%"]])}
	)
	assert r.status_code == 403, r.text[:300]


def test_legitimate_filters_still_work(login):
	"""Filters on readable fields keep working; Front Desk (full ID right) may filter by ID."""
	village = (
		login("auditor").get("/api/resource/Citizen", params={"fields": '["village"]'}).json()["data"][0]
	)
	r = login("auditor").get(
		"/api/resource/Citizen", params={"filters": json.dumps({"village": village["village"]})}
	)
	assert r.status_code == 200 and r.json()["data"]
	r = login("frontdesk").post(
		"/api/method/frappe.client.get_count", data={"doctype": "Citizen", "filters": NATIONAL_ID_LIKE}
	)
	assert r.status_code == 200 and r.json()["message"] > 0


@pytest.mark.parametrize("user", ["technician", "crew", "supplies"])
def test_count_needs_read_right(login, user):
	"""frappe.client.get_count on Citizen by roles without any right on it: 403 (was: a number)."""
	for method in ("frappe.client.get_count", "frappe.desk.reportview.get_count"):
		r = login(user).post(
			f"/api/method/{method}", data={"doctype": "Citizen", "filters": "[]", "fields": '["name"]'}
		)
		assert r.status_code == 403, (user, method, r.text[:200])


def test_citizen_counts_only_own_records(login, admin):
	"""A citizen website user counts and groups only what their list shows (their own record, requests)."""
	citizen = login("citizen")
	listed = citizen.get("/api/resource/Citizen").json()["data"]
	count = citizen.post("/api/method/frappe.client.get_count", data={"doctype": "Citizen"}).json()
	assert count["message"] == len(listed) == 1
	total = admin.post("/api/method/frappe.client.get_count", data={"doctype": "Citizen"}).json()["message"]
	assert total > 1
	groups = citizen.post(
		"/api/method/frappe.desk.listview.get_group_by_count",
		data={"doctype": "Citizen", "current_filters": "[]", "field": "village"},
	).json()["message"]
	assert sum(g["count"] for g in groups) == 1
	own_requests = citizen.get("/api/resource/Service Request", params={"limit_page_length": 0}).json()[
		"data"
	]
	n = citizen.post("/api/method/frappe.client.get_count", data={"doctype": "Service Request"}).json()
	assert n["message"] == len(own_requests)


def test_assigned_to_group_count_follows_the_list(login):
	"""The sidebar "Assigned To" counts only records the user may list (was: any record by filter)."""
	r = login("technician").post(
		"/api/method/frappe.desk.listview.get_group_by_count",
		data={"doctype": "Citizen", "current_filters": "[]", "field": "assigned_to"},
	)
	assert r.status_code == 403, r.text[:200]
