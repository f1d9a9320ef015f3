"""Smart Care in Chromium (issue 14), the mouse for every click and the database (REST as Administrator) for
every check:

- a citizen logs in on the website and reads /my-allowance: their own registrations and payments (BE
  dates, baht), nothing of anybody else, also when another person's record names are put in the URL or
  asked of the REST API from the same browser session;
- the Social Welfare Officer opens a payment run in the desk, clicks "Start Payment Run" (twice, fast),
  watches the live progress (frappe.publish_progress over socket.io from the RQ worker of the test server)
  and the form turning Completed by itself; the database then holds one line per paid registration with
  its amount, and starting the same month and kind again gives the same run, no second one;
- the Care Person form shows the home point on a map (shared public/js/geodata_form.js) for a role that may
  read the home location, and no map for one that may not; the Culvert and Drain forms keep their map and
  buttons (the same helper).
"""

import json
import re
import subprocess

import pytest
from conftest import DEMO_PASSWORD, ROOT, SITE, demo_citizen

from .roles import admin_client, get_doc, get_list, no_error_dialog

pytestmark = pytest.mark.browser

RUN_API = "/api/method/nonsaad_smart.smart_care.payment_run."
PAID_STATES = ("Active",)  # smart_care.workflows.PAID_STATES
BE = 543


