"""Smart Terrain over HTTP: the demo network, REST rights per role, the public line layers, snapping a
citizen's pin to the nearest road, export."""

import json

import pytest
from conftest import error_of

ROAD = "/api/resource/Road"
LAYER = "/api/method/nonsaad_smart.smart_core.gis.get_layer"
NEAREST = "/api/method/nonsaad_smart.e_smart_service.assets.nearest"
EXPORT = "/api/method/nonsaad_smart.smart_terrain.geodata.export_layer"


@pytest.fixture(scope="module")
def road(admin):
	r = admin.get(
		ROAD,
		params={
			"fields": '["name","road_name","latitude","longitude","length_m","village"]',
			"limit_page_length": 1,
		},
	)
	assert r.status_code == 200, r.text
	return r.json()["data"][0]


def count(admin, doctype):
	return admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype}).json()["message"]


def test_demo_network(admin):
	assert count(admin, "Road") >= 60
	assert count(admin, "Culvert") >= 40
	assert count(admin, "Drain") >= 30
	assert count(admin, "Flood Point") >= 10
	assert count(admin, "Condition Survey") >= 2 * 60
	total = admin.get(ROAD, params={"fields": '["sum(length_m) as m"]'}).json()["data"][0]["m"]
	assert 20_000 < total < 100_000, total  # tens of km for a rural subdistrict


@pytest.mark.parametrize("user", ["works", "technician", "frontdesk", "auditor", "mayor", "admin"])
def test_staff_read(login, road, user):
	assert login(user).get(f"{ROAD}/{road['name']}").status_code == 200


@pytest.mark.parametrize("user", ["dispatcher", "education", "citizen"])
def test_others_refused(login, road, user):
	assert login(user).get(f"{ROAD}/{road['name']}").status_code == 403


def test_only_public_works_edits(login, road):
	for user in ("technician", "frontdesk", "mayor", "auditor"):
		r = login(user).put(f"{ROAD}/{road['name']}", json={"road_name": "แก้ไขไม่ได้"})
		assert r.status_code == 403, (user, r.text)
	r = login("works").put(f"{ROAD}/{road['name']}", json={"width_m": 5.5})
	assert r.status_code == 200, r.text


def test_invalid_geometry_refused_over_rest(login, road):
	r = login("works").put(
		f"{ROAD}/{road['name']}",
		json={
			"geometry": json.dumps({"type": "LineString", "coordinates": [[102.29, 16.97], [103.5, 16.97]]})
		},
	)
	assert error_of(r)[0] == "GeometryOutsideMunicipalityError", r.text


def test_public_road_layer_is_lines(guest, road):
	r = guest.get(LAYER, params={"layer": "roads"})
	assert r.status_code == 200, r.text
	features = r.json()["message"]["features"]
	assert len(features) >= 60
	assert {f["geometry"]["type"] for f in features} <= {"LineString", "MultiLineString"}
	assert all(f["properties"].get("color") for f in features)
	lat, lng = road["latitude"], road["longitude"]
	box = f"{lng - 0.001},{lat - 0.001},{lng + 0.001},{lat + 0.001}"
	inside = guest.get(LAYER, params={"layer": "roads", "bbox": box}).json()["message"]["features"]
	assert road["name"] in {f["properties"]["name"] for f in inside}
	assert len(inside) < len(features)


def test_guest_pin_snaps_to_the_nearest_road(guest, road):
	r = guest.get(
		NEAREST,
		params={"asset_doctype": "Road", "latitude": road["latitude"], "longitude": road["longitude"]},
	)
	assert r.status_code == 200, r.text
	found = r.json()["message"]
	assert found and found["distance_m"] < 1, found
	# far from every road (a corner of the municipality's square): nothing
	assert (
		guest.get(NEAREST, params={"asset_doctype": "Road", "latitude": 17.0, "longitude": 102.26})
		.json()
		.get("message")
		is None
	)
	# a register without a public layer, or no register: nothing
	assert (
		guest.get(NEAREST, params={"asset_doctype": "Citizen", "latitude": 16.97, "longitude": 102.29})
		.json()
		.get("message")
		is None
	)


