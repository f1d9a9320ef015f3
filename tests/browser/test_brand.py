"""The municipality's brand in the desk, and each municipal role's sidebar shows only its services.

Frappe shows every workspace whose module has one readable DocType; ERPNext's Selling, Buying, Quality,
Support… and the upstream product's settings cluttered every officer's sidebar. Module Profiles per role
group (setup/module_profiles.py) leave each role its services' workspaces.
"""

import json
import re
from pathlib import Path

import pytest

from .conftest import desk_login

pytestmark = pytest.mark.browser

UPSTREAM = re.compile(r"nexelya|erpnext|frappe|powered by|built on", re.I)
MUNICIPALITY = "เทศบาลตำบลโนนสะอาด"
# every workspace of the app (each module's workspace/ folder): a module that lands later is allowed too
APP_WORKSPACES = sorted(
	json.loads(path.read_text())["title"]  # the sidebar shows titles
	for path in (Path(__file__).resolve().parents[2] / "apps/nonsaad_smart/nonsaad_smart").glob(
		"*/workspace/*/*.json"
	)
)
NOT_FOR_MUNICIPAL_ROLES = [
	"Home",
	"Selling",
	"Buying",
	"Stock",
	"Quality",
	"Support",
	"Manufacturing",
	"CRM",
	"Projects",
	"Accounting",
	"Website",
	"Tools",
	"Integrations",
	"ERPNext Integrations",
	"ERPNext Settings",
	"Users",
	"Build",
]
# role's demo user -> workspaces their sidebar must show (besides only app workspaces)
ROLE_WORKSPACES = {
	"frontdesk": ["Smart Government", "E-Smart Service"],
	"works": ["Smart Government", "Smart I Pole"],
	"supplies": ["Assets"],
	"technician": [],
	"committee1": [],
	"mayor": ["Smart Government"],
	"auditor": ["Smart Government"],
}
EXTRA_ALLOWED = {"supplies": ["Assets"]}


def sidebar_labels(page) -> list[str]:
	page.wait_for_selector(".desk-sidebar .sidebar-item-label, .layout-side-section", timeout=30000)
	page.wait_for_function("window.cur_page && document.querySelector('.desk-sidebar')", timeout=30000)
	page.wait_for_timeout(500)
	return [t.strip() for t in page.locator(".desk-sidebar .sidebar-item-label").all_inner_texts()]


def translated(page, names: list[str]) -> list[str]:
	return page.evaluate("(names) => names.map((n) => __(n))", names)


@pytest.mark.parametrize("user", sorted(ROLE_WORKSPACES))
def test_sidebar_shows_only_the_roles_services(page, base_url, user):
	desk_login(page, base_url, f"{user}@nonsaad.test")
	page.goto(f"{base_url}/app")
	page.wait_for_url(re.compile(r".*/app/.+"), timeout=30000)
	labels = sidebar_labels(page)
	# a role with no workspace of its own yet gets the framework's welcome page (no upstream product)
	allowed = set(translated(page, [*APP_WORKSPACES, *EXTRA_ALLOWED.get(user, []), "Welcome Workspace"]))
	foreign = set(translated(page, NOT_FOR_MUNICIPAL_ROLES)) - allowed
	assert not (set(labels) & foreign), f"{user} sees {sorted(set(labels) & foreign)}"
	assert set(labels) <= allowed, f"{user} sees {sorted(set(labels) - allowed)}"
	for workspace in translated(page, ROLE_WORKSPACES[user]):
		assert workspace in labels, f"{user} misses {workspace}: {labels}"
	body = page.evaluate("document.body.innerText")
	assert not UPSTREAM.search(body), f"{user}: {UPSTREAM.findall(body)}"


def test_desk_logo_about_and_title_are_the_municipalitys(page, base_url):
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	page.goto(f"{base_url}/app/service-request")
	page.wait_for_selector(".navbar-brand img, .navbar-home img", timeout=30000)
	logo = page.locator(".navbar-brand img, .navbar-home img").first.get_attribute("src")
	assert logo.endswith("/assets/nonsaad_smart/images/nonsaad-logo.svg"), logo
	page.evaluate("frappe.ui.toolbar.show_about ? frappe.ui.toolbar.show_about() : frappe.ui.misc.about()")
	dialog = page.locator(".modal.show .modal-content")
	dialog.wait_for(timeout=10000)
	text = dialog.inner_text()
	assert MUNICIPALITY in text
	assert not UPSTREAM.search(text), text
	favicon = page.locator("link[rel='shortcut icon']").first.get_attribute("href")
	assert "nonsaad" in favicon, favicon


def test_login_page_and_me_show_the_municipality(page, base_url):
	page.goto(f"{base_url}/login")
	page.wait_for_selector("#login_email", timeout=30000)
	text = page.evaluate("document.body.innerText")
	assert MUNICIPALITY in text
	assert not UPSTREAM.search(text), UPSTREAM.findall(text)
	logo = page.locator(".page-card-head img, .login-content img").first.get_attribute("src")
	assert "nonsaad" in logo, logo
	assert MUNICIPALITY in page.title() or "Login" in page.title() or "เข้าสู่ระบบ" in page.title()
	page.fill("#login_email", "citizen@nonsaad.test")
	page.fill("#login_password", "Nonsaad@2569")
	page.click(".btn-login")
	page.wait_for_url(re.compile(r".*/(me|my-requests).*"), timeout=60000, wait_until="domcontentloaded")
	page.goto(f"{base_url}/me")
	footer = page.locator("footer, .web-footer").first.inner_text()
	assert MUNICIPALITY in footer
	assert not UPSTREAM.search(page.evaluate("document.body.innerText"))
