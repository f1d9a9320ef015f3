"""Public pages speak for the municipality: its name, logo and footer, never the framework's product name."""

import re

import pytest
from conftest import Client

MUNICIPALITY = "เทศบาลตำบลโนนสะอาด"
# product names of the framework's fork (setup/brand.py UPSTREAM_BRANDS)
UPSTREAM = re.compile(r"nexelya|erpnext|powered by|built on", re.I)
PUBLIC_PAGES = [
	"/",
	"/login",
	"/map",
	"/report/new",
	"/request-status",
	"/about",
	"/this-page-does-not-exist",
]


def readable(html: str) -> str:
	"""The page source a person can read: without scripts, styles and the framework's asset URLs."""
	html = re.sub(r"<script\b.*?</script>", "", html, flags=re.S | re.I)
	html = re.sub(r"<style\b.*?</style>", "", html, flags=re.S | re.I)
	return re.sub(r"/assets/(frappe|erpnext)/[^\"' )]*", "", html)


def visible_text(html: str) -> str:
	return re.sub(r"<[^>]+>", " ", re.sub(r"<!--.*?-->", "", readable(html), flags=re.S))


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_municipal_brand_only(guest, path):
	r = guest.get(path, headers={"Accept": "text/html"})
	assert r.status_code in (200, 404), (path, r.status_code)
	html = r.text
	assert MUNICIPALITY in html, path
	found = UPSTREAM.findall(readable(html))
	assert not found, f"{path}: upstream brand {found}"
	assert not re.search(r"\bfrappe\b", visible_text(html), re.I), path
	assert 'href="/assets/nonsaad_smart/images/nonsaad-favicon.svg"' in html or (
		"/assets/nonsaad_smart/images/nonsaad-favicon.svg" in html
	), f"{path}: favicon"


def test_footer_is_the_municipalitys(guest):
	html = guest.get("/map", headers={"Accept": "text/html"}).text
	footer = html[html.find('class="web-footer"') :]
	assert MUNICIPALITY in footer
	assert "footer-powered" in footer
	assert not UPSTREAM.search(readable(footer))


def fresh(user: str) -> Client:
	"""A session of its own: opening the desk gives a session a CSRF token, which would break the
	API tests that share the `login` fixture's sessions."""
	return Client().login(f"{user}@nonsaad.test")


def test_logged_in_pages_have_municipal_brand():
	citizen = fresh("citizen")
	for path in ["/me", "/my-requests"]:
		html = citizen.get(path, headers={"Accept": "text/html"}).text
		assert MUNICIPALITY in html, path
		assert not UPSTREAM.search(readable(html)), path


def test_desk_shell_has_municipal_title_logo_and_favicon():
	html = fresh("frontdesk").get("/app", headers={"Accept": "text/html"}).text
	assert f"<title>{MUNICIPALITY}</title>" in html
	assert "/assets/nonsaad_smart/images/nonsaad-favicon.svg" in html
	assert "/assets/nonsaad_smart/images/nonsaad-logo.svg" in html  # splash and boot's app logo
	assert not re.search(r"nexelya", readable(html), re.I)


def test_apps_screen_sends_staff_to_their_workspace():
	r = fresh("frontdesk").get("/apps", allow_redirects=False, headers={"Accept": "text/html"})
	assert r.status_code in (301, 302), r.status_code
	assert r.headers["Location"].rstrip("/").endswith("/app/smart-government")


def test_login_lands_on_the_municipal_workspace(guest):
	r = guest.post("/api/method/login", data={"usr": "frontdesk@nonsaad.test", "pwd": "Nonsaad@2569"})
	assert r.status_code == 200
	assert r.json()["home_page"].rstrip("/").endswith("/app/smart-government")
