"""Demo loader of Smart EMS (hook nonsaad_demo_loaders): fixtures/ems.json → 2 ambulances (each a submitted
ERPNext Asset on the municipality's register), 10 crew (demo citizens; some certificates expire soon),
shifts of two teams per ambulance around the load day, a month of vehicle checks, a year of closed
incidents with their time chains, one red incident on scene and one call waiting for dispatch.

Fast: the year of closed incidents is written with `db_insert` after the controller's own computations
(`chain.check_order`, `chain.compute_intervals`); the live records go through the controllers and the
dispatch rule. Idempotent: keyed by plate, national ID and 1669 case number.
"""

import json
import time
from pathlib import Path

import erpnext
import frappe
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, today

from nonsaad_smart.smart_ems.chain import STEPS, check_order, compute_intervals
from nonsaad_smart.smart_ems.setup import setup_ems

AMBULANCE_ITEM = "KP-402-09"
DEPARTMENT = "กองสาธารณสุขและสิ่งแวดล้อม"
VEHICLE_ITEM_MODEL = "KP-402-01"  # the vehicle class item whose group, unit and category the ambulance takes
BASE_NAME = "หน่วยกู้ชีพเทศบาลตำบลโนนสะอาด"


def load(path: Path) -> None:
	file = Path(path) / "ems.json"
	if not file.exists():
		return
	data = json.loads(file.read_text())
	started = time.monotonic()
	setup_ems()
	ambulances = {row["key"]: load_ambulance(row, data["base"]) for row in data["ambulances"]}
	crew = {row["key"]: load_crew(row) for row in data["crew"]}
	load_shifts(data, ambulances, crew)
	link_demo_user(data, crew)
	load_checks(ambulances)
	created = load_incidents(data["incidents"], ambulances, crew, data["teams"])
	load_live(data, ambulances)
	print(f"smart_ems demo: {created} incidents loaded in {time.monotonic() - started:.1f} s")


def ambulance_item() -> str | None:
	if frappe.db.exists("Item", AMBULANCE_ITEM):
		return AMBULANCE_ITEM
	model = frappe.db.get_value(
		"Item", VEHICLE_ITEM_MODEL, ["item_group", "stock_uom", "asset_category"], as_dict=True
	)
	if not model:
		return None
	frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": AMBULANCE_ITEM,
			"item_name": "รถพยาบาลฉุกเฉิน (รถตู้)",
			"item_group": model.item_group,
			"stock_uom": model.stock_uom,
			"is_stock_item": 0,
			"is_fixed_asset": 1,
			"asset_category": model.asset_category,
			"include_item_in_manufacturing": 0,
		}
	).insert(ignore_permissions=True)
	return AMBULANCE_ITEM


def make_asset(row: dict, base) -> str | None:
	"""The ambulance as a submitted Asset (an existing asset brought onto the register)."""
	item = ambulance_item()
	company = erpnext.get_default_company()
	if not item or not company:
		return None
	abbr = frappe.get_cached_value("Company", company, "abbr")
	location = frappe.db.get_value(
		"Location", {"location_name": ("like", "โรงจอดรถ%")}
	) or frappe.db.get_value("Location", {})
	doc = frappe.get_doc(
		{
			"doctype": "Asset",
			"company": company,
			"item_code": item,
			"asset_name": f"รถพยาบาลฉุกเฉิน {row['ambulance_type']} {row['plate']}",
			"asset_category": frappe.get_cached_value("Item", item, "asset_category"),
			"location": location,
			"department": frappe.db.get_value(
				"Department", {"department_name": DEPARTMENT, "company": company}
			),
			"cost_center": f"{DEPARTMENT} - {abbr}",
			"purchase_date": row["bought"],
			"available_for_use_date": row["bought"],
			"gross_purchase_amount": row["cost"],
			"purchase_amount": row["cost"],
			"is_existing_asset": 1,
			"calculate_depreciation": 0,
			"latitude": base[0],
			"longitude": base[1],
		}
	)
	frappe.flags.mute_messages = True
	frappe.db.savepoint("ems_asset")
	try:
		doc.insert(ignore_permissions=True)
		doc.submit()
	except frappe.ValidationError as error:  # the register's own rules: the ambulance still loads
		frappe.db.rollback(save_point="ems_asset")
		print(f"smart_ems demo: no asset for {row['plate']}: {error}")
		return None
	finally:
		frappe.flags.mute_messages = False
	return doc.name


