"""The mayor's home page in a real browser: every service's figure shows (no error, no endless
loading), the figures are those of the database, and a card opens what it counts."""

import json

import pytest

from .conftest import desk_login

pytestmark = pytest.mark.browser

CARDS = {
	"Municipal Assets": "ครุภัณฑ์ของเทศบาล",
	"Asset Book Value": "มูลค่าครุภัณฑ์สุทธิตามบัญชี",
	"Stock Check Progress": "ความคืบหน้าการตรวจสอบพัสดุประจำปี",
	"SLA Compliance": "เรื่องที่เสร็จทันกำหนด (ปีงบประมาณนี้)",
	"Faulty Street Lights": "ไฟฟ้าส่องสว่างชำรุด",
}


def card_text(page, title: str) -> str:
	box = page.locator(".number-widget-box", has_text=title)
	box.locator(".number").wait_for(timeout=30000)
	return box.locator(".number").inner_text().strip()


def test_mayor_sees_every_service_and_opens_the_stock_check(page, base_url, login):
	mayor = login("mayor")
	errors = []
	page.on("pageerror", lambda e: errors.append(str(e)))
	desk_login(page, base_url, "mayor@nonsaad.test")
	page.goto(f"{base_url}/app/smart-government")
	for title in CARDS.values():
		assert card_text(page, title), title

	progress = mayor.get("/api/method/nonsaad_smart.smart_karupan.dashboard.stock_check_progress").json()
	sla = mayor.get("/api/method/nonsaad_smart.e_smart_service.dashboard.sla_compliance").json()
	assert card_text(page, CARDS["Stock Check Progress"]) == f"{progress['message']['value']:g}%"
	assert card_text(page, CARDS["SLA Compliance"]) == f"{sla['message']['value']:g}%"
	card = mayor.get("/api/resource/Number Card/Municipal Assets").json()["data"]
	count = mayor.post(
		"/api/method/frappe.desk.doctype.number_card.number_card.get_result",
		data={"doc": json.dumps(card), "filters": card["filters_json"]},
	).json()["message"]
	assert card_text(page, CARDS["Municipal Assets"]) == f"{int(count):,}"
	assert card_text(page, CARDS["Asset Book Value"]).startswith("฿")

	# requests per village: one bar per village of the municipality
	chart = page.locator(".widget.dashboard-widget-box", has_text="รายหมู่บ้าน")
	chart.locator("svg .dataset-units rect").first.wait_for(timeout=30000)
	assert chart.locator("svg .dataset-units rect").count() >= 12
	# the map card: a mini map of the layers the mayor may see (in the workspace's custom block), and
	# the shortcut to the full map
	page.locator(".nonsaad-mini-map[data-loaded='1']").wait_for(timeout=30000)
	legend = page.locator(".nonsaad-mini-map .nonsaad-legend").inner_text()
	assert "ไฟฟ้าส่องสว่าง" in legend and "เรื่องที่ยังไม่ปิด" in legend, legend
	assert page.locator(".nonsaad-mini-map .nonsaad-layer-street_lights").count() > 100
	assert page.locator(".shortcut-widget-box", has_text="แผนที่อัจฉริยะ").count() == 1
	assert page.locator(".modal.show .msgprint").count() == 0
	assert not errors, errors

	page.locator(".number-widget-box", has_text=CARDS["Stock Check Progress"]).locator(".number").click()
	page.wait_for_url(f"**/app/asset-stock-check/{progress['message']['route'][2]}", timeout=30000)
	page.wait_for_function("window.cur_frm && cur_frm.doctype === 'Asset Stock Check'", timeout=30000)
