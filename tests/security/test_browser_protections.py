"""CSRF for citizens, security headers, no public uploads by citizens (issue 9 item 14).

Frappe creates a session's CSRF token only in the desk (/app), which a citizen (Website User) never
opens: its session took any state-changing request without a token. The app gives a citizen's session
a token (website pages carry it as `frappe.csrf_token`) and refuses writes without it.
"""

import io
import json
import re
import uuid

import pytest
from conftest import WEB_FORM_ACCEPT, Client, report_values

HEADERS = {
	"X-Frame-Options": "SAMEORIGIN",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy": "strict-origin-when-cross-origin",
}


def address() -> str:
	n = uuid.uuid4().int
	return f"10.{n % 200 + 50}.{n // 200 % 250}.{n // 50000 % 250 + 1}"


def citizen_session() -> tuple[Client, str]:
	"""A citizen logged in as in a browser: the login form, then a page (which carries the token)."""
	client = Client().login("citizen@nonsaad.test")
	page = client.get("/my-requests").text
	token = re.search(r'frappe.csrf_token = "([^"]+)"', page)
	assert token and token.group(1) != "None", "a citizen's page must carry a CSRF token"
	return client, token.group(1)


def counts(admin) -> tuple[int, int]:
	def get(doctype):
		return admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype}).json()["message"]

	return get("Service Request"), get("File")


def report(client: Client, token: str | None):
	headers = {"X-Forwarded-For": address()}
	if token is not None:
		headers["X-Frappe-CSRF-Token"] = token
	return client.post(
		WEB_FORM_ACCEPT,
		data={"web_form": "report", "data": json.dumps(report_values(description="ขยะไม่ได้เก็บ"))},
		headers=headers,
	)


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_citizen_writes_without_the_csrf_token_are_refused(admin, token):
	client, _real = citizen_session()
	before = counts(admin)
	r = report(client, token)
	assert r.status_code == 400, r.text[:300]
	assert r.json()["exc_type"] == "CSRFTokenError"
	assert counts(admin) == before


def test_citizen_writes_with_the_token_go_through(admin):
	client, token = citizen_session()
	before = counts(admin)
	r = report(client, token)
	assert r.status_code == 200, r.text[:300]
	assert counts(admin)[0] == before[0] + 1


def png() -> bytes:
	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
	return buffer.getvalue()


def upload(client: Client, token: str, is_private: int):
	return client.post(
		"/api/method/upload_file",
		files={"file": ("note.png", png(), "image/png")},
		data={"is_private": str(is_private)},
		headers={"X-Frappe-CSRF-Token": token},
	)


def test_citizen_cannot_upload_public_files(admin):
	client, token = citizen_session()
	before = counts(admin)
	r = upload(client, token, 0)
	assert r.status_code in (400, 403, 417), r.text[:300]
	assert r.json()["exc_type"] == "PublicUploadNotAllowedError"
	assert counts(admin) == before
	r = upload(client, token, 1)
	assert r.status_code == 200, r.text[:300]
	assert r.json()["message"]["is_private"] == 1
	assert Client().get(r.json()["message"]["file_url"]).status_code in (403, 404)


def assert_headers(r, where: str):
	for header, value in HEADERS.items():
		assert r.headers.get(header) == value, (where, header, dict(r.headers))
	assert "frame-ancestors 'self'" in r.headers.get("Content-Security-Policy", ""), where


def test_security_headers_on_desk_website_api_and_files(admin):
	# a session of its own: opening the desk gives a session a CSRF token the shared one must not get
	assert_headers(Client().login("frontdesk@nonsaad.test").get("/app/service-request"), "desk page")
	assert_headers(Client().get("/request-status"), "website page")
	assert_headers(Client().get("/login"), "login page")
	assert_headers(Client().get("/api/method/ping"), "API")
	assert_headers(Client().get("/assets/frappe/images/frappe-framework-logo.svg"), "asset")
	r = admin.post(
		"/api/method/upload_file",
		files={"file": (f"public-{uuid.uuid4().hex[:6]}.png", png(), "image/png")},
		data={"is_private": "0"},
	)
	assert r.status_code == 200, r.text[:300]
	public = [{"file_url": r.json()["message"]["file_url"]}]
	r = Client().get(public[0]["file_url"])
	assert r.status_code == 200, public
	assert_headers(r, "public file")
	private = admin.get(
		"/api/resource/File",
		params={
			"filters": json.dumps([["is_private", "=", 1], ["is_folder", "=", 0]]),
			"fields": '["file_url"]',
			"limit_page_length": 1,
		},
	).json()["data"]
	assert private
	assert_headers(admin.get(private[0]["file_url"]), "private file")
	missing = Client().get(f"/files/no-such-file-{uuid.uuid4().hex[:6]}.png")
	assert missing.status_code == 404
	assert_headers(missing, "missing file")


def test_upload_of_a_staff_member_is_still_public_when_asked(admin):
	r = admin.post(
		"/api/method/upload_file",
		files={"file": (f"staff-{uuid.uuid4().hex[:6]}.png", png(), "image/png")},
		data={"is_private": "0"},
	)
	assert r.status_code == 200, r.text[:300]
	assert r.json()["message"]["is_private"] == 0
	assert r.json()["message"]["file_url"].startswith("/files/")