def load_ambulance(row: dict, base) -> str:
	name = frappe.db.get_value("Ambulance", {"plate": row["plate"]})
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Ambulance",
			"plate": row["plate"],
			"ambulance_type": row["ambulance_type"],
			"base": BASE_NAME,
			"asset": make_asset(row, base),
			"latitude": base[0],
			"longitude": base[1],
		}
	)
	return doc.insert(ignore_permissions=True).name


def load_crew(row: dict) -> str:
	citizen = frappe.db.get_value("Citizen", {"national_id": row["national_id"]})
	name = frappe.db.get_value("EMS Crew Member", {"citizen": citizen}) if citizen else None
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "EMS Crew Member",
			"full_name": row["full_name"],
			"level": row["level"],
			"citizen": citizen,
			"phone": row["phone"],
			"certificate_number": row["certificate_number"],
			"certificate_issued": add_days(today(), -row["issued_days_ago"]),
			"certificate_expiry": add_days(today(), row["expires_in_days"]),
		}
	)
	return doc.insert(ignore_permissions=True).name


def team_on(day, team_names: list[str]) -> str:
	"""Two teams per ambulance on alternate days (24-hour shifts from 08:00)."""
	return team_names[getdate(day).toordinal() % 2]


def teams_of(data: dict) -> dict[str, list[str]]:
	teams: dict[str, list[str]] = {}
	for team, amb in sorted(data["teams"].items()):
		teams.setdefault(amb, []).append(team)
	return teams


def load_shifts(data: dict, ambulances: dict, crew: dict) -> None:
	"""Shifts from a week before to a week after the load day."""
	members: dict[str, list[str]] = {}
	for row in data["crew"]:
		members.setdefault(row["team"], []).append(crew[row["key"]])
	for amb_key, team_names in teams_of(data).items():
		for offset in range(-7, 8):
			day = add_days(today(), offset)
			start = get_datetime(f"{day} 08:00:00")
			if frappe.db.exists("EMS Shift", {"ambulance": ambulances[amb_key], "shift_start": start}):
				continue
			team = team_on(day, team_names)
			frappe.get_doc(
				{
					"doctype": "EMS Shift",
					"ambulance": ambulances[amb_key],
					"shift_start": start,
					"shift_end": add_to_date(start, hours=24),
					"crew": [{"crew_member": m} for m in members[team]],
				}
			).insert(ignore_permissions=True)


def link_demo_user(data: dict, crew: dict) -> None:
	"""The demo's crew@nonsaad.test rides the ALS with the team on duty now (the phone screen shows its
	incident)."""
	user = "crew@nonsaad.test"
	if not frappe.db.exists("User", user) or frappe.db.exists("EMS Crew Member", {"user": user}):
		return
	now = now_datetime()
	day = now.date() if now.hour >= 8 else add_days(now.date(), -1)
	team = team_on(day, teams_of(data)["ALS"])
	frappe.db.set_value("EMS Crew Member", crew[f"{team}-2"], "user", user)


def load_checks(ambulances: dict) -> None:
	"""A month of daily checks, all passed but one failed (oxygen) the next day put right."""
	items = frappe.get_all(
		"EMS Check Item", filters={"enabled": 1}, fields=["name", "critical"], order_by="sort_order"
	)
	for amb in ambulances.values():
		if frappe.db.exists("Vehicle Check", {"ambulance": amb}):
			continue
		for days_ago in range(30, -1, -1):
			failed = days_ago == 9 and amb == next(iter(ambulances.values()))
			doc = frappe.get_doc(
				{
					"doctype": "Vehicle Check",
					"ambulance": amb,
					"check_date": add_days(today(), -days_ago),
					"checked_by": "Administrator",
					"oxygen_level": 35 if failed else 80 + days_ago % 20,
					"fuel_level": 60 + days_ago % 40,
					"items": [{"check_item": i.name, "critical": i.critical, "ok": 1} for i in items],
				}
			)
			doc.run_method("validate")
			doc.set_new_name()
			doc.set_parent_in_children()
			doc.db_insert()
			for child in doc.items:
				child.db_insert()
		from nonsaad_smart.smart_ems.doctype.vehicle_check.vehicle_check import apply_latest_check

		apply_latest_check(amb)


