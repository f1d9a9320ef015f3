"""Demo data of Smart Terrain (repository-root fixtures/terrain.json, written by
fixtures/generate_terrain.py). Registered in hooks `nonsaad_demo_loaders` after E-Smart Service's loader.

Assets are inserted through their controllers (geometry checked, length computed) once; surveys are
inserted with the asset update deferred, then each asset takes its latest survey once. Works go through
the Maintenance Work workflow. The demo's POTHOLE/DRAIN/CULVERT requests are linked to the nearest
road/drain/culvert, and one open request is settled by a completed work, as an officer would do it.
"""

import functools
import io
import json
import time
from contextlib import contextmanager
from pathlib import Path

import frappe
import png
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, cint, today

from nonsaad_smart.demo.loader import read, village_names
from nonsaad_smart.smart_core.thai_date import fiscal_year
from nonsaad_smart.smart_terrain.workflows import APPROVED, DONE, IN_PROGRESS

TECHNICIAN = "technician@nonsaad.test"
PHOTO_NAME = "demo-terrain-after-work.png"
REQUEST_TYPES = {"POTHOLE": "Road", "DRAIN": "Drain", "CULVERT": "Culvert"}


def load(path: Path) -> None:
	data = read(Path(path), "terrain.json")
	if not data or frappe.db.count("Road"):
		link_requests()
		return
	started = time.monotonic()
	villages = village_names()
	with treatment_rules_read_once():
		codes = load_assets(data, villages)
		load_surveys(data["surveys"], codes)
		load_works(data["works"], codes)
	frappe.db.commit()
	link_requests()
	frappe.db.commit()
	print(
		f"smart_terrain demo: {len(data['roads'])} roads, {len(data['drains'])} drains, "
		f"{len(data['culverts'])} culverts, {len(data['surveys'])} surveys, {len(data['works'])} works "
		f"in {time.monotonic() - started:.1f} s"
	)


@contextmanager
def treatment_rules_read_once():
	"""While the demo's surveys and works are checked, the Treatment Rules (which nothing changes meanwhile)
	are read once per asset kind and rating instead of once per survey (each survey's validate asks)."""
	from nonsaad_smart.smart_terrain import condition
	from nonsaad_smart.smart_terrain.doctype.condition_survey import condition_survey

	framework = condition.treatment_for
	condition.treatment_for = condition_survey.treatment_for = functools.lru_cache(maxsize=None)(framework)
	try:
		yield
	finally:
		condition.treatment_for = condition_survey.treatment_for = framework


def load_assets(data: dict, villages: dict) -> dict:
	codes = {}
	for row in data["roads"]:
		doc = frappe.get_doc(
			{
				"doctype": "Road",
				**{
					k: v
					for k, v in row.items()
					if k not in ("village_no", "villages", "coordinates", "ratings")
				},
				"village": villages[row["village_no"]],
				"villages": [{"village": villages[n]} for n in row["villages"]],
				"geometry": json.dumps({"type": "LineString", "coordinates": row["coordinates"]}),
			}
		).insert(ignore_permissions=True)
		codes[("Road", row["road_code"])] = doc.name
	for row in data["drains"]:
		doc = frappe.get_doc(
			{
				"doctype": "Drain",
				**{
					k: v
					for k, v in row.items()
					if k not in ("village_no", "coordinates", "road_code", "demo_key")
				},
				"village": villages[row["village_no"]],
				"road": codes.get(("Road", row["road_code"])),
				"geometry": json.dumps({"type": "LineString", "coordinates": row["coordinates"]}),
			}
		).insert(ignore_permissions=True)
		codes[("Drain", row["demo_key"])] = doc.name
	for row in data["culverts"]:
		doc = frappe.get_doc(
			{
				"doctype": "Culvert",
				**{k: v for k, v in row.items() if k not in ("village_no", "road_code", "demo_key")},
				"village": villages[row["village_no"]],
				"road": codes.get(("Road", row["road_code"])),
			}
		).insert(ignore_permissions=True)
		codes[("Culvert", row["demo_key"])] = doc.name
	for row in data["flood_points"]:
		frappe.get_doc(
			{
				"doctype": "Flood Point",
				"place": row["place"],
				"village": villages[row["village_no"]],
				"latitude": row["latitude"],
				"longitude": row["longitude"],
				"depth_cm": row["depth_cm"],
				"cause": row["cause"],
				"source": "Survey",
				"first_seen": add_days(today(), -row["first_seen_days_ago"]),
				"last_seen": add_days(today(), -row["last_seen_days_ago"]),
			}
		).insert(ignore_permissions=True)
	return codes


def load_surveys(rows: list[dict], codes: dict) -> None:
	from nonsaad_smart.smart_terrain.doctype.condition_survey.condition_survey import update_asset_condition

	surveyor = "works@nonsaad.test" if frappe.db.exists("User", "works@nonsaad.test") else None
	touched = set()
	for row in rows:
		name = codes[(row["asset_doctype"], row["asset_code"])]
		doc = frappe.get_doc(
			{
				"doctype": "Condition Survey",
				"asset_doctype": row["asset_doctype"],
				"asset_name": name,
				"road_segment": row.get("segment_no"),
				"survey_date": add_days(today(), -row["days_ago"]),
				"surveyor": surveyor,
				"paser": row.get("paser"),
				"blockage_pct": row.get("blockage_pct"),
				"structural_damage": row.get("structural_damage"),
			}
		)
		doc.flags.defer_asset_update = True
		doc.insert(ignore_permissions=True)
		touched.add((row["asset_doctype"], name, cint(row.get("segment_no")) or None))
	for doctype, name, segment in sorted(touched, key=lambda t: (t[0], t[1], t[2] or 0)):
		update_asset_condition(doctype, name, segment)


