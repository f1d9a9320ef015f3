"""Test factories of Smart Pet (one place per DocType, used by every test of the module and by tests/):
Pet, Rabies Vaccination, Bite Incident, Stray Animal, and the users who work with them."""

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, today

from nonsaad_smart.tests.utils import TEST_CENTER, make_citizen, make_user, make_village

OFFICER = "pet.officer@nonsaad.test"


def health_officer(email: str = OFFICER) -> str:
	return make_user(email, ["Public Health Officer"])


def citizen_with_user(email: str, village_no: int = 95):
	"""A Citizen linked to a website user with the Citizen role (their own pets only)."""
	make_user(email, ["Citizen"], user_type="Website User")
	name = frappe.db.get_value("Citizen", {"user": email})
	if name:
		return frappe.get_doc("Citizen", name)
	return make_citizen(user=email, village=make_village(village_no))


def make_pet(**kwargs):
	values = {
		"doctype": "Pet",
		"species": "Dog",
		"pet_name": "ด่าง",
		"sex": "Male",
		"status": "Alive",
		"village": kwargs.get("village") or make_village(),
		"latitude": TEST_CENTER[0],
		"longitude": TEST_CENTER[1],
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def vaccinate(pet: str, days_ago: int = 0, submit: bool = True, **kwargs):
	doc = frappe.get_doc(
		{
			"doctype": "Rabies Vaccination",
			"pet": pet,
			"vaccination_date": add_days(today(), -days_ago),
			"vaccine": "Rabisin",
			"lot_number": "R2569-001",
			"vaccinator": "นายสัตวแพทย์ทดสอบ",
			**kwargs,
		}
	)
	doc.insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc


def make_bite(hours_ago: float = 30, report_delay_hours: float = 2, **kwargs):
	bitten_at = add_to_date(now_datetime(), hours=-hours_ago)
	values = {
		"doctype": "Bite Incident",
		"victim_name": "นายทดสอบ ถูกกัด",
		"victim_phone": "0812345678",
		"species": "Dog",
		"animal_description": "สุนัขสีดำ ไม่มีปลอกคอ",
		"bitten_at": bitten_at,
		"reported_at": min(add_to_date(bitten_at, hours=report_delay_hours), now_datetime()),
		"place": "หน้าวัด",
		"latitude": TEST_CENTER[0],
		"longitude": TEST_CENTER[1],
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_stray(**kwargs):
	values = {
		"doctype": "Stray Animal",
		"species": "Dog",
		"description": "สุนัขผอม ไม่มีปลอกคอ",
		"found_at": now_datetime(),
		"latitude": TEST_CENTER[0],
		"longitude": TEST_CENTER[1],
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)
