"""Demo data of Smart I Pole (repository-root fixtures/poles.json, written by fixtures/generate_poles.py).

Registered in hooks `nonsaad_demo_loaders` after E-Smart Service's loader (its Service Types must exist).
Poles are upserted by code (an existing pole keeps its live status). What happened to some poles is
replayed once, through the DocTypes and the Service Request workflow, so the records are what the
software itself would have written: repairs set pole statuses, completed repairs resolve requests.
"""

import io
import time
from pathlib import Path

import frappe
import png
from frappe.utils import add_to_date, now_datetime

from nonsaad_smart.demo.loader import read, village_names

POLE_DOCTYPE = "Street Light Pole"
TECHNICIAN = "technician@nonsaad.test"
AFTER_PHOTO_NAME = "demo-pole-after-repair.png"
POLE_FIELDS = (
	"pole_code",
	"lamp_type",
	"wattage",
	"height_m",
	"arms",
	"circuit_no",
	"transformer_no",
	"meter_no",
	"install_date",
	"status",
	"latitude",
	"longitude",
)


def load(path: Path) -> None:
	data = read(Path(path), "poles.json")
	if not data:
		return
	started = time.monotonic()
	load_poles(data["poles"])
	frappe.db.commit()
	if frappe.db.count("Pole Repair"):
		return  # the events were replayed on an earlier load
	technician = demo_technician()
	if not technician:
		return
	photo = after_photo()
	load_repairs(data["repairs"], technician)
	service_type = pole_service_type()
	if service_type:
		load_requests(data["requests"], service_type, technician, photo)
	frappe.set_user("Administrator")
	print(
		f"smart_i_pole demo: {len(data['poles'])} poles, {len(data['repairs'])} repairs, "
		f"{len(data['requests']) if service_type else 0} requests in {time.monotonic() - started:.1f} s"
	)


def load_poles(rows: list[dict]) -> None:
	"""New poles, each checked by its controller (code, village, values, place), written in bulk
	(smart_core.bulk: a pole's controller does nothing after the write)."""
	from nonsaad_smart.smart_core.bulk import insert_checked
	from nonsaad_smart.smart_core.gis import clear_layer_cache

	insert_checked(new_poles(rows))
	clear_layer_cache(POLE_DOCTYPE)


def new_poles(rows: list[dict]):
	villages = village_names()
	existing = set(frappe.get_all(POLE_DOCTYPE, pluck="name"))
	now = now_datetime()
	for row in rows:
		if row["pole_code"] in existing:
			continue
		doc = frappe.get_doc(
			{
				"doctype": POLE_DOCTYPE,
				"village": villages[row["village_no"]],
				**{k: row[k] for k in POLE_FIELDS if row.get(k) not in (None, "")},
			}
		)
		if row.get("faulty_days_ago"):
			doc.faulty_since = add_to_date(now, days=-row["faulty_days_ago"])
		yield doc


def demo_technician() -> str | None:
	if frappe.db.exists("User", TECHNICIAN):
		return TECHNICIAN
	has_role = frappe.qb.DocType("Has Role")
	rows = (
		frappe.qb.from_(has_role)
		.select(has_role.parent)
		.where((has_role.role == "Repair Technician") & (has_role.parenttype == "User"))
		.limit(1)
		.run()
	)
	return rows[0][0] if rows else None


def pole_service_type() -> str | None:
	if not frappe.db.exists("DocType", "Service Request"):
		return None
	return frappe.db.get_value(
		"Service Type",
		{"asset_doctype": POLE_DOCTYPE, "kind": "Repair Report"},
		"name",
		order_by="creation asc",
	)


