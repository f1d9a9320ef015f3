"""Smart EMS over HTTP, against the running test server (gunicorn 2 workers × 4 threads):

- two dispatchers press "dispatch" on the same ambulance for two incidents at the same moment (threads
  released by a barrier): exactly one wins, the other gets AmbulanceBusyError naming the winner's incident,
  and the database holds the ambulance on exactly one active incident;
- the crew press their own incident's buttons only; out-of-order stamps are refused;
- Executive and Auditor read, citizens and guests get nothing, only dispatchers dispatch.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from conftest import Client, bench_execute, error_of

API = "/api/method/nonsaad_smart.smart_ems.api."
FACTORIES = "nonsaad_smart.smart_ems.tests.factories."


def fixture(**kwargs) -> dict:
	args = [kwargs.get("ambulances", 1), kwargs.get("incidents", 2), kwargs.get("with_crew_user", 0)]
	return json.loads(bench_execute(FACTORIES + "http_fixture", *args).splitlines()[-1])


def db_state(ambulances: list[str]) -> dict:
	return json.loads(bench_execute(FACTORIES + "db_state", json.dumps(ambulances)).splitlines()[-1])


def parallel(calls: list) -> list:
	barrier = threading.Barrier(len(calls))

	def run(call):
		barrier.wait()
		return call()

	with ThreadPoolExecutor(max_workers=len(calls)) as pool:
		return list(pool.map(run, calls))


def test_concurrent_double_dispatch_exactly_one_wins(login):
	one = Client().login("dispatcher@nonsaad.test")
	two = Client().login("dispatcher@nonsaad.test")
	for _round in range(3):
		data = fixture(ambulances=1, incidents=2)
		amb = data["ambulances"][0]
		first, second = data["incidents"]
		responses = parallel(
			[
				lambda: one.post(API + "dispatch", data={"incident": first, "ambulance": amb}),
				lambda: two.post(API + "dispatch", data={"incident": second, "ambulance": amb}),
			]
		)
		codes = sorted(r.status_code for r in responses)
		assert codes == [200, 417], [r.text for r in responses]
		winner = next(r for r in responses if r.status_code == 200).json()["message"]["incident"]
		loser = next(r for r in responses if r.status_code != 200)
		exc, message = error_of(loser)
		assert "AmbulanceBusyError" in exc
		assert winner in message
		state = db_state([amb])
		assert state["ambulances"][0]["current_incident"] == winner
		assert [row["name"] for row in state["active_incidents"]] == [winner]


def test_crew_press_own_buttons_in_order(login, admin):
	data = fixture(ambulances=1, incidents=2, with_crew_user=1)
	amb = data["ambulances"][0]
	mine, other = data["incidents"]
	dispatcher = login("dispatcher")
	assert dispatcher.post(API + "dispatch", data={"incident": mine, "ambulance": amb}).status_code == 200
	crew = Client().login(data["crew_user"], data["password"])
	r = crew.post(API + "stamp", data={"incident": mine, "step": "at_scene"})
	assert r.status_code == 417 and "TimeChainOrderError" in error_of(r)[0], r.text
	r = crew.post(API + "stamp", data={"incident": mine, "step": "left_base"})
	assert r.status_code == 200, r.text
	assert r.json()["message"]["next_step"] == "at_scene"
	r = crew.post(API + "stamp", data={"incident": other, "step": "left_base"})
	assert r.status_code == 403 and "NotYourIncidentError" in error_of(r)[0], r.text
	r = crew.get(f"/api/resource/EMS Incident/{other}")
	assert r.status_code == 403
	listed = crew.get("/api/resource/EMS Incident", params={"limit_page_length": 0}).json()["data"]
	assert [row["name"] for row in listed] == [mine]
	r = crew.post(
		API + "correct_time",
		data={"incident": mine, "step": "left_base", "new_time": "2020-01-01", "reason": "ทดสอบสิทธิ์"},
	)
	assert r.status_code == 403 and "CorrectionNotAllowedError" in error_of(r)[0]
	r = crew.put(f"/api/resource/EMS Incident/{mine}", json={"handover_notes": "แก้ไขเอง"})
	assert r.status_code == 403
	doc = admin.get(f"/api/resource/EMS Incident/{mine}").json()["data"]
	assert doc["left_base"] and not doc.get("at_scene") and doc["status"] == "Dispatched"


def test_roles_read_and_refusals(login, guest):
	data = fixture(ambulances=1, incidents=1)
	incident = data["incidents"][0]
	for reader in ("mayor", "auditor", "dispatcher"):
		r = login(reader).get(f"/api/resource/EMS Incident/{incident}")
		assert r.status_code == 200, (reader, r.text)
	r = login("mayor").post(API + "dispatch", data={"incident": incident, "ambulance": data["ambulances"][0]})
	assert r.status_code == 403
	r = login("mayor").put(f"/api/resource/EMS Incident/{incident}", json={"handover_notes": "x"})
	assert r.status_code == 403
	for client in (login("citizen"), guest):
		assert client.get(f"/api/resource/EMS Incident/{incident}").status_code == 403
		assert client.get(API + "dispatch_map_data").status_code == 403
	r = login("dispatcher").get(API + "dispatch_map_data")
	assert r.status_code == 200
	body = r.json()["message"]
	assert any(row["name"] == incident for row in body["incidents"])
	assert any(row["name"] == data["ambulances"][0] for row in body["ambulances"])
	r = login("dispatcher").get(API + "suggest_ambulances", params={"incident": incident})
	assert r.status_code == 200
	suggestion = next(s for s in r.json()["message"] if s["ambulance"] == data["ambulances"][0])
	assert suggestion["distance_km"] is not None and suggestion["estimated_minutes"] > 0
