"""Test factories of Smart I Pole (used by its DocType tests and the benchmarks): poles, technicians,
repairs, and the citizen's request about a pole (made with E-Smart Service's own factories)."""

import frappe

from nonsaad_smart.e_smart_service.tests.factories import make_request, make_service_type
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


def make_pole(village_no: int = TEST_VILLAGE_NO, ignore_permissions: bool = True, **kwargs):
	"""A pole of the test village; with ignore_permissions=False it is inserted as the session user."""
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
	return frappe.get_doc(values).insert(ignore_permissions=ignore_permissions)


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


POLE_SERVICE_TYPE = "TEST-POLE-LIGHT"


def pole_service_type() -> str:
	"""The service type of a report about a street light (a repair report pointing into the pole register)."""
	return make_service_type(
		POLE_SERVICE_TYPE,
		name_th="ไฟฟ้าส่องสว่างดับ (ทดสอบ)",
		kind="Repair Report",
		sla_days=3,
		asset_doctype="Street Light Pole",
	)


def make_pole_request(pole: str, allow_duplicate_asset: bool = False, **kwargs):
	"""A walk-in request about `pole` (a second one about the same pole needs allow_duplicate_asset)."""
	values = {
		"service_type": pole_service_type(),
		"channel": "Walk-in",
		"description": "ไฟฟ้าส่องสว่างดับทั้งคืน",
		"requester_name": "ผู้แจ้ง ทดสอบ",
		"requester_phone": None,
		"latitude": None,
		"longitude": None,
		"asset_doctype": "Street Light Pole",
		"asset_name": pole,
		**kwargs,
	}
	return make_request(flags={"allow_duplicate_asset": allow_duplicate_asset}, **values)
