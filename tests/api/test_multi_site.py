"""Issue 20: a second municipality is a new site on the same bench, not a fork (docs/multi-site.md).

`bin/nonsaad new-municipality municipalities/yang-lo/settings.json` makes องค์การบริหารส่วนตำบลยางหล่อ's site
from the base dump (no code change, none of Non Sa-at's demo data); the test server's gunicorn serves it by
its Host header. A citizen's report inside Yang Lo's boundary gets a tracking number of Yang Lo's own
series; one inside Non Sa-at's boundary is refused with a Thai message; the test site (Non Sa-at) is the
same afterwards.
"""

import io
import json
import os
import re
import subprocess
import time

import pypdf
import pytest
import requests
from conftest import PORT, ROOT, WEB_FORM_ACCEPT, bench_execute, error_of

SETTINGS = ROOT / "municipalities" / "yang-lo" / "settings.json"
YANG_LO = json.loads(SETTINGS.read_text(encoding="utf-8"))
SECOND = YANG_LO["site"]
INSIDE_YANG_LO = (YANG_LO["map_center_lat"], YANG_LO["map_center_lng"])
INSIDE_NON_SA_AT = (16.97, 102.29)


def site_state() -> dict:
	"""What a second site must not change on the first: its municipality, its requests, its villages."""
	return json.loads(bench_execute("nonsaad_smart.smart_core.municipality.site_fingerprint"))


class SecondSite(requests.Session):
	def request(self, method, url, *args, **kwargs):
		kwargs.setdefault("timeout", 60)
		headers = {"Host": SECOND, "Accept": "application/json", **(kwargs.pop("headers", None) or {})}
		return super().request(method, f"http://127.0.0.1:{PORT}{url}", *args, headers=headers, **kwargs)


@pytest.fixture(scope="module")
def second_site():
	before = site_state()
	started = time.monotonic()
	out = subprocess.run(
		[str(ROOT / "bin" / "nonsaad"), "new-municipality", str(SETTINGS)],
		capture_output=True,
		text=True,
		# a PDF's stylesheet is fetched by wkhtmltopdf from the site's host_name: this machine has no DNS
		# name for yanglo.localhost, so the site's address is the test server's
		env={**os.environ, "NONSAAD_MUNICIPALITY_HOST_NAME": f"http://127.0.0.1:{PORT}"},
	)
	assert out.returncode == 0, out.stderr[-3000:]
	print(f"\nnew-municipality {SECOND}: {time.monotonic() - started:.1f} s")
	yield before
	subprocess.run([str(ROOT / "bin" / "nonsaad"), "drop-municipality", SECOND], capture_output=True)


def report(lat: float, lng: float) -> dict:
	return {
		"service_type": "WASTE",
		"description": "ขยะไม่ได้รับการจัดเก็บ หน้าบ้านเลขที่ 12",
		"latitude": lat,
		"longitude": lng,
		"requester_name": "นางสาวทดสอบ ยางหล่อ",
		"requester_phone": "0812345678",
	}


def post(client: requests.Session, data: dict, ip: str):
	return client.post(
		WEB_FORM_ACCEPT,
		data={"web_form": "report", "data": json.dumps(data)},
		headers={"X-Forwarded-For": ip},
	)


def test_second_municipality_is_its_own_site(second_site):
	client = SecondSite()
	settings = client.get("/api/method/nonsaad_smart.smart_core.gis.map_settings")
	assert settings.status_code == 200, settings.text
	assert settings.json()["message"]["name"] == "องค์การบริหารส่วนตำบลยางหล่อ", settings.text

	# inside its own boundary: accepted, numbered in Yang Lo's own series
	r = post(client, report(*INSIDE_YANG_LO), "10.39.4.10")
	assert r.status_code == 200, r.text
	number = r.json()["message"]["name"]
	assert number.startswith(f"{YANG_LO['tracking_prefix']}-") and number.endswith("-00001"), number

	# inside Non Sa-at: refused, in Thai, naming Yang Lo
	r = post(client, report(*INSIDE_NON_SA_AT), "10.39.4.11")
	assert r.status_code in (400, 417), r.text
	exc, message = error_of(r)
	assert exc == "OutsideMunicipalityError", r.text
	assert "อยู่นอกเขตองค์การบริหารส่วนตำบลยางหล่อ" in message, message

	# the page a citizen sees is Yang Lo's, not Non Sa-at's
	page = client.get("/map", headers={"Accept": "text/html"})
	assert page.status_code == 200
	assert "องค์การบริหารส่วนตำบลยางหล่อ" in page.text and "โนนสะอาด" not in page.text

	# none of Non Sa-at's demo data, Yang Lo's villages
	fingerprint = json.loads(
		subprocess.run(
			[
				str(ROOT / "env/bin/python"),
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"--site",
				SECOND,
				"execute",
				"nonsaad_smart.smart_core.municipality.site_fingerprint",
			],
			cwd=ROOT / "sites",
			capture_output=True,
			text=True,
			check=True,
		).stdout.strip()
	)
	assert fingerprint["villages"] == len(YANG_LO["villages"]), fingerprint
	assert fingerprint["citizens"] == 0 and fingerprint["requests"] == 1, fingerprint
	assert fingerprint["company"] == "องค์การบริหารส่วนตำบลยางหล่อ", fingerprint
	assert fingerprint["letter_head"] == YANG_LO["municipality_name_en"], fingerprint  # its own, the default

	# its own street-light pole codes and desk title (Smart Settings, from the settings file)
	assert site_execute(SECOND, "pole_code_prefix") == YANG_LO["pole_code_prefix"]
	assert site_execute(SECOND, "app_title") == YANG_LO["app_title"]
	assert json.loads(bench_execute("nonsaad_smart.smart_core.municipality.pole_code_prefix")) == "NSA"

	# the first site is untouched
	assert site_state() == second_site


