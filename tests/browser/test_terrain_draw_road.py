"""A Public Works Officer draws a new road on the Road form's map (Leaflet.draw's polyline tool), saves it,
and finds it on the public map; the database holds the line with its geodesic length."""

import json
import random

import pytest

from .conftest import desk_login

pytestmark = pytest.mark.browser


def test_officer_draws_a_road_and_sees_it_on_the_map(page, base_url, admin):
	code = f"นภ.ถ.88-{random.randint(100, 999)}"
	desk_login(page, base_url, "works@nonsaad.test")
	page.goto(f"{base_url}/app/road/new")
	page.wait_for_selector("input[data-fieldname='road_code']", timeout=30000)
	page.fill("input[data-fieldname='road_code']", code)
	page.fill("input[data-fieldname='road_name']", "ถนนทดสอบวาดบนแผนที่")
	page.fill("input[data-fieldname='width_m']", "4")
	village = page.locator("input[data-fieldname='village']:visible").first
	village.click()
	village.type("โนนสะอาด")
	page.wait_for_timeout(1200)
	page.locator("div[data-fieldname='village'] ul[role='listbox'] [role='option']").first.click()

	# the map of the Geolocation field: pan to the municipality (as the user would), then draw
	page.wait_for_selector("div[data-fieldname='geometry'] .leaflet-container", timeout=30000)
	page.wait_for_timeout(1500)  # the form centres a new road's map on the municipality first
	page.evaluate("cur_frm.fields_dict.geometry.map.setView([16.9700, 102.2900], 17)")
	container = page.locator("div[data-fieldname='geometry'] .leaflet-container")
	container.scroll_into_view_if_needed()
	page.wait_for_timeout(500)
	page.locator("div[data-fieldname='geometry'] a.leaflet-draw-draw-polyline").click()
	box = container.bounding_box()
	points = [(0.3, 0.5), (0.5, 0.45), (0.7, 0.55)]
	for fx, fy in points:
		page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
		page.wait_for_timeout(300)
	page.locator("div[data-fieldname='geometry'] .leaflet-draw-actions a", has_text="Finish").first.click()
	page.wait_for_function("(cur_frm.doc.geometry || '').includes('LineString')", timeout=10000)

	page.keyboard.press("Control+s")
	page.wait_for_function(f"cur_frm && !cur_frm.is_new() && cur_frm.doc.name === '{code}'", timeout=30000)

	stored = admin.get(f"/api/resource/Road/{code}").json()["data"]
	geometry = json.loads(stored["geometry"])
	line = geometry["features"][0]["geometry"]
	assert line["type"] == "LineString" and len(line["coordinates"]) == 3
	assert 20 < stored["length_m"] < 3000, stored["length_m"]
	assert abs(stored["start_latitude"] - 16.97) < 0.01 and abs(stored["start_longitude"] - 102.29) < 0.01
	assert stored["owner"] == "works@nonsaad.test"

	# the public map shows it on the roads layer, as a line
	page.goto(f"{base_url}/map")
	page.wait_for_selector("#smart-map[data-loaded='1']", timeout=30000)
	kind = page.evaluate(
		"""(code) => { const l = document.querySelector('.nonsaad-map').smart_map.feature_layer('roads', code);
			return l ? l.feature.geometry.type : null; }""",
		code,
	)
	assert kind == "LineString"
	assert page.locator("path.nonsaad-layer-roads").count() >= 60
