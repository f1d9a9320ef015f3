"""Playwright on Debian's chromium (no browser download): the phone context and the desk login."""

import pytest

# `browser` and `page` live in tests/conftest.py: one browser for the whole run (tests/security uses it
# too, and Playwright's sync API cannot run two at once)


@pytest.fixture
def phone(browser):
	context = browser.new_context(
		locale="th-TH",
		viewport={"width": 390, "height": 844},
		is_mobile=True,
		has_touch=True,
		geolocation={"latitude": 16.97, "longitude": 102.29},
		permissions=["geolocation"],
	)
	page = context.new_page()
	yield page
	context.close()


def desk_login(page, base_url: str, user: str, password: str = "Nonsaad@2569"):
	page.goto(f"{base_url}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=30000)