def website_login(page, base_url, user, password=DEMO_PASSWORD):
	page.goto(f"{base_url}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url(lambda url: "/login" not in url, timeout=30000)


def desk_login(page, base_url, user, password=DEMO_PASSWORD):
	"""Log in to the desk; ready once the desk has booted (the workspace's map tiles, from the internet,
	may hold the page's load event back on a machine without it)."""
	page.goto(f"{base_url}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=60000, wait_until="domcontentloaded")
	page.wait_for_function("() => window.frappe && frappe.boot && frappe.boot.user", timeout=60000)


def set_site_config(key: str, value) -> None:
	cmd = [str(ROOT / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE]
	if value is None:
		cmd += ["execute", "frappe.installer.update_site_config", "--args", repr([key, "None"])]
	else:
		cmd += ["set-config", "--parse", key, json.dumps(value)]
	subprocess.run(cmd, cwd=ROOT / "sites", capture_output=True, text=True, check=True, timeout=120)


# --- the citizen's own page --------------------------------------------------------------------------
def test_citizen_reads_own_allowance_and_nothing_else(page, base_url):
	admin = admin_client()
	citizen = demo_citizen(admin)
	mine = get_list(admin, "Care Person", {"citizen": citizen}, ("name", "full_name"))
	assert mine, "the demo citizen is a care person"
	person = mine[0]
	registrations = get_list(
		admin,
		"Allowance Registration",
		{"care_person": person["name"], "docstatus": ["<", 2]},
		("name", "fiscal_year", "workflow_state", "monthly_amount", "application_date"),
	)
	assert registrations, "the demo citizen has registrations"
	runs = {r["name"] for r in get_list(admin, "Allowance Payment Run", {"status": "Completed"})}
	payments = [
		p
		for p in get_list(
			admin,
			"Allowance Payment Line",
			{"care_person": person["name"]},
			("payment_run", "amount", "month"),
		)
		if p["payment_run"] in runs
	]
	assert payments, "the demo citizen was paid in the demo's completed runs"
	# somebody else, with a registration of their own
	others = get_list(
		admin,
		"Allowance Registration",
		{"care_person": ["!=", person["name"]], "docstatus": 1},
		("name", "care_person", "person_name"),
	)
	other = others[0]
	other_person = get_doc(admin, "Care Person", other["care_person"])

	website_login(page, base_url, "citizen@nonsaad.test")
	page.goto(f"{base_url}/my-allowance")
	page.wait_for_selector("#my-registrations", timeout=30000)
	text = page.locator("#my-allowance").inner_text()
	assert person["full_name"] in text
	assert other_person["full_name"] not in text

	# registrations: one row each, the fiscal year and the application date in BE, the amount in baht
	rows = page.locator("#my-registrations tbody tr")
	assert rows.count() == len(registrations)
	years = {str(r["fiscal_year"]) for r in registrations}
	shown_years = {rows.nth(i).locator("td").first.inner_text().strip() for i in range(rows.count())}
	assert shown_years == years
	for r in registrations:
		ce_year = int(r["application_date"][:4])
		assert str(ce_year + BE) in text, f"application date {r['application_date']} not in BE"
		assert f"{r['monthly_amount']:,.0f}" in text
	for i in range(rows.count()):  # the application date: day, Thai month, BE year
		applied = rows.nth(i).locator("td").last.inner_text().strip()
		assert re.fullmatch(r"\d{1,2} \S+ 25\d\d", applied), applied

	# payments: one row per payment (up to 36), the month in BE, the amount in baht with satang
	pay_rows = page.locator("#my-payments tbody tr")
	assert pay_rows.count() == min(len(payments), 36)
	first = pay_rows.first.locator("td")
	latest = max(p["month"] for p in payments)
	assert re.fullmatch(rf"\S+ {int(latest[:4]) + BE}", first.nth(0).inner_text().strip())
	amounts = {f"{p['amount']:,.2f}" for p in payments if p["month"] == latest}
	assert first.nth(2).inner_text().strip() in amounts

	# another person's names in the URL change nothing
	for query in (
		f"care_person={other['care_person']}",
		f"name={other['name']}",
		f"person={other['care_person']}&registration={other['name']}",
	):
		page.goto(f"{base_url}/my-allowance?{query}")
		page.wait_for_selector("#my-registrations", timeout=30000)
		shown = page.locator("#my-allowance").inner_text()
		assert person["full_name"] in shown and other_person["full_name"] not in shown, query
		assert page.locator("#my-registrations tbody tr").count() == len(registrations)

	# and the API, from the same logged-in browser session, refuses them
	for url in (
		f"/api/resource/Allowance Registration/{other['name']}",
		f"/api/resource/Care Person/{other['care_person']}",
		f"/api/resource/Allowance Registration/{registrations[0]['name']}",
		"/api/resource/Allowance Payment Line?filters="
		+ json.dumps([["care_person", "=", other["care_person"]]]),
		"/api/resource/Care Person",
	):
		r = page.request.get(f"{base_url}{url}")
		assert r.status == 403, (url, r.status, r.text()[:200])
		assert other_person["full_name"] not in r.text()


# --- the payment run in the desk ---------------------------------------------------------------------
def paid_registrations(admin, kind: str, fiscal_year: int, month_end: str) -> dict[str, float]:
	"""What the run must pay: submitted, in a paid state, of this kind and fiscal year, active by the end
	of the month, the person Active (the rule of smart_care/payment_run.py, read over REST)."""
	rows = get_list(
		admin,
		"Allowance Registration",
		{
			"docstatus": 1,
			"workflow_state": ["in", PAID_STATES],
			"allowance_kind": kind,
			"fiscal_year": fiscal_year,
		},
		("name", "care_person", "monthly_amount", "active_from"),
	)
	active = {p["name"] for p in get_list(admin, "Care Person", {"status": "Active"})}
	return {
		r["name"]: r["monthly_amount"]
		for r in rows
		if r["care_person"] in active and (not r["active_from"] or r["active_from"] <= month_end)
	}


def free_month(admin, kind: str) -> tuple[str, str, int]:
	"""The first month from this one on, in the current fiscal year, without a run of `kind`."""
	import datetime

	today = datetime.date.today()
	fy_end_year = today.year + (1 if today.month >= 10 else 0)
	year, month = today.year, today.month
	while (year, month) <= (fy_end_year, 9):
		first = f"{year}-{month:02d}-01"
		if not get_list(admin, "Allowance Payment Run", {"run_key": f"{year}-{month:02d}|{kind}"}):
			nxt = datetime.date(year + month // 12, month % 12 + 1, 1)
			return first, str(nxt - datetime.timedelta(days=1)), fy_end_year + BE
		year, month = (year + 1, 1) if month == 12 else (year, month + 1)
	raise AssertionError("every month of this fiscal year has a run already")


def test_welfare_officer_runs_the_payment_run_with_live_progress(page, base_url, login):
	admin = admin_client()
	kind = "Elderly Allowance"
	month, month_end, fiscal_year = free_month(admin, kind)
	expected = paid_registrations(admin, kind, fiscal_year, month_end)
	assert len(expected) > 20, "the demo has active elderly registrations this fiscal year"

	welfare = login("welfare")
	r = welfare.post(
		"/api/resource/Allowance Payment Run",
		json={"month": month, "allowance_kind": kind, "payment_date": month_end},
	)
	assert r.status_code == 200, r.text
	run = r.json()["data"]["name"]
	assert r.json()["data"]["status"] == "Draft"

	set_site_config("nonsaad_payment_run_batch_size", 10)  # several progress steps on the demo's data
	try:
		desk_login(page, base_url, "welfare@nonsaad.test")
		page.goto(f"{base_url}/app/allowance-payment-run/{run}", wait_until="domcontentloaded")
		page.wait_for_function(
			"(n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && !cur_frm.is_dirty()", arg=run
		)
		# the desk's realtime socket is connected (to the test server's socketio)
		page.wait_for_function(
			"() => frappe.realtime.socket && frappe.realtime.socket.connected", timeout=30000
		)
		page.evaluate(
			"""() => { window.__progress = []; window.__dialogs = [];
			frappe.realtime.on("progress", (d) => window.__progress.push(d));
			new MutationObserver(() => document.querySelectorAll(".modal.show .progress-bar").forEach((b) =>
				window.__dialogs.push(b.closest(".modal").querySelector(".modal-title").innerText)))
				.observe(document.body, { childList: true, subtree: true, attributes: true }); }"""
		)
		label = page.evaluate("() => __('Start Payment Run')")
		button = page.locator(
			".page-actions button:visible, .form-inner-toolbar button:visible", has_text=label
		)
		button.first.wait_for(state="visible", timeout=15000)
		button.first.click(click_count=2)  # an impatient double click: still one run, one set of lines

		# live: progress events arrive while the job runs, then the form reloads itself as Completed
		page.wait_for_function("() => window.__progress.length > 0", timeout=120000)
		page.wait_for_function("() => cur_frm.doc.status === 'Completed'", timeout=180000)
		progress = page.evaluate("() => window.__progress")
		dialogs = page.evaluate("() => window.__dialogs")
		no_error_dialog(page, strict=False)
	finally:
		set_site_config("nonsaad_payment_run_batch_size", None)

	percents = [p["percent"] for p in progress]
	assert len(percents) >= 3, progress
	assert percents == sorted(percents) and percents[-1] == 100, percents
	titles = {p["title"] for p in progress}
	assert len(titles) == 1 and titles <= {
		"Allowance payment run",
		page.evaluate("() => __('Allowance payment run')"),
	}
	assert progress[-1]["description"].count(str(len(expected))) == 2, progress[-1]  # "N of N payments"
	assert titles <= set(dialogs), dialogs  # Frappe's progress dialog was on the screen
	# the Completed form offers the bank file and no second start
	assert page.locator(".page-actions button:visible", has_text=label).count() == 0

	# the database: one line per paid registration with its amount, the run's totals
	doc = get_doc(admin, "Allowance Payment Run", run)
	assert doc["status"] == "Completed" and doc["run_by"] == "welfare@nonsaad.test"
	lines = get_list(
		admin, "Allowance Payment Line", {"payment_run": run}, ("registration", "amount", "month")
	)
	assert len(lines) == len(expected) == doc["line_count"]
	assert {line["registration"]: line["amount"] for line in lines} == expected
	assert all(line["month"] == month for line in lines)
	assert doc["total_amount"] == sum(expected.values())

	# the same month and kind again: the same run comes back, nothing is paid twice
	r = welfare.post(f"{RUN_API}start_run", data={"month": month, "allowance_kind": kind})
	assert r.status_code == 200, r.text
	assert r.json()["message"] == run
	r = welfare.post("/api/resource/Allowance Payment Run", json={"month": month_end, "allowance_kind": kind})
	assert r.status_code == 417, r.text
	assert r.json()["exc_type"] == "DuplicatePaymentRunError"
	runs = get_list(admin, "Allowance Payment Run", {"run_key": f"{month[:7]}|{kind}"})
	assert [x["name"] for x in runs] == [run]
	assert len(get_list(admin, "Allowance Payment Line", {"payment_run": run})) == len(expected)


# --- the map on the Care Person form (and the terrain forms sharing its helper) ------------------------
def open_form(page, base_url, route, name):
	page.goto(f"{base_url}/app/{route}/{name}", wait_until="domcontentloaded")
	page.wait_for_function(
		"(n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && !cur_frm.is_dirty()", arg=name
	)


def test_care_person_form_shows_the_home_on_a_map(browser, base_url):
	admin = admin_client()
	person = get_list(
		admin,
		"Care Person",
		{"latitude": ["is", "set"], "longitude": ["is", "set"]},
		("name", "latitude", "longitude", "citizen", "full_name"),
	)[0]
	citizen = get_doc(admin, "Citizen", person["citizen"])
	assert (citizen["latitude"], citizen["longitude"]) == (person["latitude"], person["longitude"])

	context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
	page = context.new_page()
	try:
		desk_login(page, base_url, "welfare@nonsaad.test")
		open_form(page, base_url, "care-person", person["name"])
		page.wait_for_selector(
			"div[data-fieldname='home_map'] .nonsaad-point-map.leaflet-container", timeout=30000
		)
		page.locator("div[data-fieldname='home_map']").scroll_into_view_if_needed()
		marker = page.evaluate(
			"""() => { const el = document.querySelector("div[data-fieldname='home_map'] .nonsaad-point-map");
			const p = el.nonsaad_marker.getLatLng(); const c = el.nonsaad_map.getCenter();
			return { lat: p.lat, lng: p.lng, clat: c.lat, clng: c.lng,
				visible: el.getBoundingClientRect().height > 100,
				drawn: !!el.querySelector("path.nonsaad-point-marker") }; }"""
		)
		assert (
			abs(marker["lat"] - person["latitude"]) < 1e-6 and abs(marker["lng"] - person["longitude"]) < 1e-6
		)
		assert (
			abs(marker["clat"] - person["latitude"]) < 1e-3
			and abs(marker["clng"] - person["longitude"]) < 1e-3
		)
		assert marker["visible"] and marker["drawn"], marker
		no_error_dialog(page, strict=False)
	finally:
		context.close()

	# the Executive reads the person but not the home location (permlevel 2): no map either
	context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
	page = context.new_page()
	try:
		desk_login(page, base_url, "mayor@nonsaad.test")
		open_form(page, base_url, "care-person", person["name"])
		page.wait_for_timeout(1500)
		assert page.locator(".nonsaad-point-map").count() == 0
		assert page.evaluate("() => cur_frm.doc.latitude") in (None, 0)
	finally:
		context.close()


@pytest.mark.parametrize("doctype", ["Culvert", "Drain"])
def test_terrain_forms_keep_their_map_and_buttons(page, base_url, doctype):
	admin = admin_client()
	route = doctype.lower()
	desk_login(page, base_url, "works@nonsaad.test")
	# a new asset's map opens on the municipality (Smart Settings' map centre)
	settings = admin.get("/api/method/nonsaad_smart.smart_core.gis.map_settings").json()["message"]
	page.goto(f"{base_url}/app/{route}/new", wait_until="domcontentloaded")
	page.wait_for_selector("div[data-fieldname='geometry'] .leaflet-container", timeout=30000)
	page.wait_for_function(
		"""(c) => { const m = cur_frm.fields_dict.geometry.map; if (!m) return false;
		const p = m.getCenter(); return Math.abs(p.lat - c[0]) < 1e-3 && Math.abs(p.lng - c[1]) < 1e-3; }""",
		arg=settings["center"],
		timeout=15000,
	)
	# a saved one offers Create > Condition Survey / Maintenance Work, which open with the asset filled in
	name = get_list(admin, doctype, {})[0]["name"]
	open_form(page, base_url, route, name)
	create, survey = page.evaluate(
		"[encodeURIComponent(__('Create')), encodeURIComponent(__('Condition Survey'))]"
	)
	group = f".inner-group-button[data-label='{create}']"
	page.wait_for_selector(f"{group} button", timeout=30000)
	page.click(f"{group} button")
	page.click(f"{group} .dropdown-item[data-label='{survey}']")
	page.wait_for_function(
		"(a) => cur_frm && cur_frm.doctype === 'Condition Survey' && cur_frm.doc.asset_name === a[1]"
		" && cur_frm.doc.asset_doctype === a[0]",
		arg=[doctype, name],
		timeout=15000,
	)
