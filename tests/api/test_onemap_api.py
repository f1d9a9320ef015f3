"""Issue 17 over HTTP: Citizen 360 is logged (PDPA) and permission-checked, merge needs delete rights, the one
map's all-layers request and search answer guests with open data only."""

import json

from conftest import error_of

C360 = "/api/method/nonsaad_smart.smart_core.citizen360.citizen_360"
ONEMAP = "/api/method/nonsaad_smart.smart_core.onemap."


def requester(admin) -> dict:
	return admin.get(
		"/api/resource/Service Request",
		params={
			"fields": '["name","requester"]',
			"filters": '[["requester","is","set"]]',
			"limit_page_length": 1,
		},
	).json()["data"][0]


def test_citizen_360_is_logged_as_a_view(admin, login):
	row = requester(admin)
	citizen = row["requester"]
	frontdesk = login("frontdesk")
	before = admin.get(
		"/api/method/frappe.client.get_count",
		params={
			"doctype": "Access Log",
			"filters": json.dumps({"method": "Citizen 360", "user": "frontdesk@nonsaad.test"}),
		},
	).json()["message"]
	r = frontdesk.get(C360, params={"citizen": citizen})
	assert r.status_code == 200, r.text
	sections = {s["doctype"]: s for s in r.json()["message"]["sections"]}
	assert row["name"] in [x["name"] for x in sections["Service Request"]["rows"]]
	logs = admin.get(
		"/api/resource/Access Log",
		params={
			"filters": json.dumps({"method": "Citizen 360", "user": "frontdesk@nonsaad.test"}),
			"fields": '["export_from","reference_document"]',
			"limit_page_length": 100,
		},
	).json()["data"]
	assert len(logs) > before
	assert {"export_from": "Citizen", "reference_document": citizen} in logs
	views = admin.get(
		"/api/resource/View Log",
		params={
			"filters": json.dumps(
				{
					"reference_doctype": "Citizen",
					"reference_name": citizen,
					"viewed_by": "frontdesk@nonsaad.test",
				}
			),
			"limit_page_length": 1,
		},
	).json()["data"]
	assert views


def test_citizen_360_refused_without_read_on_the_citizen(admin, login):
	citizen = requester(admin)["requester"]
	r = login("technician").get(C360, params={"citizen": citizen})
	assert r.status_code == 403
	assert error_of(r)[0] == "PermissionError"


def test_merge_needs_delete_rights(admin, login):
	citizens = admin.get("/api/resource/Citizen", params={"limit_page_length": 2}).json()["data"]
	r = login("frontdesk").post(
		"/api/method/nonsaad_smart.smart_core.citizen360.merge_citizens",
		data={"source": citizens[0]["name"], "target": citizens[1]["name"]},
	)
	assert r.status_code == 403, r.text
	assert admin.get(f"/api/resource/Citizen/{citizens[0]['name']}").status_code == 200


def test_guest_map_all_layers_and_search(guest, admin):
	layers = guest.get(ONEMAP + "get_map_layers").json()["message"]
	names = {layer["name"] for layer in layers}
	assert "street_lights" in names and "open_requests" not in names
	data = guest.get(ONEMAP + "get_all_layers", params={"zoom": 13}).json()["message"]
	assert set(data) == names
	pole = data["street_lights"]["features"][0]["properties"]["name"]
	found = guest.get(ONEMAP + "search", params={"q": pole}).json()["message"]
	assert pole in [r["name"] for r in found]
	assert all(r["route"] is None for r in found)
	request = requester(admin)["name"]
	found = guest.get(ONEMAP + "search", params={"q": request}).json()["message"]
	assert all(r["doctype"] != "Service Request" for r in found)
	r = guest.get(ONEMAP + "get_all_layers", params={"bbox": "5,5,1,1"})
	assert error_of(r)[0] == "InvalidBBoxError"


def shown_cards(client, workspace: str) -> set[str]:
	r = client.post(
		"/api/method/frappe.desk.desktop.get_desktop_page",
		data={"page": json.dumps({"name": workspace, "title": workspace, "public": 1})},
	)
	assert r.status_code == 200, r.text[:300]
	return {c["number_card_name"] for c in r.json()["message"]["number_cards"]["items"]}


def readable(client, doctype: str) -> bool:
	return client.get("/api/method/frappe.client.get_count", params={"doctype": doctype}).status_code == 200


def test_workspace_cards_follow_what_the_viewer_may_read(admin, login):
	cases = [
		("mayor", "Executive Overview"),
		("technician", "E-Smart Service"),
		("technician", "Smart I Pole"),
		("committee1", "Smart Karupan"),
		("supplies", "Smart Karupan"),
	]
	for user, workspace in cases:
		client = login(user)
		listed = admin.get(f"/api/resource/Workspace/{workspace}").json()["data"]["number_cards"]
		expected = set()
		for row in listed:
			card = admin.get(f"/api/resource/Number Card/{row['number_card_name']}").json()["data"]
			if readable(client, card["document_type"]):
				expected.add(card["name"])
		assert shown_cards(client, workspace) == expected, (user, workspace)
	# the Executive sees every service's card on the overview, and the overview block
	assert len(shown_cards(login("mayor"), "Executive Overview")) == 8


def test_guest_map_endpoints_answer_bad_input_without_a_500(guest):
	for method, params in (
		("get_all_layers", {"zoom": "nan"}),
		("get_all_layers", {"zoom": "inf"}),
		("get_all_layers", {"bbox": "a,b,c,d"}),
		("get_all_layers", {"bbox": "nan,1,2,3"}),
		("search", {"q": "x" * 500}),
		("search", {}),
	):
		r = guest.get(ONEMAP + method, params=params)
		assert r.status_code < 500, (method, params, r.text[:200])
