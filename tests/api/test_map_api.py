"""The public map over HTTP: open layers for guests, the /map page."""


def test_guest_gets_public_village_layer(guest):
	r = guest.get("/api/method/nonsaad_smart.smart_core.gis.get_layer", params={"layer": "villages"})
	assert r.status_code == 200, r.text
	fc = r.json()["message"]
	assert fc["type"] == "FeatureCollection"
	assert len(fc["features"]) >= 12
	props = fc["features"][0]["properties"]
	assert {"village_no", "village_name", "population"} <= set(props)


def test_map_settings_public(guest):
	r = guest.get("/api/method/nonsaad_smart.smart_core.gis.map_settings")
	assert r.status_code == 200
	assert r.json()["message"]["boundary"]["type"] == "Polygon"


def test_unknown_layer_is_404(guest):
	r = guest.get("/api/method/nonsaad_smart.smart_core.gis.get_layer", params={"layer": "nope"})
	assert r.status_code == 404


def test_map_page_renders_in_thai(guest):
	r = guest.get("/map", headers={"Accept": "text/html"})
	assert r.status_code == 200
	assert "แผนที่" in r.text
	assert "smart_map.js" in r.text


def test_report_form_settings_locate_the_pole_it_came_from(guest, admin):
	pole = admin.get(
		"/api/resource/Street Light Pole",
		params={"fields": '["name","latitude","longitude"]', "limit_page_length": 1},
	).json()["data"][0]
	method = "/api/method/nonsaad_smart.e_smart_service.web.form_settings"
	r = guest.get(method, params={"asset_doctype": "Street Light Pole", "asset_name": pole["name"]})
	assert r.status_code == 200, r.text
	asset = r.json()["message"]["asset"]
	assert (asset["name"], asset["latitude"], asset["longitude"]) == (
		pole["name"],
		pole["latitude"],
		pole["longitude"],
	)
	# only open-data assets are located: a citizen's home is not
	# the form draws the poles as the one map does: the layer's colours by status and title template
	styles = r.json()["message"]["asset_styles"]
	assert styles["street_lights"]["style"]["color_by"] == "status"
	assert styles["street_lights"]["style"]["colors"]["Working"] == "#2e7d32"
	assert styles["street_lights"]["title"] == "{name} – {status}"
	r = guest.get(method, params={"asset_doctype": "Citizen", "asset_name": "x"})
	assert r.json()["message"]["asset"] is None
	assert guest.get(method).json()["message"]["asset"] is None


def test_popups_speak_thai(guest):
	r = guest.get("/api/method/nonsaad_smart.smart_core.gis.get_layers", headers={"Accept-Language": "th"})
	lights = next(layer for layer in r.json()["message"] if layer["name"] == "street_lights")
	assert [f["label"] for f in lights["popup"]] == ["สถานะ", "ชนิดหลอดไฟ", "หมู่บ้าน"]
	assert {link["label"] for link in lights["links"]} == {"แจ้งปัญหา", "ข้อมูลเสาไฟฟ้า"}
	data = guest.get(
		"/api/method/nonsaad_smart.smart_core.gis.get_layer",
		params={"layer": "street_lights"},
		headers={"Accept-Language": "th"},
	).json()["message"]
	assert data["display"]["status"]["Working"] == "ใช้งานได้ปกติ"
	# features carry data only; the map makes the title from the spec's template and the display values
	assert lights["title"] == "{name} – {status}"
	assert {key for f in data["features"] for key in f["properties"]} == {
		"name",
		"village",
		"status",
		"lamp_type",
	}
	assert all(title.startswith("บ้าน") for title in data["display"]["village"].values())


def test_staff_layer_of_open_requests_reads_thai(login):
	staff = login("frontdesk")
	layers = staff.get(
		"/api/method/nonsaad_smart.smart_core.gis.get_layers", headers={"Accept-Language": "th"}
	).json()["message"]
	requests = next(layer for layer in layers if layer["name"] == "open_requests")
	labels = {f["field"]: f for f in requests["popup"]}
	assert labels["due_date"]["label"] == "กำหนดแล้วเสร็จ" and labels["due_date"]["type"] == "Date"
	assert (labels["overdue"]["label"], labels["overdue"]["yes"], labels["overdue"]["no"]) == (
		"เกินกำหนด",
		"ใช่",
		"ไม่",
	)
	assert requests["desk_route"] == "/app/service-request/{name}"
	data = staff.get(
		"/api/method/nonsaad_smart.smart_core.gis.get_layer",
		params={"layer": "open_requests"},
		headers={"Accept-Language": "th"},
	).json()["message"]
	assert data["features"], "the demo has open requests with a place"
	shown = data["display"]["workflow_state"]
	assert shown and all(v != k for k, v in shown.items()), shown  # states read in Thai
