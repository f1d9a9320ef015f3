"""Test factories of Smart Terrain (used by its DocType tests, the HTTP/browser tests and the benchmark):
roads, drains, culverts, surveys, works, and a citizen's request about a road (with E-Smart Service's
own factories)."""

import json

import frappe

from nonsaad_smart.e_smart_service.tests.factories import make_request, make_service_type
from nonsaad_smart.smart_terrain.setup import setup_terrain
from nonsaad_smart.tests.utils import ensure_test_settings, make_user, make_village

TEST_VILLAGE_NO = 97
TECHNICIAN = "terrain.tech@nonsaad.test"
OFFICER = "terrain.pw@nonsaad.test"
EXECUTIVE = "terrain.exec@nonsaad.test"
ROAD_SERVICE_TYPE = "TEST-POTHOLE"
# a 4.4 km meridian line at the test centre (102.29 E, 16.95 → 16.99 N), and a short east–west road
MERIDIAN = [[102.29, 16.95], [102.29, 16.97], [102.29, 16.99]]
SHORT = [[102.280, 16.960], [102.281, 16.960], [102.282, 16.9601]]


def terrain_village() -> str:
	ensure_test_settings()
	setup_terrain()
	return make_village(TEST_VILLAGE_NO)


def line(coords) -> str:
	return json.dumps({"type": "LineString", "coordinates": coords})


def free_road_code() -> str:
	serial = 1
	while frappe.db.exists("Road", f"นภ.ถ.99-{serial:03d}"):
		serial += 1
	return f"นภ.ถ.99-{serial:03d}"


def make_road(coords=None, ignore_permissions: bool = True, **kwargs):
	values = {
		"doctype": "Road",
		"road_code": free_road_code(),
		"road_name": "ถนนทดสอบ",
		"village": terrain_village(),
		"surface": "Asphalt",
		"width_m": 5,
		"traffic_class": "Medium",
		"population_served": 500,
		"geometry": line(coords or SHORT),
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=ignore_permissions)


def make_drain(coords=None, **kwargs):
	values = {
		"doctype": "Drain",
		"drain_name": "รางระบายน้ำทดสอบ",
		"village": terrain_village(),
		"drain_type": "Open Channel",
		"material": "Concrete",
		"geometry": line(coords or [[102.283, 16.962], [102.284, 16.962]]),
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_culvert(lat=16.961, lng=102.285, **kwargs):
	values = {
		"doctype": "Culvert",
		"culvert_name": "ท่อลอดทดสอบ",
		"village": terrain_village(),
		"material": "Concrete Pipe",
		"latitude": lat,
		"longitude": lng,
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_survey(asset_doctype: str, asset_name: str, **kwargs):
	values = {
		"doctype": "Condition Survey",
		"asset_doctype": asset_doctype,
		"asset_name": asset_name,
		"survey_date": frappe.utils.today(),
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_technician(email: str = TECHNICIAN) -> str:
	return make_user(email, ["Repair Technician"])


def make_work(asset_doctype: str, asset_name: str, ignore_permissions: bool = True, **kwargs):
	treatment = {"Road": "Resurfacing", "Drain": "Drain Cleaning", "Culvert": "Culvert Repair"}[asset_doctype]
	values = {
		"doctype": "Maintenance Work",
		"asset_doctype": asset_doctype,
		"asset_name": asset_name,
		"treatment": treatment,
		"executor": "Own Crew",
		"technician": make_technician(),
		"planned_start": frappe.utils.today(),
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=ignore_permissions)


def road_service_type() -> str:
	return make_service_type(
		ROAD_SERVICE_TYPE, name_th="ถนนชำรุด (ทดสอบ)", kind="Repair Report", sla_days=7, asset_doctype="Road"
	)


def make_road_request(road: str, **kwargs):
	values = {
		"service_type": road_service_type(),
		"channel": "Walk-in",
		"description": "ถนนเป็นหลุมบ่อ",
		"requester_name": "ผู้แจ้ง ทดสอบ",
		"requester_phone": None,
		"latitude": None,
		"longitude": None,
		"asset_doctype": "Road",
		"asset_name": road,
		**kwargs,
	}
	return make_request(**values)