def load_incidents(rows: list[dict], ambulances: dict, crew: dict, teams: dict) -> int:
	existing = set(
		frappe.get_all("EMS Incident", filters={"case_number": ("is", "set")}, pluck="case_number")
	)
	villages = {v.village_no: v.name for v in frappe.get_all("Village", fields=["name", "village_no"])}
	citizens = {}
	ids = [r["patient_national_id"] for r in rows if r.get("patient_national_id")]
	for c in frappe.get_all(
		"Citizen",
		filters={"national_id": ("in", ids or [""])},
		fields=["name", "national_id", "first_name", "last_name"],
	):
		citizens[c.national_id] = c
	team_members: dict[str, list[str]] = {}
	for key, name in crew.items():
		team_members.setdefault(key.rsplit("-", 1)[0], []).append(name)
	by_amb: dict[str, list[str]] = {}
	for team, amb in sorted(teams.items()):
		by_amb.setdefault(amb, []).append(team)
	created = 0
	busy_until = {}
	for row in rows:
		if row["case_number"] in existing:
			continue
		call = add_to_date(
			get_datetime(f"{add_days(today(), -row['days_ago'])} 00:00:00"), minutes=row["minute_of_day"]
		)
		amb_key = (
			"ALS"
			if row["triage"] == "Red" or not busy_until.get("ALS") or busy_until["ALS"] < call
			else "BLS"
		)
		if busy_until.get(amb_key) and busy_until[amb_key] > call:
			amb_key = "BLS" if amb_key == "ALS" else "ALS"
		team = team_on(call.date() if call.hour >= 8 else add_days(call.date(), -1), by_amb[amb_key])
		patient = citizens.get(row.get("patient_national_id"))
		doc = frappe.get_doc(
			{
				"doctype": "EMS Incident",
				"case_number": row["case_number"],
				"status": "Closed",
				"triage": row["triage"],
				"chief_complaint": row["chief_complaint"],
				"caller_name": row["caller_name"],
				"caller_phone": row["caller_phone"],
				"patient": patient and patient.name,
				"patient_name": patient and f"{patient.first_name} {patient.last_name}",
				"patient_age": row["patient_age"],
				"patient_sex": row["patient_sex"],
				"village": villages.get(row["village_no"]),
				"landmark": row["landmark"],
				"latitude": row["latitude"],
				"longitude": row["longitude"],
				"ambulance": ambulances[amb_key],
				"crew": [{"crew_member": m} for m in team_members[team]],
				"destination_hospital": row["destination_hospital"],
				"outcome": row["outcome"],
				"no_transport": int(not row["minutes"]["at_hospital"]),
				"call_received": call,
			}
		)
		moment = call
		for step in STEPS[1:]:
			gap = row["minutes"].get(step)
			if gap is None:
				continue
			moment = add_to_date(moment, seconds=int(gap * 60))
			doc.set(step, moment)
		busy_until[amb_key] = moment
		check_order(doc)
		compute_intervals(doc)
		doc.set_new_name()
		doc.set_parent_in_children()
		doc.creation = doc.modified = call
		doc.owner = doc.modified_by = "Administrator"
		doc.db_insert()
		for child in doc.crew:
			child.user = frappe.get_cached_value("EMS Crew Member", child.crew_member, "user")
			child.crew_name = frappe.get_cached_value("EMS Crew Member", child.crew_member, "full_name")
			child.level = frappe.get_cached_value("EMS Crew Member", child.crew_member, "level")
			child.db_insert()
		created += 1
	return created


def load_live(data: dict, ambulances: dict) -> None:
	"""A red case on scene (the ALS, today's team) and a yellow call waiting for the BLS."""
	from nonsaad_smart.smart_ems.dispatch import dispatch

	if frappe.db.exists("EMS Incident", {"case_number": "1669-2569-LIVE1"}):
		return
	villages = {
		v.village_no: v
		for v in frappe.get_all("Village", fields=["name", "village_no", "latitude", "longitude"])
	}
	live = []
	for case, triage, complaint, village_no, minutes_ago in (
		("1669-2569-LIVE1", "Red", "07", 3, 9),
		("1669-2569-LIVE2", "Yellow", "24", 6, 2),
	):
		village = villages.get(village_no) or next(iter(villages.values()))
		doc = frappe.get_doc(
			{
				"doctype": "EMS Incident",
				"case_number": case,
				"triage": triage,
				"chief_complaint": complaint,
				"caller_name": "ประยูร บุญมา",
				"caller_phone": "0812345670",
				"patient_age": 67 if triage == "Red" else 34,
				"patient_sex": "Male",
				"village": village.name,
				"landmark": "ใกล้ศาลาประชาคม",
				"latitude": village.latitude,
				"longitude": village.longitude,
				"call_received": add_to_date(now_datetime(), minutes=-minutes_ago),
			}
		).insert(ignore_permissions=True)
		live.append(doc.name)
	dispatch(live[0], ambulances["ALS"])
	doc = frappe.get_doc("EMS Incident", live[0])
	doc.dispatched = add_to_date(doc.call_received, seconds=95)
	doc.left_base = add_to_date(doc.call_received, seconds=160)
	doc.flags.time_chain_update = True
	doc.save(ignore_permissions=True)
