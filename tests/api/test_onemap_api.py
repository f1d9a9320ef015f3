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
