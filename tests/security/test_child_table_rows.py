"""Issue 9.5: child-table rows follow their parent's row-level rules.

On the old code a citizen website user listed `Service Request Report` / `Service Request Status Log` rows
of every request (`get_list` with `parent=Service Request`): other reporters' names, phones and notes.
Frappe only checked read right on the parent DocType. Now a child row is listed only if its parent record
is one the user may read (the same for Karupan's and Pole Repair's child tables).
"""

import json

import pytest


def rows(client, child: str, parent: str, fields: list[str], via_rest: bool) -> list[dict]:
	params = {
		"doctype": child,
		"parent": parent,
		"fields": json.dumps(["parent", *fields]),
		"limit_page_length": 0,
	}
	if via_rest:
		params.pop("doctype")
		r = client.get(f"/api/resource/{child}", params=params)
		assert r.status_code == 200, r.text[:300]
		return r.json()["data"]
	r = client.post("/api/method/frappe.client.get_list", data=params)
	assert r.status_code == 200, r.text[:300]
	return r.json()["message"]


def names(client, doctype: str) -> set[str]:
	r = client.get(f"/api/resource/{doctype}", params={"limit_page_length": 0})
	assert r.status_code == 200, r.text[:300]
	return {row["name"] for row in r.json()["data"]}


@pytest.mark.parametrize("via_rest", [False, True], ids=["client.get_list", "REST"])
@pytest.mark.parametrize(
	"child, fields",
	[
		("Service Request Status Log", ["status"]),
		("Service Request Report", ["reporter_name", "reporter_phone", "note"]),
	],
)
def test_citizen_lists_only_rows_of_own_requests(admin, login, child, fields, via_rest):
	"""Every row a citizen gets belongs to one of their own requests; the site has rows of others."""
	citizen = login("citizen")
	own = names(citizen, "Service Request")
	seen = rows(citizen, child, "Service Request", fields, via_rest)
	assert {row["parent"] for row in seen} <= own
	everything = rows(admin, child, "Service Request", fields, via_rest)
	if child == "Service Request Status Log":
		assert {row["parent"] for row in everything} - own, "the demo data has rows of other requests"


def test_child_count_follows_parent(admin, login):
	"""Counting child rows tells nothing about other requests either."""
	citizen = login("citizen")
	own = names(citizen, "Service Request")
	r = citizen.post(
		"/api/method/frappe.client.get_count",
		data={"doctype": "Service Request Status Log", "filters": "[]"},
	)
	assert r.status_code < 500, r.text[:300]
	if r.status_code == 200:
		n = r.json()["message"]
		mine = rows(admin, "Service Request Status Log", "Service Request", [], False)
		assert n == len([row for row in mine if row["parent"] in own])


def test_committee_member_lists_only_members_of_own_checks(login, admin):
	"""Stock Check Committee: committee rows only of the checks they sit on (the parent's rule)."""
	member = login("committee1")
	own = names(member, "Asset Stock Check")
	seen = rows(member, "Asset Stock Check Committee Member", "Asset Stock Check", ["user"], False)
	assert {row["parent"] for row in seen} <= own
