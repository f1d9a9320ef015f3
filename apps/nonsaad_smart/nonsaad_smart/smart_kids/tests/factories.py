"""Factories for Smart Kids tests: centres, staff (with their Citizen), trainings, certificates, users."""

import frappe
from frappe.utils import add_days, today

from nonsaad_smart.smart_kids.setup import setup_kids
from nonsaad_smart.tests.utils import TEST_CENTER, ensure_test_settings, make_citizen, make_user, make_village

_serial = [0]


def make_centre(code: str = "CDC-91", enrolment: list[dict] | None = None, **kwargs):
	ensure_test_settings()
	setup_kids()
	if frappe.db.exists("Child Development Centre", code):
		return frappe.get_doc("Child Development Centre", code)
	doc = frappe.get_doc(
		{
			"doctype": "Child Development Centre",
			"code": code,
			"centre_name": f"ศูนย์พัฒนาเด็กเล็กทดสอบ {code}",
			"village": make_village(),
			"capacity": 60,
			"latitude": TEST_CENTER[0],
			"longitude": TEST_CENTER[1],
			**kwargs,
		}
	)
	for row in enrolment or []:
		doc.append("enrolment", row)
	return doc.insert(ignore_permissions=True)


def enrolment_row(age_group: str, children: int, caregivers: int, year: int = 2570, term: str = "1") -> dict:
	return {
		"academic_year": year,
		"term": term,
		"age_group": age_group,
		"children": children,
		"caregivers": caregivers,
	}


def make_staff(centre: str, position: str = "Caregiver", user: str | None = None, **kwargs):
	doc = frappe.get_doc(
		{
			"doctype": "Centre Staff",
			"citizen": make_citizen().name,
			"centre": centre,
			"position": position,
			"user": user,
			"appointment_date": "2020-06-01",
			**kwargs,
		}
	)
	return doc.insert(ignore_permissions=True)


def make_head(centre: str, email: str):
	"""A head of centre with a Centre Head user, set as the centre's head (User Permission follows)."""
	user = make_user(email, ["Centre Head"])
	staff = make_staff(centre, "Head of Centre", user=user)
	doc = frappe.get_doc("Child Development Centre", centre)
	doc.head = staff.name
	doc.save(ignore_permissions=True)
	return staff


def make_training(staff: str, end_date: str, hours: float = 6, start_date: str | None = None, **kwargs):
	return frappe.get_doc(
		{
			"doctype": "Staff Training",
			"staff": staff,
			"course": kwargs.pop("course", "หลักสูตรทดสอบ"),
			"start_date": start_date or end_date,
			"end_date": end_date,
			"hours": hours,
			**kwargs,
		}
	).insert(ignore_permissions=True)


def make_certificate(staff: str, expires_in: int | None, kind: str = "First Aid", **kwargs):
	_serial[0] += 1
	return frappe.get_doc(
		{
			"doctype": "Staff Certificate",
			"staff": staff,
			"kind": kind,
			"certificate_number": kwargs.pop("certificate_number", f"T-{frappe.generate_hash(length=8)}"),
			"issued_on": add_days(today(), -400),
			"expires_on": add_days(today(), expires_in) if expires_in is not None else None,
			**kwargs,
		}
	).insert(ignore_permissions=True)


def education_officer(email: str = "kids.education@nonsaad.test") -> str:
	return make_user(email, ["Education Officer"])


def indicator_scores(score: int = 3, **overrides) -> list[dict]:
	codes = frappe.get_all("ECD Standard Indicator", filters={"enabled": 1}, pluck="name", order_by="name")
	return [{"indicator": c, "score": overrides.get(c.replace(".", "_"), score)} for c in codes]
