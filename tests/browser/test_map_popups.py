"""The one map as its users use it: a citizen on /map reads the legend, clicks a pole, reads its popup in
Thai and reports it from there (the report form opens on that pole, the request is about it); a staff
member on the desk map opens the pole's form from its popup."""

import re

import pytest

from .conftest import desk_login
from .test_pole_qr import quiet_pole

pytestmark = pytest.mark.browser

RAW = ("status", "lamp_type", "village", "Working", "true", "false", "None")


def click_pole(page, code: str, pole: dict):
	"""Zoom the map on the pole (as a user would) and click its marker with the mouse."""
	page.evaluate(
		"([lat, lng]) => document.querySelector('.nonsaad-map').smart_map.map.setView([lat, lng], 19)",
		[pole["latitude"], pole["longitude"]],
	)
	page.wait_for_timeout(800)
	page.evaluate(
		"""(code) => document.querySelector('.nonsaad-map').smart_map
			.feature_layer('street_lights', code).getElement().classList.add('test-target')""",
		code,
	)
	page.locator("path.test-target").click()
	page.wait_for_selector(".leaflet-popup-content .nonsaad-popup", timeout=10000)
	return page.locator(".leaflet-popup-content")


def test_guest_reports_a_pole_from_the_public_map(page, base_url, admin):
	code = quiet_pole(admin)
	pole = admin.get(f"/api/resource/Street Light Pole/{code}").json()["data"]
	page.goto(f"{base_url}/map")
	page.wait_for_selector("#smart-map[data-loaded='1']", timeout=30000)

	legend = page.inner_text(".nonsaad-legend")
	for words in ("หมู่บ้าน", "ไฟฟ้าส่องสว่าง", "ใช้งานได้ปกติ", "ชำรุด", "อยู่ระหว่างซ่อม"):
		assert words in legend, legend
	# villages are badges with their number, not the poles' circles
	assert page.locator(".nonsaad-marker-badge.nonsaad-layer-villages").count() >= 12
	assert page.locator("path.nonsaad-layer-villages").count() == 0

	popup = click_pole(page, code, pole)
	text = popup.inner_text()
	# the title, made by the map from the layer's template and the status translated (features carry data only)
	assert popup.locator(".nonsaad-popup > b").inner_text() == f"{code} – ใช้งานได้ปกติ"
	for words in ("สถานะ", "ใช้งานได้ปกติ", "ชนิดหลอดไฟ", "หมู่บ้าน"):
		assert words in text, text
	for raw in RAW:
		assert not re.search(rf"\b{raw}\b", text), (raw, text)
	assert popup.locator("a.nonsaad-open-desk").count() == 0  # a guest gets no desk link
	assert popup.locator(f"a[href='/pole/{code}']").count() == 1  # links are links

	popup.locator("a", has_text="แจ้งปัญหา").click()
	page.wait_for_url(re.compile(r".*/report/new\?asset_doctype=Street%20Light%20Pole&asset_name=.*"))
	page.wait_for_function(
		f"window.frappe && frappe.web_form && frappe.web_form.get_value('asset_name') === '{code}'",
		timeout=30000,
	)
	# the form's map opens on the pole, close up, with the pole drawn as picked
	page.wait_for_selector("path.nonsaad-picked-asset", timeout=30000)
	centre = page.evaluate(
		"(() => { const c = frappe.web_form.nonsaad_map.getCenter(); return [c.lat, c.lng]; })()"
	)
	assert abs(centre[0] - pole["latitude"]) < 1e-5 and abs(centre[1] - pole["longitude"]) < 1e-5, centre
	assert page.evaluate("frappe.web_form.nonsaad_map.getZoom()") >= 17
	assert page.evaluate("frappe.web_form.get_value('service_type')") == "LIGHT"

	page.fill("textarea[data-fieldname='description']", "ไฟดับ แจ้งจากแผนที่ของเทศบาล")
	page.fill("input[data-fieldname='requester_name']", "นางแผนที่ สาธารณะ")
	page.fill("input[data-fieldname='requester_phone']", "0867778899")
	page.click(".submit-btn")
	page.wait_for_selector("#tracking-number", timeout=30000)
	tracking = page.inner_text("#tracking-number").strip()
	assert re.fullmatch(r"SR-25\d\d-\d{5}", tracking), tracking
	stored = admin.get(f"/api/resource/Service Request/{tracking}").json()["data"]
	assert (stored["asset_doctype"], stored["asset_name"]) == ("Street Light Pole", code)
	assert stored["service_type"] == "LIGHT"
	assert abs(stored["latitude"] - pole["latitude"]) < 1e-6
	assert abs(stored["longitude"] - pole["longitude"]) < 1e-6


def test_staff_opens_the_pole_form_from_the_desk_map(page, base_url, admin):
	pole = admin.get(
		"/api/resource/Street Light Pole",
		params={"filters": '[["status","=","Faulty"]]', "fields": '["name","latitude","longitude"]'},
	).json()["data"][0]
	code = pole["name"]
	desk_login(page, base_url, "works@nonsaad.test")
	page.goto(f"{base_url}/app/smart-map")
	page.wait_for_selector(".nonsaad-map[data-loaded='1']", timeout=30000)
	assert "เรื่องที่ยังไม่ปิด" in page.inner_text(".nonsaad-legend")  # staff also see open requests
	popup = click_pole(page, code, pole)
	assert "ชำรุด" in popup.inner_text()
	assert popup.locator(".nonsaad-popup > b").inner_text() == f"{code} – ชำรุด"
	assert popup.locator("a", has_text="แจ้งปัญหา").count() == 0  # the report link is the public's
	popup.locator("a.nonsaad-open-desk", has_text="เปิดในระบบงาน").click()
	page.wait_for_url(f"**/app/street-light-pole/{code}", timeout=30000)
	page.wait_for_function(f"window.cur_frm && cur_frm.doc.name === '{code}'", timeout=30000)
	assert page.evaluate("cur_frm.doctype") == "Street Light Pole"
