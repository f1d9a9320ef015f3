"""Issue 20: a second municipality is a new site on the same bench, not a fork (docs/multi-site.md).

`bin/nonsaad new-municipality municipalities/yang-lo/settings.json` makes องค์การบริหารส่วนตำบลยางหล่อ's site
from the base dump (no code change, none of Non Sa-at's demo data); the test server's gunicorn serves it by
its Host header. A citizen's report inside Yang Lo's boundary gets a tracking number of Yang Lo's own
series; one inside Non Sa-at's boundary is refused with a Thai message; the test site (Non Sa-at) is the
same afterwards.
"""

import json
import os
import subprocess
import time

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
		env={**os.environ},
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

	# its own street-light pole codes and desk title (Smart Settings, from the settings file)
	assert site_execute(SECOND, "pole_code_prefix") == YANG_LO["pole_code_prefix"]
	assert site_execute(SECOND, "app_title") == YANG_LO["app_title"]
	assert json.loads(bench_execute("nonsaad_smart.smart_core.municipality.pole_code_prefix")) == "NSA"

	# the first site is untouched
	assert site_state() == second_site


def site_execute(site: str, function: str) -> str:
	"""A smart_core.municipality function's answer on a site (bench execute prints it as JSON)."""
	return json.loads(bench_execute(f"nonsaad_smart.smart_core.municipality.{function}", site=site))
