"""The Service Request desk form and list with the states from the server (frappe.boot, not a copy in JS):
the works officer opens an accepted report about a pole, uses "Create > Pole Repair" (offered only in the
states E-Smart Service calls "in hand"), saves the repair; the repair is stored against the request."""

import json

import pytest

from .conftest import desk_login
from .roles import pick_link

pytestmark = pytest.mark.browser


def test_works_officer_starts_a_repair_from_the_request(page, base_url, admin):
	desk_login(page, base_url, "works@nonsaad.test")
	page.goto(f"{base_url}/app/service-request")
	page.wait_for_function("(frappe.boot.nonsaad_service_request || {}).in_hand_states", timeout=30000)
	states = page.evaluate("frappe.boot.nonsaad_service_request")
	assert states["in_hand_states"] and set(states["in_hand_states"]) < set(states["open_states"])
	# the list's indicators use the server's colours for the states
	page.wait_for_selector(".list-row-container .indicator-pill", timeout=30000)

	filters = [
		["asset_doctype", "=", "Street Light Pole"],
		["workflow_state", "in", states["in_hand_states"]],
	]
	requests = admin.get(
		"/api/resource/Service Request",
		params={"filters": json.dumps(filters), "fields": '["name","asset_name"]', "limit_page_length": 50},
	).json()["data"]
	request = next(
		r
		for r in requests
		if not admin.get(
			"/api/resource/Pole Repair", params={"filters": json.dumps([["service_request", "=", r["name"]]])}
		).json()["data"]
	)
	page.goto(f"{base_url}/app/service-request/{request['name']}")
	# the button group and item carry the user's language (Thai): their labels as the desk translates them
	create, repair = page.evaluate(
		"[encodeURIComponent(__('Create')), encodeURIComponent(__('Pole Repair'))]"
	)
	group = f".inner-group-button[data-label='{create}']"
	page.wait_for_selector(f"{group} button", timeout=30000)
	page.click(f"{group} button")
	page.click(f"{group} .dropdown-item[data-label='{repair}']")
	page.wait_for_url("**/app/pole-repair/new**", timeout=30000)
	page.wait_for_function(
		f"cur_frm && cur_frm.doc.service_request === '{request['name']}' && cur_frm.doc.pole === '{request['asset_name']}'",
		timeout=30000,
	)
	# the demo technician exactly (test users such as sr.technician@… are offered too)
	pick_link(page, page, "technician", "technician@nonsaad", "technician@nonsaad.test")
	page.keyboard.press("Control+s")
	page.wait_for_function("cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty()", timeout=30000)

	repairs = admin.get(
		"/api/resource/Pole Repair",
		params={
			"filters": json.dumps([["service_request", "=", request["name"]]]),
			"fields": '["name","pole","technician","docstatus"]',
		},
	).json()["data"]
	try:
		assert [(r["pole"], r["technician"], r["docstatus"]) for r in repairs] == [
			(request["asset_name"], "technician@nonsaad.test", 0)
		]
		status = admin.get(f"/api/resource/Street Light Pole/{request['asset_name']}").json()["data"][
			"status"
		]
		assert status == "Under Repair"
	finally:
		for repair in repairs:
			admin.delete(f"/api/resource/Pole Repair/{repair['name']}")
