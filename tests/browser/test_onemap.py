"""Issue 17 in a real browser: the one map's toggles and search box (a staff member finds a pole by its code,
opens it from the result), the Executive overview workspace as the mayor, Citizen 360 on the Citizen form."""

import re

import pytest

from .conftest import desk_login

pytestmark = pytest.mark.browser


def test_staff_toggles_layers_and_opens_a_pole_found_by_its_code(page, base_url, admin):
	pole = admin.get(
		"/api/resource/Street Light Pole",
		params={"filters": '[["status","=","Working"]]', "fields": '["name"]', "limit_page_length": 1},
	).json()["data"][0]["name"]
	errors = []
	page.on("pageerror", lambda e: errors.append(str(e)))
	desk_login(page, base_url, "works@nonsaad.test")
	page.goto(f"{base_url}/app/smart-map")
	page.wait_for_selector(".nonsaad-map[data-loaded='1']", timeout=30000)

	# toggles grouped by service, in Thai
	toggles = page.locator(".nonsaad-toggles")
	assert toggles.locator(".nonsaad-toggle-group[data-group='Smart I Pole'] h6").inner_text().strip()
	assert toggles.locator(".nonsaad-toggle[data-layer='open_requests']").count() == 1
	poles = page.locator(".leaflet-overlay-pane .nonsaad-layer-street_lights")
	assert poles.count() > 100
	toggles.locator("input[data-layer='street_lights']").uncheck()
	assert poles.count() == 0
	toggles.locator("input[data-layer='street_lights']").check()
	page.wait_for_function(
		"document.querySelectorAll('.leaflet-overlay-pane .nonsaad-layer-street_lights').length > 100"
	)

	# the search box: type the pole's code, click the result, open the record from its popup
	page.fill(".nonsaad-search-input", pole)
	result = page.locator(f".nonsaad-search-result[data-name='{pole}']")
	result.wait_for(timeout=15000)
	assert "เสาไฟฟ้า" in result.inner_text() or pole in result.inner_text()
	result.click()
	popup = page.locator(".leaflet-popup-content .nonsaad-popup")
	popup.wait_for(timeout=15000)
	assert pole in popup.inner_text()
	popup.locator("a.nonsaad-open-desk").click()
	page.wait_for_url(f"**/app/street-light-pole/{pole}", timeout=30000)
	page.wait_for_function(f"window.cur_frm && cur_frm.doc.name === '{pole}'", timeout=30000)
	assert not errors, errors


def test_tracking_number_search_opens_the_request(page, base_url, admin):
	request = admin.get(
		"/api/resource/Service Request",
		params={"fields": '["name"]', "filters": '[["latitude","is","set"]]', "limit_page_length": 1},
	).json()["data"][0]["name"]
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	page.goto(f"{base_url}/app/smart-map")
	page.wait_for_selector(".nonsaad-map[data-loaded='1']", timeout=30000)
	page.fill(".nonsaad-search-input", request)
	result = page.locator(f".nonsaad-search-result[data-name='{request}']")
	result.wait_for(timeout=15000)
	result.click()
	page.locator(".leaflet-popup-content a.nonsaad-open-desk").first.click()
	page.wait_for_url(f"**/app/service-request/{request}", timeout=30000)


def test_public_map_search_shows_only_public_records(page, base_url, admin):
	request = admin.get(
		"/api/resource/Service Request", params={"fields": '["name"]', "limit_page_length": 1}
	).json()["data"][0]["name"]
	page.goto(f"{base_url}/map")
	page.wait_for_selector("#smart-map[data-loaded='1']", timeout=30000)
	assert page.locator(".nonsaad-toggle[data-layer='open_requests']").count() == 0
	page.fill(".nonsaad-search-input", request)
	page.wait_for_selector(".nonsaad-search-result", timeout=15000)
	assert page.locator(f".nonsaad-search-result[data-name='{request}']").count() == 0
	assert "ค้นหา" in page.get_attribute(".nonsaad-search-input", "placeholder")


def test_mayor_reads_the_executive_overview(page, base_url, login):
	mayor = login("mayor")
	expected = mayor.get("/api/method/nonsaad_smart.smart_core.overview.overview_figures").json()["message"]
	errors = []
	page.on("pageerror", lambda e: errors.append(str(e)))
	desk_login(page, base_url, "mayor@nonsaad.test")
	page.goto(f"{base_url}/app/executive-overview")
	page.locator(".nonsaad-overview-card[data-loaded='1']").wait_for(timeout=30000)
	# like for like: the page says it compares the month so far with the same days (BE years)
	note = page.locator(".nonsaad-overview-note").inner_text()
	assert note == expected["note"] and "เดือนนี้ถึงวันนี้" in note, note
	assert expected["periods"]["this_month"]["label"] in note
	for service in expected["services"]:
		block = page.locator(f".nonsaad-overview-service[data-service='{service['service']}']")
		assert block.count() == 1, service["service"]
		assert block.locator(".nonsaad-overview-figure").count() == len(service["figures"])
	esmart = next(s for s in expected["services"] if s["service"] == "E-Smart Service")
	# the requests received (a count that links to the requests; other modules add figures before it)
	received = next(f for f in esmart["figures"] if f["route"] == "/app/service-request")
	row = page.locator(
		".nonsaad-overview-service[data-service='E-Smart Service'] .nonsaad-overview-figure",
		has_text=received["label"],
	).first
	assert received["label"] in row.inner_text()
	value = received["this_month"]  # a count: the page shows it without decimals
	shown = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
	assert row.locator(".nonsaad-this-month b").inner_text().strip() == shown
	assert page.locator(".number-widget-box", has_text="ไฟฟ้าส่องสว่างชำรุด").count() == 1
	# a figure links to its detail
	row.locator("a").click()
	page.wait_for_url(re.compile(r".*/app/service-request.*"), timeout=30000)
	assert not errors, errors


def test_front_desk_reads_citizen_360_on_the_form(page, base_url, admin):
	request = admin.get(
		"/api/resource/Service Request",
		params={
			"fields": '["name","requester"]',
			"filters": '[["requester","is","set"]]',
			"limit_page_length": 1,
		},
	).json()["data"][0]
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	page.goto(f"{base_url}/app/citizen/{request['requester']}")
	section = page.locator(".nonsaad-citizen-360")
	section.wait_for(timeout=30000)
	assert section.locator(".nonsaad-c360-section[data-doctype='Service Request']").count() == 1
	assert section.locator(".nonsaad-c360-section[data-doctype='Centre Staff']").count() == 0
	assert section.locator(f"a.nonsaad-c360-open[href$='/{request['name']}']").count() == 1
	# the same on the desk page, picked by its address
	page.goto(f"{base_url}/app/citizen-360/{request['requester']}")
	page.locator(".nonsaad-c360-page .nonsaad-citizen-360").wait_for(timeout=30000)
	assert (
		page.locator(".nonsaad-c360-page .nonsaad-c360-section[data-doctype='Service Request']").count() == 1
	)