def load_works(rows: list[dict], codes: dict) -> None:
	from nonsaad_smart.smart_terrain import condition

	treatment_for = condition.treatment_for  # read once while loading (treatment_rules_read_once)
	technician = TECHNICIAN if frappe.db.exists("User", TECHNICIAN) else None
	supplier = frappe.db.get_value("Supplier", {}, "name")
	for row in rows:
		name = codes[(row["asset_doctype"], row["asset_code"])]
		asset = frappe.db.get_value(row["asset_doctype"], name, ["condition_class"], as_dict=True)
		if row["asset_doctype"] == "Road":
			paser = frappe.db.get_value(
				"Condition Survey", {"asset_name": name}, "paser", order_by="survey_date asc"
			)
			treatment = treatment_for("Road", paser or 5)
		else:
			treatment = treatment_for(
				row["asset_doctype"], condition_class=asset.condition_class or "Poor"
			) or treatment_for(row["asset_doctype"], condition_class="Fair")
		executor = row["executor"] if supplier or row["executor"] == "Own Crew" else "Own Crew"
		start = add_days(today(), -row["days_ago"])
		doc = frappe.get_doc(
			{
				"doctype": "Maintenance Work",
				"asset_doctype": row["asset_doctype"],
				"asset_name": name,
				"treatment": treatment,
				"executor": executor,
				"contractor": supplier if executor == "Contractor" else None,
				"technician": technician if executor == "Own Crew" else None,
				"fiscal_year_be": fiscal_year(start),
				"budget_line": "แผนงานเคหะและชุมชน งานบำรุงรักษาทาง",
				"planned_start": start,
				"source": "Condition Survey",
			}
		).insert(ignore_permissions=True)
		advance(doc, row["state"], row.get("work_done"), row.get("condition_after"), start)


def advance(doc, state: str, work_done=None, condition_after=None, completed_on=None):
	steps = {
		APPROVED: ["Approve"],
		IN_PROGRESS: ["Approve", "Start Work"],
		DONE: ["Approve", "Start Work"],
	}
	for action in steps.get(state, []):
		doc = apply_workflow(doc, action)
	if state == DONE:
		doc.reload()
		doc.work_done = work_done or "ซ่อมเสร็จ"
		doc.condition_after = condition_after or 9
		doc.completed_on = completed_on
		doc.save()
		doc = apply_workflow(doc, "Complete")
	return doc


def link_requests() -> None:
	"""The demo's POTHOLE/DRAIN/CULVERT requests name the nearest asset (once); one accepted request
	about a road gets a completed work that resolves it."""
	from nonsaad_smart.smart_terrain.api import _nearest

	if not frappe.db.exists("DocType", "Service Request"):
		return
	rows = frappe.get_all(
		"Service Request",
		filters={"service_type": ("in", list(REQUEST_TYPES)), "asset_name": ("is", "not set")},
		fields=["name", "service_type", "latitude", "longitude", "workflow_state"],
	)
	for row in rows:
		if not row.latitude:
			continue
		found = _nearest(REQUEST_TYPES[row.service_type], row.latitude, row.longitude, max_m=3000)
		if found:
			frappe.db.set_value(
				"Service Request",
				row.name,
				{"asset_doctype": found["doctype"], "asset_name": found["name"]},
				update_modified=False,
			)
	if frappe.db.exists("Maintenance Work", {"service_request": ("is", "set")}):
		return
	from nonsaad_smart.e_smart_service.api import is_open

	for row in frappe.get_all(
		"Service Request",
		filters={"service_type": ("in", list(REQUEST_TYPES)), "asset_name": ("is", "set")},
		fields=["name", "asset_doctype", "asset_name", "workflow_state"],
		order_by="name asc",
	):
		if not is_open(row.name):
			continue
		from nonsaad_smart.smart_terrain.condition import treatment_for

		treatment = (
			treatment_for(row.asset_doctype, 5)
			if row.asset_doctype == "Road"
			else treatment_for(row.asset_doctype, condition_class="Poor")
		)
		doc = frappe.get_doc(
			{
				"doctype": "Maintenance Work",
				"asset_doctype": row.asset_doctype,
				"asset_name": row.asset_name,
				"service_request": row.name,
				"treatment": treatment,
				"executor": "Own Crew",
				"technician": TECHNICIAN if frappe.db.exists("User", TECHNICIAN) else None,
				"planned_start": add_days(today(), -2),
				"quantity": 20 if row.asset_doctype == "Road" else None,
				"after_photo": after_photo(),
			}
		).insert(ignore_permissions=True)
		advance(doc, DONE, "ซ่อมหลุมบ่อและปรับผิวจราจรแล้ว", 8, today())
		break


def after_photo() -> str:
	"""A small picture standing for the crew's "after" photo."""
	url = frappe.db.get_value("File", {"file_name": PHOTO_NAME, "is_private": 0}, "file_url")
	if url:
		return url
	size, rows = 48, []
	for y in range(size):
		rows.append([c for x in range(size) for c in (90, 90 + (x + y) % 40, 95)])
	buffer = io.BytesIO()
	png.Writer(size, size, greyscale=False).write(buffer, rows)
	file = frappe.get_doc(
		{"doctype": "File", "file_name": PHOTO_NAME, "content": buffer.getvalue(), "is_private": 0}
	).insert(ignore_permissions=True)
	return file.file_url