def after_photo() -> str:
	"""A small picture standing for the technician's "after" photo (a lit lamp)."""
	url = frappe.db.get_value("File", {"file_name": AFTER_PHOTO_NAME, "is_private": 0}, "file_url")
	if url:
		return url
	size, rows = 48, []
	for y in range(size):
		row = []
		for x in range(size):
			glow = max(0, 255 - int(((x - 24) ** 2 + (y - 16) ** 2) ** 0.5 * 12))
			row += [max(glow, 30), max(int(glow * 0.9), 30), 40 if y < 30 else 90]
		rows.append(row)
	buffer = io.BytesIO()
	png.Writer(size, size, greyscale=False).write(buffer, rows)
	file = frappe.get_doc(
		{"doctype": "File", "file_name": AFTER_PHOTO_NAME, "content": buffer.getvalue(), "is_private": 0}
	).insert(ignore_permissions=True)
	return file.file_url


def new_repair(pole: str, technician: str, start, row: dict, service_request: str | None = None):
	return frappe.get_doc(
		{
			"doctype": "Pole Repair",
			"pole": pole,
			"source": "Service Request" if service_request else "Inspection",
			"service_request": service_request,
			"technician": technician,
			"start_datetime": start,
			"fault_description": row.get("fault_description") or row.get("description"),
			"work_done": row.get("work_done"),
			"parts": row.get("parts") or [],
		}
	).insert(ignore_permissions=True)


def load_repairs(rows: list[dict], technician: str) -> None:
	now = now_datetime()
	for row in sorted(rows, key=lambda r: -r["days_ago"]):
		start = add_to_date(now, days=-row["days_ago"])
		repair = new_repair(row["pole_code"], technician, start, row)
		if row.get("outcome"):
			repair.outcome = row["outcome"]
			repair.end_datetime = add_to_date(start, hours=row["hours"])
			repair.submit()


def move(request: str, state: str, **values) -> None:
	doc = frappe.get_doc("Service Request", request)
	doc.update(values)
	doc.workflow_state = state
	doc.save(ignore_permissions=True)


def load_requests(rows: list[dict], service_type: str, technician: str, photo: str) -> None:
	# the states come from E-Smart Service's public API (the demo data names them as its workflow does)
	from nonsaad_smart.e_smart_service.api import (
		ACCEPTED,
		ASSIGNED,
		CLOSED,
		DUPLICATE,
		IN_PROGRESS,
		REJECTED,
		SUBMITTED,
	)

	now = now_datetime()
	originals: dict[str, str] = {}
	for row in sorted(rows, key=lambda r: r["target_state"] == DUPLICATE):
		frappe.set_user("Administrator")
		submitted = add_to_date(now, days=-row["days_ago"])
		doc = frappe.get_doc(
			{
				"doctype": "Service Request",
				"service_type": service_type,
				"channel": row["channel"],
				"description": row["description"],
				"requester_name": row["requester_name"],
				"requester_phone": row["requester_phone"],
				"asset_doctype": POLE_DOCTYPE,
				"asset_name": row["pole_code"],
				"submitted_on": submitted,
			}
		)
		target = row["target_state"]
		if target == DUPLICATE:
			doc.flags.allow_duplicate_asset = True
		doc.insert(ignore_permissions=True)
		if target == REJECTED:
			move(doc.name, REJECTED, reason=row["reason"])
			continue
		if target == DUPLICATE:
			move(doc.name, DUPLICATE, reason=row["reason"], duplicate_of=originals[row["pole_code"]])
			continue
		originals[row["pole_code"]] = doc.name
		if target == SUBMITTED:
			continue
		move(doc.name, ACCEPTED)
		if target == ACCEPTED:
			continue
		move(doc.name, ASSIGNED, assigned_to=technician)
		if target == ASSIGNED:
			continue
		move(doc.name, IN_PROGRESS)
		start = min(add_to_date(submitted, days=1), add_to_date(now, hours=-3))
		repair = new_repair(row["pole_code"], technician, start, row, service_request=doc.name)
		if target == IN_PROGRESS:
			continue
		frappe.set_user(technician)  # the technician completes the repair and so resolves the request
		repair.reload()
		repair.outcome = "Repaired"
		repair.end_datetime = add_to_date(start, hours=2)
		repair.after_photo = photo
		repair.submit()
		frappe.set_user("Administrator")
		if target == CLOSED:
			move(doc.name, CLOSED)
