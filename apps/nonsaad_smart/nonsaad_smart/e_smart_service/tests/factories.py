"""Factories of E-Smart Service: service types, requests, officers with their roles. The one place
where tests (of every module) make a Service Type or a Service Request."""

import base64

import frappe

from nonsaad_smart.tests.utils import TEST_CENTER, ensure_test_settings, make_user

PHONE = "0812345678"
OFFICERS = {
	"frontdesk": ["Front Desk Officer"],
	"works": ["Public Works Officer"],
	"technician": ["Repair Technician"],
	"mayor": ["Executive"],
	"auditor": ["Auditor"],
	"desktech": ["Front Desk Officer", "Repair Technician"],
}


def officer(key: str) -> str:
	return make_user(f"sr.{key}@nonsaad.test", OFFICERS[key])


def make_service_type(code: str = "TCOMPLAINT", **kwargs) -> str:
	if frappe.db.exists("Service Type", code):
		return code
	values = {
		"doctype": "Service Type",
		"code": code,
		"name_th": f"ทดสอบ {code}",
		"name_en": f"Test {code}",
		"kind": "Complaint",
		"sla_days": 5,
		"is_public": 1,
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True).name


def repair_type() -> str:
	return make_service_type("TREPAIR", kind="Repair Report", sla_days=3)


def make_request(flags: dict | None = None, **kwargs):
	"""A request inserted as the system; `flags` are set on the document first (e.g. allow_duplicate_asset)."""
	ensure_test_settings()
	values = {
		"doctype": "Service Request",
		"service_type": make_service_type(),
		"channel": "Web",
		"description": "ท่อระบายน้ำอุดตัน",
		"latitude": TEST_CENTER[0],
		"longitude": TEST_CENTER[1],
		"requester_name": "นายทดสอบ แจ้งเรื่อง",
		"requester_phone": PHONE,
	}
	values.update(kwargs)
	doc = frappe.get_doc(values)
	doc.flags.update(flags or {})
	return doc.insert(ignore_permissions=True)


def data_url_file(content: bytes, filename: str = "photo.jpg", mime: str = "image/jpeg") -> str:
	return f"{filename},data:{mime};base64,{base64.b64encode(content).decode()}"


def count(doctype: str = "Service Request") -> int:
	return frappe.db.count(doctype)
