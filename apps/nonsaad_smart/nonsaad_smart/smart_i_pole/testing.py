"""Test factories of Smart I Pole (used by its DocType tests and the benchmarks)."""

import frappe

from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import make_pole_code
from nonsaad_smart.tests.utils import TEST_CENTER, ensure_test_settings, make_user, make_village

TEST_VILLAGE_NO = 98
TECHNICIAN = "pole.tech@nonsaad.test"


def pole_village(village_no: int = TEST_VILLAGE_NO) -> str:
	ensure_test_settings()
	return make_village(village_no)


def free_code(village_no: int = TEST_VILLAGE_NO) -> str:
	serial = 1
	while frappe.db.exists("Street Light Pole", make_pole_code(village_no, serial)):
		serial += 1
	return make_pole_code(village_no, serial)


def make_pole(village_no: int = TEST_VILLAGE_NO, **kwargs):
	values = {
		"doctype": "Street Light Pole",
		"pole_code": free_code(village_no),
		"village": pole_village(village_no),
		"lamp_type": "LED",
		"wattage": 40,
		"height_m": 9,
		"latitude": TEST_CENTER[0],
		"longitude": TEST_CENTER[1],
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_technician(email: str = TECHNICIAN) -> str:
	return make_user(email, ["Repair Technician"])


def make_repair(pole: str, **kwargs):
	values = {
		"doctype": "Pole Repair",
		"pole": pole,
		"source": "Inspection",
		"technician": make_technician(),
		"start_datetime": "2026-01-10 09:00:00",
		"fault_description": "หลอดไม่ติด",
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)
