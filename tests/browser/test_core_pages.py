"""Smart Core in a real browser: desk login + workspace, Citizen form with a masked ID, the public map."""

import pytest

from .conftest import desk_login

pytestmark = pytest.mark.browser


def test_public_map_shows_boundary_and_villages(page, base_url):
	page.goto(f"{base_url}/map")
	page.wait_for_selector("#smart-map[data-loaded='1']", timeout=30000)
	assert page.locator(".nonsaad-layer-villages").count() >= 12  # a badge per village
	assert page.locator(".leaflet-overlay-pane path").count() >= 13  # boundary + street lights


def test_desk_workspace_and_citizen_list(page, base_url):
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	page.goto(f"{base_url}/app/smart-government")
	page.wait_for_selector("text=Non Sa-at Smart", timeout=30000)
	page.goto(f"{base_url}/app/citizen")
	page.wait_for_function("document.querySelectorAll('.list-row-container').length >= 10", timeout=30000)
	assert page.locator(".list-row-container").count() >= 10


def test_auditor_sees_masked_id_in_form(page, base_url):
	desk_login(page, base_url, "auditor@nonsaad.test")
	page.goto(f"{base_url}/app/citizen")
	page.wait_for_selector(".list-row-container a.ellipsis", timeout=30000)
	page.locator(".list-row-container a.ellipsis").first.click()
	page.wait_for_selector("[data-fieldname='national_id_masked']", timeout=30000)
	masked = page.locator(
		"[data-fieldname='national_id_masked'] .control-value, [data-fieldname='national_id_masked'] input"
	).first
	assert "x-xxxx-xxxxx" in (masked.text_content() or masked.input_value())
	assert page.locator("[data-fieldname='national_id'] input").count() == 0


def test_js_be_date_formatter_matches_python(page, base_url):
	"""thai_date.js (desk, web forms) gives the same BE readings as smart_core/thai_date.py."""
	page.goto(f"{base_url}/map")
	page.wait_for_function("typeof (window.nonsaad || {}).be_date === 'function'")
	cases = {
		"2026-11-26": ("short", "26/11/2569"),
		"2024-02-29": ("long", "29 กุมภาพันธ์ 2567"),
		"2026-12-31 14:30:00": ("medium", "31 ธ.ค. 2569 14:30"),
	}
	for value, (style, expected) in cases.items():
		assert page.evaluate("([v, s]) => nonsaad.be_date(v, s)", [value, style]) == expected
	assert page.evaluate("nonsaad.fiscal_year('2026-09-30')") == 2569
	assert page.evaluate("nonsaad.fiscal_year('2026-10-01')") == 2570
	assert page.evaluate("nonsaad.be_date('')") == ""