def test_export_geojson_and_kml(login):
	r = login("works").get(EXPORT, params={"doctype": "Culvert", "fmt": "geojson"})
	assert r.status_code == 200, r.text
	assert len(json.loads(r.content)["features"]) >= 40
	r = login("works").get(EXPORT, params={"doctype": "Road", "fmt": "kml"})
	assert r.status_code == 200 and b"<LineString>" in r.content
	assert login("dispatcher").get(EXPORT, params={"doctype": "Road", "fmt": "kml"}).status_code == 403


IMPORT = "/api/method/nonsaad_smart.smart_terrain.geodata.import_file"


def test_import_an_uploaded_file_dry_run_then_all(login, admin):
	works = login("works")
	village = admin.get("/api/resource/Village", params={"limit_page_length": 1}).json()["data"][0]["name"]
	feature = {
		"type": "Feature",
		"properties": {"culvert_name": "ท่อลอดนำเข้าทาง API", "village": village, "material": "Concrete Pipe"},
		"geometry": {"type": "Point", "coordinates": [102.2905, 16.9705]},
	}
	body = json.dumps({"type": "FeatureCollection", "features": [feature, feature]}).encode()
	r = works.post(
		"/api/method/upload_file", files={"file": ("culverts.geojson", body)}, data={"is_private": "1"}
	)
	assert r.status_code == 200, r.text
	url = r.json()["message"]["file_url"]
	before = count(admin, "Culvert")
	r = works.post(IMPORT, data={"doctype": "Culvert", "file_url": url, "dry_run": 1})
	assert r.status_code == 200, r.text
	report = r.json()["message"]
	assert [row["error"] for row in report["rows"]] == [None, None] and count(admin, "Culvert") == before
	r = works.post(IMPORT, data={"doctype": "Culvert", "file_url": url, "dry_run": 0})
	assert r.json()["message"]["written"] == 2 and count(admin, "Culvert") == before + 2
	# a Repair Technician may not import (no create right), whatever the file
	r = login("technician").post(IMPORT, data={"doctype": "Culvert", "file_url": url, "dry_run": 0})
	assert r.status_code == 403 and count(admin, "Culvert") == before + 2


def test_workspace_cards_and_budget_report(login):
	works = login("works")
	for method in ("poor_road_km_card", "open_terrain_requests_card"):
		r = works.get(f"/api/method/nonsaad_smart.smart_terrain.api.{method}")
		assert r.status_code == 200, r.text
		assert r.json()["message"]["value"] >= 0
	r = works.get(
		"/api/method/frappe.desk.query_report.run",
		params={"report_name": "Budget Priority List", "filters": json.dumps({"budget_ceiling": 20000000})},
	)
	assert r.status_code == 200, r.text[:300]
	result = r.json()["message"]["result"]
	assert result and result[0]["rank"] == 1
	assert any(row["within_budget"] for row in result) and not all(row["within_budget"] for row in result)
	# the demo's POTHOLE/DRAIN/CULVERT requests are about assets, and one was settled by a completed work
	done = works.get(
		"/api/resource/Maintenance Work",
		params={
			"filters": json.dumps([["service_request", "is", "set"], ["docstatus", "=", 1]]),
			"fields": '["service_request"]',
		},
	).json()["data"]
	assert done
	state = works.get(f"/api/resource/Service Request/{done[0]['service_request']}").json()["data"][
		"workflow_state"
	]
	assert state not in ("Submitted", "Accepted", "Assigned", "In Progress")  # settled
	# the Executive reads the report; an EMS dispatcher does not
	assert (
		login("mayor")
		.get("/api/method/frappe.desk.query_report.run", params={"report_name": "Road Length by Village"})
		.status_code
		== 200
	)
	assert (
		login("dispatcher")
		.get("/api/method/frappe.desk.query_report.run", params={"report_name": "Road Length by Village"})
		.status_code
		== 403
	)
