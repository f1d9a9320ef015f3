"""Factories for Smart EMS tests (unit tests here, HTTP/browser tests through `http_fixture` run by
`bench execute`): ambulances, crew with certificates, shifts, incidents, users."""

import json
import random

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, today
from frappe.utils.password import update_password

from nonsaad_smart.smart_ems.setup import setup_ems
from nonsaad_smart.tests.utils import TEST_CENTER, ensure_test_settings, make_citizen, make_user, make_village

DEMO_PASSWORD = "Nonsaad@2569"


def _tag() -> str:
	return f"{random.randint(0, 99999999):08d}"


def make_ambulance(ambulance_type: str = "ALS", latitude=None, longitude=None, **kwargs):
	ensure_test_settings()
	setup_ems()
	return frappe.get_doc(
		{
			"doctype": "Ambulance",
			"plate": f"ทดสอบ {_tag()}",
			"ambulance_type": ambulance_type,
			"latitude": TEST_CENTER[0] if latitude is None else latitude,
			"longitude": TEST_CENTER[1] if longitude is None else longitude,
			**kwargs,
		}
	).insert(ignore_permissions=True)


def make_crew(level: str = "EMT", expires_in: int | None = 365, user: str | None = None, **kwargs):
	values = {
		"doctype": "EMS Crew Member",
		"full_name": f"ผู้ปฏิบัติการ {_tag()}",
		"level": level,
		"citizen": make_citizen().name,
		"user": user,
		"certificate_number": f"T-{_tag()}",
		"certificate_issued": add_days(today(), -400),
		"certificate_expiry": add_days(today(), expires_in) if expires_in is not None else None,
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_shift(ambulance: str, crew: list[str], hours_before: int = 2, hours_after: int = 10):
	return frappe.get_doc(
		{
			"doctype": "EMS Shift",
			"ambulance": ambulance,
			"shift_start": add_to_date(now_datetime(), hours=-hours_before),
			"shift_end": add_to_date(now_datetime(), hours=hours_after),
			"crew": [{"crew_member": c} for c in crew],
		}
	).insert(ignore_permissions=True)


def ready_ambulance(ambulance_type: str = "ALS", crew_users: tuple = (), **kwargs):
	"""An available ambulance with two certified crew on a shift now: (ambulance, [crew names])."""
	amb = make_ambulance(ambulance_type, **kwargs)
	users = list(crew_users) + [None] * (2 - len(crew_users))
	crew = [make_crew("Paramedic" if i == 0 else "Driver", user=u).name for i, u in enumerate(users)]
	make_shift(amb.name, crew)
	return amb.name, crew


def make_incident(triage: str = "Red", minutes_ago: float = 5, **kwargs):
	ensure_test_settings()
	setup_ems()
	return frappe.get_doc(
		{
			"doctype": "EMS Incident",
			"case_number": f"1669-T-{_tag()}",
			"triage": triage,
			"chief_complaint": "07",
			"caller_name": "ผู้แจ้ง ทดสอบ",
			"caller_phone": "0812345678",
			"patient_age": 60,
			"patient_sex": "Male",
			"village": make_village(),
			"latitude": TEST_CENTER[0],
			"longitude": TEST_CENTER[1],
			"call_received": add_to_date(now_datetime(), seconds=-int(minutes_ago * 60)),
			**kwargs,
		}
	).insert(ignore_permissions=True)


def closed_incident(call_received, response_minutes: float, triage: str = "Red"):
	"""A past incident whose chain is complete, with a known response interval (for the reports)."""
	doc = make_incident(triage, call_received=call_received)
	steps = {
		"dispatched": 1,
		"left_base": 2,
		"at_scene": response_minutes,
		"left_scene": response_minutes + 10,
	}
	steps["at_hospital"] = response_minutes + 30
	steps["back_in_service"] = response_minutes + 60
	for step, minutes in steps.items():
		doc.set(step, add_to_date(call_received, seconds=int(minutes * 60)))
	doc.status = "Closed"
	doc.flags.time_chain_update = True
	return doc.save(ignore_permissions=True)


def crew_user(email: str) -> str:
	make_user(email, ["EMS Crew"])
	update_password(email, DEMO_PASSWORD)
	return email


def http_fixture(ambulances: int = 1, incidents: int = 2, with_crew_user: int = 0) -> dict:
	"""For tests over HTTP (run by `bench execute`, which commits): ambulances ready with crew, open
	incidents, optionally a crew user riding the first ambulance: their names (bench execute prints JSON)."""
	tag = _tag()
	user = crew_user(f"ems.crew.{tag}@nonsaad.test") if with_crew_user else None
	result = {"ambulances": [], "crew": [], "incidents": [], "crew_user": user, "password": DEMO_PASSWORD}
	for i in range(int(ambulances)):
		amb, crew = ready_ambulance(crew_users=(user,) if user and i == 0 else ())
		result["ambulances"].append(amb)
		result["crew"].append(crew)
	for _i in range(int(incidents)):
		result["incidents"].append(make_incident().name)
	frappe.db.commit()
	return result


def db_state(ambulances: str) -> dict:
	"""For the HTTP tests: each ambulance's status and incident, and the incidents holding each (JSON)."""
	names = json.loads(ambulances)
	rows = frappe.get_all(
		"Ambulance", filters={"name": ("in", names)}, fields=["name", "status", "current_incident"]
	)
	holders = frappe.get_all(
		"EMS Incident",
		filters={"ambulance": ("in", names), "status": ("not in", ["Closed", "Cancelled"])},
		fields=["name", "ambulance"],
	)
	return {"ambulances": rows, "active_incidents": holders}


def double_assignments(ambulances: str) -> dict:
	"""For the benchmark: incidents of these ambulances whose time on the road (dispatched → back in
	service) overlaps the previous one of the same ambulance, and crew members on two at once (JSON)."""
	names = json.loads(ambulances)
	rows = frappe.get_all(
		"EMS Incident",
		filters={"ambulance": ("in", names), "dispatched": ("is", "set")},
		fields=["name", "ambulance", "dispatched", "back_in_service"],
		order_by="dispatched asc",
	)
	double, last_end = 0, {}
	for row in rows:
		end = row.back_in_service or now_datetime()
		if row.ambulance in last_end and row.dispatched < last_end[row.ambulance]:
			double += 1
		last_end[row.ambulance] = max(end, last_end.get(row.ambulance, end))
	crew_rows = frappe.get_all(
		"EMS Incident Crew",
		filters={"parent": ("in", [r.name for r in rows] or [""])},
		fields=["parent", "crew_member"],
	)
	spans = {r.name: r for r in rows}
	crew_double, crew_end = 0, {}
	for c in sorted(crew_rows, key=lambda c: spans[c.parent].dispatched):
		span = spans[c.parent]
		if c.crew_member in crew_end and span.dispatched < crew_end[c.crew_member]:
			crew_double += 1
		crew_end[c.crew_member] = span.back_in_service or now_datetime()
	return {"dispatched": len(rows), "double": double, "crew_double": crew_double}
