"""The crew's time buttons on a phone (390×844): the crew member opens their incident, taps the big
button for each next step, and the database holds each stamp in order (server time); the button is a
large touch target and only the next step is offered."""

import json

import pytest
from conftest import Client, bench_execute

from browser.conftest import desk_login

pytestmark = pytest.mark.browser
FACTORIES = "nonsaad_smart.smart_ems.tests.factories."


def incident_doc(admin, name: str) -> dict:
	return admin.get(f"/api/resource/EMS Incident/{name}").json()["data"]


def test_crew_taps_the_time_chain_on_a_phone(phone, base_url, admin):
	data = json.loads(bench_execute(FACTORIES + "http_fixture", 1, 1, 1).splitlines()[-1])
	incident = data["incidents"][0]
	dispatcher = Client().login("dispatcher@nonsaad.test")
	r = dispatcher.post(
		"/api/method/nonsaad_smart.smart_ems.api.dispatch",
		data={"incident": incident, "ambulance": data["ambulances"][0]},
	)
	assert r.status_code == 200, r.text
	desk_login(phone, base_url, data["crew_user"], data["password"])
	phone.goto(f"{base_url}/app/ems-crew?incident={incident}")
	for step in ("left_base", "at_scene", "left_scene"):
		button = phone.locator(f"button.ems-next[data-step='{step}']")
		button.wait_for(timeout=30000)
		box = button.bounding_box()
		assert box["height"] >= 90 and box["width"] >= 300, box  # a big touch target on a 390 px screen
		assert phone.locator("button.ems-next").count() == 1  # only the next step is offered
		button.tap()
		phone.locator(f".ems-steps li.done[data-step='{step}']").wait_for(timeout=30000)
		assert incident_doc(admin, incident)[step]
	doc = incident_doc(admin, incident)
	assert doc["dispatched"] <= doc["left_base"] <= doc["at_scene"] <= doc["left_scene"]
	assert doc["status"] == "Transporting" and not doc.get("at_hospital")
	assert phone.locator("button.ems-next[data-step='at_hospital']").is_visible()
	assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling


def test_dispatch_map_shows_ambulances_and_incidents_by_triage(page, base_url):
	data = json.loads(bench_execute(FACTORIES + "http_fixture", 1, 1, 0).splitlines()[-1])
	desk_login(page, base_url, "dispatcher@nonsaad.test")
	page.goto(f"{base_url}/app/ems-dispatch-map")
	page.wait_for_function(
		"() => { const el = document.querySelector('.ems-dispatch-map');"
		" return el && el.dispatch_map && el.dispatch_map.data; }",
		timeout=60000,
	)
	names = page.evaluate(
		"document.querySelector('.ems-dispatch-map').dispatch_map.data.incidents.map(i => i.name)"
	)
	assert data["incidents"][0] in names
	assert page.locator(".ems-dispatch-map path.ems-incident").count() >= 1
	assert page.locator(".ems-dispatch-map .ems-ambulance").count() >= 1
	colours = page.evaluate(
		"document.querySelector('.ems-dispatch-map').dispatch_map.data.incidents.map(i => i.color)"
	)
	assert "#c62828" in colours  # the red case in red
