"""Disposal on the demo (issue 10 item 6): last year's stock check is reported and acknowledged with
every line checked, a disposal request from it awaits the Executive, this year's check is in progress;
the mayor approves and the Supplies Officer completes the disposal, by mouse, and the books follow."""

import pytest

from .conftest import desk_login
from .roles import admin_client, get_doc, get_list, no_error_dialog, open_form, workflow_action

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin():
	return admin_client()


def test_demo_ships_the_whole_chain(admin):
	checks = {
		c["fiscal_year"]: c
		for c in get_list(
			admin, "Asset Stock Check", {}, ("name", "fiscal_year", "workflow_state", "docstatus")
		)
	}
	last, this = checks[2568], checks[2569]
	assert last["workflow_state"] == "Acknowledged" and last["docstatus"] == 1
	assert this["workflow_state"] == "Checking"
	assert not get_list(
		admin, "Asset Stock Check Line", {"stock_check": last["name"], "result": ["is", "not set"]}
	)
	assert get_list(
		admin, "Asset Stock Check Line", {"stock_check": this["name"], "result": ["is", "not set"]}
	)
	requests = get_list(
		admin, "Asset Disposal Request", {"stock_check": last["name"]}, ("name", "workflow_state")
	)
	assert any(r["workflow_state"] in ("Pending Approval", "Approved", "Completed") for r in requests)


def test_mayor_approves_and_supplies_officer_completes_disposal(browser, base_url, admin):
	pending = get_list(
		admin, "Asset Disposal Request", {"workflow_state": "Pending Approval"}, ("name", "stock_check")
	)
	assert pending, "the demo has no disposal request awaiting the Executive"
	name = pending[0]["name"]
	assets = [row["asset"] for row in get_doc(admin, "Asset Disposal Request", name)["items"]]
	assert assets
	for user, action, state in (
		("mayor@nonsaad.test", "Approve", "Approved"),
		("supplies@nonsaad.test", "Complete", "Completed"),
	):
		context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
		page = context.new_page()
		try:
			desk_login(page, base_url, user)
			open_form(page, base_url, "asset-disposal-request", name)
			workflow_action(page, action)
			# submitting asks for a confirmation in some states: answer it with the mouse
			for _ in range(60):
				doc = get_doc(admin, "Asset Disposal Request", name)
				if doc["workflow_state"] == state:
					break
				confirm = page.locator(".modal.show .btn-primary:visible")
				if confirm.count():
					confirm.first.click()
				page.wait_for_timeout(500)
			assert doc["workflow_state"] == state, doc["workflow_state"]
			page.wait_for_timeout(1000)
			no_error_dialog(page, strict=False)  # ERPNext tells which journal entry scrapped each asset
		finally:
			context.close()
	doc = get_doc(admin, "Asset Disposal Request", name)
	assert doc["approved_by"] == "mayor@nonsaad.test" and doc["completed_on"]
	for asset in assets:
		row = get_doc(admin, "Asset", asset)
		assert row["status"] == "Scrapped" and row["journal_entry_for_scrap"]
		assert row["disposal_request"] == name
