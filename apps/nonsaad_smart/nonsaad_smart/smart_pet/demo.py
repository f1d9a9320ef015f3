"""Demo loader of Smart Pet (hook nonsaad_demo_loaders): fixtures/pet.json → pets of demo citizens (and
community dogs), two years of submitted rabies vaccinations, two campaigns, bite incidents and strays.

Pets and vaccinations are bulk-inserted (about 1 000 rows in well under a second) with the values the
controllers would compute: the pet's village and place from its owner's home, the next due date a year
after each dose, first-dose flag and age, the pet's last vaccination. Bites and strays (a few dozen) go
through their controllers. Dates are days before the load day. Idempotent: skipped when pets exist."""

import json
import time
from pathlib import Path

import frappe
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime, today

from nonsaad_smart.smart_pet.doctype.pet.pet import age_in_months, birth_date_of
from nonsaad_smart.smart_pet.doctype.rabies_vaccination.rabies_vaccination import (
	first_dose_warning,
	next_due_date,
)


def load(path: Path) -> None:
	file = Path(path) / "pet.json"
	if not file.exists() or frappe.db.count("Pet"):
		return
	# the warnings a record keeps (a late first dose) are written in the office's language, as an officer's
	# save in the desk writes them
	lang, frappe.local.lang = frappe.local.lang, "th"
	try:
		_load(file)
	finally:
		frappe.local.lang = lang


def _load(file: Path) -> None:
	started = time.monotonic()
	data = json.loads(file.read_text())
	villages = {v.village_no: v.name for v in frappe.get_all("Village", fields=["name", "village_no"])}
	citizens = dict(frappe.get_all("Citizen", fields=["national_id", "name"], as_list=True))
	campaigns = load_campaigns(data["campaigns"], villages)
	pets = load_pets(data["pets"], villages, citizens)
	load_vaccinations(data["vaccinations"], pets, campaigns)
	for name in campaigns.values():
		frappe.get_doc("Vaccination Campaign", name).update_result()
	for row in data["bites"]:
		load_bite(row, villages, citizens, pets)
	for row in data["strays"]:
		load_stray(row, villages, pets)
	print(
		f"smart_pet demo: {len(pets)} pets, {len(data['vaccinations'])} vaccinations, {len(data['bites'])} bites,"
		f" {len(data['strays'])} strays in {time.monotonic() - started:.1f} s"
	)


def set_series(prefix: str, current: int) -> None:
	frappe.db.sql(
		"insert into `tabSeries` (name, current) values (%s, %s) on duplicate key update current = greatest(current, %s)",
		(prefix, current, current),
	)


def load_campaigns(rows, villages) -> dict:
	names = {}
	for row in rows:
		start = add_days(today(), -row["start_days_ago"])
		doc = frappe.get_doc(
			{
				"doctype": "Vaccination Campaign",
				"campaign_name": row["campaign_name"],
				"start_date": start,
				"end_date": add_days(start, row["length"] - 1),
				"target_dogs": row["target_dogs"],
				"target_coverage": 80,
				"vaccines": row["vaccines"],
				"villages": [{"village": v} for v in villages.values()],
			}
		).insert(ignore_permissions=True)
		names[row["key"]] = doc.name
	return names


def load_pets(rows, villages, citizens) -> dict:
	now, user = now_datetime(), "Administrator"
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx",
		"species", "pet_name", "sex", "colour", "breed", "birth_date", "estimated_age_months", "neutered",
		"status", "registered_on", "registered_via", "tag_number", "microchip", "pet_owner", "village",
		"latitude", "longitude",
	]  # fmt: skip
	values, keys = [], {}
	for i, row in enumerate(rows, start=1):
		name = f"PET-{i:05d}"
		keys[row["key"]] = frappe._dict(
			name=name,
			birth=birth_date_of(
				add_days(today(), -row["birth_days_ago"]) if row["birth_days_ago"] else None,
				row["estimated_age_months"],
				add_days(today(), -row["registered_days_ago"]),
			),
			registered_on=add_days(today(), -row["registered_days_ago"]),
			doses=[],
		)
		values.append(
			(
				name, now, now, user, user, 0, 0,
				row["species"], row["pet_name"], row["sex"], row["colour"], row["breed"],
				add_days(today(), -row["birth_days_ago"]) if row["birth_days_ago"] else None,
				row["estimated_age_months"] or 0, row["neutered"], row["status"], keys[row["key"]].registered_on,
				"Office", row["tag_number"], row["microchip"], citizens.get(row["owner"]) if row["owner"] else None,
				villages[row["village_no"]], row["latitude"], row["longitude"],
			)
		)  # fmt: skip
	frappe.db.bulk_insert("Pet", fields, values)
	set_series("PET-", len(rows))
	return keys


