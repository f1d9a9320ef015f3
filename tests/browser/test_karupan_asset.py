"""Karupan on the Asset form as the Supplies Officer (issue 10 item 14): the custodian reads as a name,
ERPNext's Asset labels are Thai, and the form prints the QR label of this one asset."""

import pytest

from .conftest import desk_login
from .roles import admin_client, get_list, no_error_dialog

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin():
	return admin_client()


def test_supplies_officer_prints_one_qr_label_from_asset_form(page, base_url, admin):
	asset = get_list(
		admin,
		"Asset",
		{"custodian": ["is", "set"], "municipal_asset_code": ["is", "set"], "docstatus": 1},
		("name", "custodian", "custodian_name", "municipal_asset_code", "qr_payload"),
	)[0]
	desk_login(page, base_url, "supplies@nonsaad.test")
	page.goto(f"{base_url}/app/asset/{asset['name']}")
	page.wait_for_function(
		"(n) => window.cur_frm && cur_frm.doc.name === n", arg=asset["name"], timeout=30000
	)
	page.wait_for_timeout(1500)
	no_error_dialog(page)
	# the custodian by name, not the employee number
	custodian = page.locator(
		"[data-fieldname='custodian'] .control-value, [data-fieldname='custodian'] a"
	).first
	text = custodian.inner_text()
	assert asset["custodian_name"] in text and asset["custodian"] not in text, text
	# ERPNext's Asset fields in Thai
	for fieldname in ("gross_purchase_amount", "purchase_date", "custodian"):
		label = page.locator(
			f"[data-fieldname='{fieldname}'] .control-label, [data-fieldname='{fieldname}'] label"
		).first
		assert not label.inner_text().isascii(), label.inner_text()
	# the QR label of this asset, with the mouse
	with page.context.expect_page() as popup:
		page.locator(
			".page-actions button:visible, .form-inner-toolbar button:visible",
			has_text=page.evaluate("() => __('QR Label')"),
		).first.click()
	label_page = popup.value
	label_page.wait_for_load_state()
	frame = label_page
	frame.wait_for_selector(".kp-label img", timeout=30000)
	assert asset["municipal_asset_code"] in frame.locator(".kp-label").inner_text()
	assert asset["custodian_name"] in frame.locator(".kp-label").inner_text()
	# the print is in the trail (Access Log of the print view)
	logs = get_list(
		admin,
		"Access Log",
		{"export_from": "Asset", "reference_document": asset["name"], "user": "supplies@nonsaad.test"},
		("name",),
	)
	assert logs