# what must never show on another municipality's pages (Non Sa-at's names, its pole codes)
NON_SA_AT = ("โนนสะอาด", "Non Sa-at", "NSA-")


def non_sa_at_in(text: str) -> list[str]:
	return [word for word in NON_SA_AT if word in text]


def admin_session() -> SecondSite:
	client = SecondSite()
	r = client.post(
		"/api/method/login",
		data={"usr": "Administrator", "pwd": os.environ.get("NONSAAD_ADMIN_PASSWORD", "admin")},
	)
	assert r.status_code == 200, r.text
	return client


def test_second_site_prints_and_pages_are_its_own(second_site):
	"""Its favicon and logo (Smart Settings `logo`, from the settings file), its letter head on a printed
	PDF (wkhtmltopdf), and no Non Sa-at string on its print and web form pages."""
	logo = site_execute(SECOND, "logo")
	assert logo.startswith("/files/") and logo.endswith("logo.png"), logo
	client = SecondSite()
	served = client.get(logo)  # also on a site restored from its cached dump (no files in a dump)
	assert served.status_code == 200 and served.headers["Content-Type"] == "image/png", served.status_code
	for path in ("/map", "/report", "/login"):
		page = client.get(path, headers={"Accept": "text/html"})
		assert page.status_code == 200, (path, page.status_code)
		favicon = re.search(r'<link\s+rel="shortcut icon"\s+href="([^"]+)"', page.text)
		assert favicon and favicon.group(1).endswith(logo), (path, favicon and favicon.group(1))
		assert not non_sa_at_in(page.text), (path, non_sa_at_in(page.text))
	assert YANG_LO["municipality_name_th"] in client.get("/report", headers={"Accept": "text/html"}).text

	admin = admin_session()
	r = admin.get("/api/resource/Service Request", params={"fields": '["name"]', "limit_page_length": 1})
	assert r.status_code == 200, r.text
	requests_ = r.json()["data"]
	if not requests_:  # this test alone: the site's first report
		r = post(client, report(*INSIDE_YANG_LO), "10.39.4.12")
		assert r.status_code == 200, r.text
		requests_ = [r.json()["message"]]
	args = {"doctype": "Service Request", "name": requests_[0]["name"], "format": "Service Request Receipt"}
	html = admin.get("/printview", params=args, headers={"Accept": "text/html"})
	assert html.status_code == 200, html.text[:300]
	assert YANG_LO["municipality_name_th"] in html.text and YANG_LO["municipality_name_en"] in html.text
	assert "data:image/png;base64," in html.text  # the letter head's logo: the settings file's PNG
	assert not non_sa_at_in(html.text), non_sa_at_in(html.text)

	pdf = admin.get("/api/method/frappe.utils.print_format.download_pdf", params=args)
	assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF", pdf.text[:300]
	reader = pypdf.PdfReader(io.BytesIO(pdf.content))
	first = reader.pages[0]
	text = first.extract_text()
	assert YANG_LO["municipality_name_en"] in " ".join(text.split()), text[:500]
	assert not non_sa_at_in(text), non_sa_at_in(text)
	images = [image.image for image in first.images]
	assert images and any(image.size[0] >= 32 for image in images), images  # the logo is drawn


@pytest.mark.browser
def test_second_site_desk_home_is_its_own(second_site, page):
	"""Its desk home (Chromium, Administrator): its app title, its logo and favicon, no Non Sa-at string."""
	logo = site_execute(SECOND, "logo")
	base = f"http://{SECOND}:{PORT}"
	page.goto(f"{base}/login", wait_until="domcontentloaded")
	page.fill("#login_email", "Administrator")
	page.fill("#login_password", os.environ.get("NONSAAD_ADMIN_PASSWORD", "admin"))
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=60000, wait_until="commit")
	page.goto(f"{base}/app/smart-government", wait_until="domcontentloaded")
	page.wait_for_function(
		"window.frappe && frappe.boot && document.querySelector('.desk-sidebar .sidebar-item-label')",
		timeout=60000,
	)
	page.wait_for_timeout(1500)  # the workspace's blocks
	body = page.evaluate("document.body.innerText")
	assert YANG_LO["app_title"] in body, body[:500]
	assert not non_sa_at_in(body), non_sa_at_in(body)
	assert page.title() and not non_sa_at_in(page.title()), page.title()
	favicon = page.locator("link[rel='shortcut icon']").first.get_attribute("href")
	assert favicon.endswith(logo), favicon
	navbar_logo = page.locator(".navbar-brand img, .navbar-home img").first.get_attribute("src")
	assert navbar_logo.endswith(logo), navbar_logo


def site_execute(site: str, function: str) -> str:
	"""A smart_core.municipality function's answer on a site (bench execute prints it as JSON)."""
	return json.loads(bench_execute(f"nonsaad_smart.smart_core.municipality.{function}", site=site))
