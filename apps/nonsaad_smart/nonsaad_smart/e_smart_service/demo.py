"""Demo data of E-Smart Service: departments, service types and requests in every workflow state.

Registered in hooks `nonsaad_demo_loaders`; reads fixtures/service_types.json and service_requests.json
(written by fixtures/generate_services.py). Idempotent: types upsert by code, requests are skipped when
one with the same service type, submission time and description exists. Each request walks its path
through the workflow as the officer who would do it (front desk, works, technician), so the trail and
the public timeline are real; times are then set back to the story's dates.
"""

import datetime
import io
import json
from pathlib import Path

import erpnext
import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, get_datetime

from nonsaad_smart.e_smart_service.assets import register_doctypes

ACTORS = {
	"Accept": "frontdesk@nonsaad.test",
	"Reject": "frontdesk@nonsaad.test",
	"Mark Duplicate": "frontdesk@nonsaad.test",
	"Assign": "works@nonsaad.test",
	"Start Work": "technician@nonsaad.test",
	"Resolve": "technician@nonsaad.test",
	"Close": "frontdesk@nonsaad.test",
}
# the actions that need fields of the request set (and saved) before them
FIELD_ACTIONS = ("Assign", "Resolve", "Reject", "Mark Duplicate")


def placeholder_jpeg() -> bytes:
	"""A small grey JPEG that stands in for the technicians' "after" photos."""
	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", (64, 48), (150, 160, 150)).save(buffer, "JPEG")
	return buffer.getvalue()


def read(path: Path, name: str):
	file = path / name
	return json.loads(file.read_text()) if file.exists() else []


def department(name: str) -> str | None:
	if not name:
		return None
	company = erpnext.get_default_company()
	existing = frappe.db.get_value("Department", {"department_name": name, "company": company})
	if existing:
		return existing
	doc = frappe.get_doc({"doctype": "Department", "department_name": name, "company": company})
	doc.insert(ignore_permissions=True)
	return doc.name


def load_service_types(path: Path) -> None:
	registers = register_doctypes()
	for row in read(path, "service_types.json"):
		row = dict(row)
		row["department"] = department(row.pop("department_name", None))
		if row.get("asset_doctype") not in registers:
			# the register's module is not installed yet (Road, Drain, Culvert: Smart Terrain): the type stays
			# without one until it is; loading the demo again then links it
			row["asset_doctype"] = None
		if row.get("department_head") and not frappe.db.exists("User", row["department_head"]):
			row["department_head"] = None
		doc = (
			frappe.get_doc("Service Type", row["code"])
			if frappe.db.exists("Service Type", row["code"])
			else None
		)
		if doc:
			doc.required_documents = []
		else:
			doc = frappe.new_doc("Service Type")
		doc.update(row)
		doc.save(ignore_permissions=True)


def load_requests(path: Path) -> None:
	keys = {}
	for row in read(path, "service_requests.json"):
		existing = frappe.db.get_value(
			"Service Request",
			{
				"service_type": row["service_type"],
				"submitted_on": row["submitted_on"],
				"description": row["description"],
			},
		)
		keys[row["demo_key"]] = existing or make_request(row, keys)


def make_request(row: dict, keys: dict) -> str:
	values = {
		k: row.get(k)
		for k in (
			"service_type",
			"channel",
			"description",
			"latitude",
			"longitude",
			"requester_name",
			"requester_phone",
			"submitted_on",
		)
	}
	if row.get("requester_national_id"):
		values["requester"] = frappe.db.get_value("Citizen", {"national_id": row["requester_national_id"]})
	doc = frappe.get_doc({"doctype": "Service Request", **values})
	doc.insert(ignore_permissions=True)
	when = get_datetime(row["submitted_on"])
	for step, action in enumerate(row["path"], start=1):
		# apply_workflow reads the request itself: it is read first only when fields are saved before it
		if action in FIELD_ACTIONS:
			doc.reload()
		if action == "Assign":
			doc.assigned_to = ACTORS["Start Work"]
		elif action == "Resolve":
			doc.resolution_note = row["resolution_note"]
			if doc.kind == "Repair Report":
				doc.after_photo = after_photo(doc.name)
		elif action in ("Reject", "Mark Duplicate"):
			doc.reason = row["reason"]
			if action == "Mark Duplicate":
				doc.duplicate_of = keys[row["duplicate_of_demo_key"]]
		if action in FIELD_ACTIONS:
			doc.save(ignore_permissions=True)  # the fields the action needs (other actions change none)
		frappe.set_user(ACTORS[action])
		try:
			doc = apply_workflow(doc.as_dict(), action)
		finally:
			frappe.set_user("Administrator")
		backdate(doc, add_to_date(when, hours=20 * step))
	return doc.name


def backdate(doc, at: datetime.datetime) -> None:
	"""Put the step just taken at its date in the story (timeline row and the state's time stamp), in the
	database and in `doc` alike (the modified time stays: the next step saves `doc` as it is)."""
	last = doc.status_log[-1]
	frappe.db.set_value("Service Request Status Log", last.name, "changed_at", at, update_modified=False)
	last.changed_at = at
	field = {"Accepted": "accepted_on", "Resolved": "resolved_on", "Closed": "closed_on"}.get(
		doc.workflow_state
	)
	if field:
		frappe.db.set_value("Service Request", doc.name, field, at, update_modified=False)
		doc.set(field, at)


def after_photo(name: str) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"after-{name}.jpg",
			"attached_to_doctype": "Service Request",
			"attached_to_name": name,
			"is_private": 1,
			"content": placeholder_jpeg(),
		}
	)
	file.save(ignore_permissions=True)
	return file.file_url


def load(path) -> None:
	path = Path(path)
	load_service_types(path)
	load_requests(path)
