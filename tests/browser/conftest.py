"""Playwright on Debian's chromium (no browser download): one browser per test session."""

import pytest

CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture
def page(browser):
	context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
	page = context.new_page()
	yield page
	context.close()


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