def load_vaccinations(rows, pets, campaigns) -> None:
	now, user = now_datetime(), "Administrator"
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx",
		"pet", "pet_name", "species", "village", "pet_owner", "vaccination_date", "vaccine", "lot_number",
		"campaign", "vaccinator_type", "vaccinator", "first_dose", "age_months", "next_due", "dose_warning",
	]  # fmt: skip
	info = {
		p.name: p
		for p in frappe.get_all(
			"Pet", fields=["name", "pet_name", "species", "village", "pet_owner"], limit=0
		)
	}
	values = []
	ordered = sorted(rows, key=lambda r: (r["pet"], -r["days_ago"]))
	for i, row in enumerate(ordered, start=1):
		pet = pets[row["pet"]]
		day = add_days(today(), -row["days_ago"])
		first = not pet.doses
		age = age_in_months(pet.birth, day)
		pet.doses.append(day)
		p = info[pet.name]
		values.append(
			(
				f"RBV-{i:05d}", now, now, user, user, 1, 0,
				pet.name, p.pet_name, p.species, p.village, p.pet_owner, day, row["vaccine"], row["lot_number"],
				campaigns.get(row["campaign"]), row["vaccinator_type"], row["vaccinator"], int(first), age or 0,
				next_due_date(day), first_dose_warning(age) if first else None,
			)
		)  # fmt: skip
	frappe.db.bulk_insert("Rabies Vaccination", fields, values)
	set_series("RBV-", len(rows))
	# each pet's last dose and next due, as Rabies Vaccination.on_submit keeps them (one statement)
	frappe.db.sql(
		"""update `tabPet` p join (
			select pet, max(vaccination_date) as last from `tabRabies Vaccination` where docstatus = 1 group by pet
		) v on v.pet = p.name
		set p.last_vaccinated_on = v.last, p.next_due = date_add(v.last, interval 1 year)"""
	)


def load_bite(row, villages, citizens, pets) -> None:
	bitten_at = get_datetime(
		add_to_date(get_datetime(add_days(today(), -row["days_ago"])), hours=row["hour"])
	)
	reported_at = min(get_datetime(add_to_date(bitten_at, hours=row["report_delay_hours"])), now_datetime())
	doc = frappe.get_doc(
		{
			"doctype": "Bite Incident",
			"victim": citizens.get(row["victim"]) if row["victim"] else None,
			"victim_name": row["victim_name"],
			"victim_phone": row["victim_phone"],
			"pet": pets[row["pet"]].name if row["pet"] else None,
			"species": row["species"],
			"animal_description": row["animal_description"],
			"bitten_at": bitten_at,
			"reported_at": reported_at,
			"place": row["place"],
			"village": villages[row["village_no"]],
			"latitude": row["latitude"],
			"longitude": row["longitude"],
			"referred": row["referred"],
			"health_centre": "โรงพยาบาลส่งเสริมสุขภาพตำบลโนนสะอาด" if row["referred"] else None,
			"outcome": row["outcome"],
			"observations": [
				{
					"observation_date": add_days(bitten_at, d),
					"animal_condition": "Died"
					if row["outcome"] == "Died" and d == max(row["observed_days"])
					else "Normal",
					"observed_by": "นายสัตวแพทย์ประเสริฐ ใจดี",
				}
				for d in row["observed_days"]
			],
		}
	)
	doc.flags.ignore_permissions = True
	doc.insert()
	# where the office has taken it since (the workflow starts every new incident at Reported)
	doc.db_set("workflow_state", row["state"], update_modified=False)


def load_stray(row, villages, pets) -> None:
	found_at = get_datetime(add_to_date(get_datetime(add_days(today(), -row["days_ago"])), hours=9))
	found_at = min(found_at, now_datetime())
	outcome_date = (
		min(add_days(found_at.date(), 7), get_datetime(today()).date()) if row["outcome"] != "Open" else None
	)
	frappe.get_doc(
		{
			"doctype": "Stray Animal",
			"species": row["species"],
			"description": row["description"],
			"found_at": found_at,
			"place": row["place"],
			"village": villages[row["village_no"]],
			"latitude": row["latitude"],
			"longitude": row["longitude"],
			"impounded": row["impounded"],
			"impounded_on": found_at.date() if row["impounded"] else None,
			"outcome": row["outcome"],
			"outcome_date": outcome_date,
			"pet": pets[row["pet"]].name if row["pet"] else None,
		}
	).insert(ignore_permissions=True)
