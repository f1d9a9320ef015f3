"""Picking the exact pole on the report form's map: a citizen chooses "light out", the poles around
them appear, a tap on one fills the pole code and the place; the report is filed against that pole."""

import re

import pytest

from .test_pole_qr import quiet_pole

pytestmark = pytest.mark.browser


def test_citizen_picks_the_pole_on_the_map(browser, base_url, admin):
	code = quiet_pole(admin)
	pole = admin.get(f"/api/resource/Street Light Pole/{code}").json()["data"]
	context = browser.new_context(
		locale="th-TH",
		viewport={"width": 390, "height": 844},
		is_mobile=True,
		has_touch=True,
		# the citizen stands ≈ 30 m from the pole
		geolocation={"latitude": pole["latitude"] + 0.0003, "longitude": pole["longitude"]},
		permissions=["geolocation"],
	)
	phone = context.new_page()
	try:
		phone.goto(f"{base_url}/report/new")
		phone.wait_for_selector(
			"select[data-fieldname='service_type'] option[value='LIGHT']", state="attached", timeout=30000
		)
		phone.select_option("select[data-fieldname='service_type']", "LIGHT")
		# GPS centres the map on the citizen (zoom 16): the poles around appear as tappable circles
		phone.wait_for_selector("path.nonsaad-pick-asset", timeout=30000)
		assert phone.locator("path.nonsaad-pick-asset").count() >= 1
		# coloured by status as on the one map (the layer's style, from the form settings), not uncoloured
		fills = phone.evaluate(
			"[...document.querySelectorAll('path.nonsaad-pick-asset')].map((p) => p.getAttribute('fill'))"
		)
		assert "#2e7d32" in fills, fills  # Working: the one map's green (hooks.py street_lights colors)
		# zoom in on the pole (as a citizen would) and tap it in the middle of the map
		phone.evaluate(
			"([lat, lng]) => frappe.web_form.nonsaad_map.setView([lat, lng], 19)",
			[pole["latitude"], pole["longitude"]],
		)
		phone.wait_for_timeout(1500)  # the layer reloads for the new view
		phone.locator("#nonsaad-report-map").scroll_into_view_if_needed()
		box = phone.locator("#nonsaad-report-map").bounding_box()
		phone.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
		phone.wait_for_function(f"frappe.web_form.get_value('asset_name') === '{code}'", timeout=10000)
		assert phone.evaluate("frappe.web_form.get_value('asset_doctype')") == "Street Light Pole"
		assert abs(float(phone.input_value("input[data-fieldname='latitude']")) - pole["latitude"]) < 1e-6
		phone.fill("textarea[data-fieldname='description']", "ไฟดับทั้งคืน เลือกเสาจากแผนที่")
		phone.fill("input[data-fieldname='requester_name']", "นายเลือก แผนที่")
		phone.fill("input[data-fieldname='requester_phone']", "0861112233")
		phone.click(".submit-btn")
		phone.wait_for_selector("#tracking-number", timeout=30000)
		tracking = phone.inner_text("#tracking-number").strip()
		assert re.fullmatch(r"SR-25\d\d-\d{5}", tracking), tracking
		stored = admin.get(f"/api/resource/Service Request/{tracking}").json()["data"]
		assert (stored["asset_doctype"], stored["asset_name"]) == ("Street Light Pole", code)
	finally:
		context.close()
