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
