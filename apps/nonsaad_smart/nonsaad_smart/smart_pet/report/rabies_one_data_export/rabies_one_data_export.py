"""Rabies One Data Export: one row per rabies vaccination in a period, in the columns the Department of
Livestock Development's "Rabies One Data" (สัตว์ปลอดโรค คนปลอดภัย) collects about a vaccinated animal
and its owner – see docs/smart-pet.md for each column. Export it from the report's menu (Excel/CSV).

The owner's national ID is never exported unmasked (the Public Health Officer does not read it: PDPA,
smart_core/personal_data.json); the address columns are the owner's registered address."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.get("from_date") or add_months(today(), -1))
	to_date = getdate(filters.get("to_date") or today())
	doses = frappe.get_list(
		"Rabies Vaccination",
		filters=[["docstatus", "=", 1], ["vaccination_date", "between", [from_date, to_date]]],
		fields=[
			"name",
			"pet",
			"vaccination_date",
			"vaccine",
			"lot_number",
			"vaccinator",
			"vaccinator_type",
			"first_dose",
			"age_months",
			"campaign",
		],
		order_by="vaccination_date asc, name asc",
		limit=0,
	)
	pets = {
		p.name: p
		for p in frappe.get_list(
			"Pet",
			filters={"name": ("in", list({d.pet for d in doses}) or [""])},
			fields=[
				"name",
				"species",
				"pet_name",
				"sex",
				"colour",
				"breed",
				"neutered",
				"microchip",
				"tag_number",
				"village",
				"pet_owner",
				"owner_name",
			],
			limit=0,
		)
	}
	villages = {
		v.name: v
		for v in frappe.get_all("Village", fields=["name", "village_no", "village_name", "dopa_code"])
	}
	settings = frappe.get_cached_doc("Smart Settings")
	owners = owner_rows({p.pet_owner for p in pets.values() if p.pet_owner})
	rows = []
	for d in doses:
		pet = pets.get(d.pet) or frappe._dict()
		village = villages.get(pet.village) or frappe._dict()
		owner = owners.get(pet.pet_owner) or frappe._dict()
		rows.append(
			{
				"record_id": d.name,
				"vaccination_date": d.vaccination_date,
				"animal_type": _(pet.species or ""),
				"animal_id": pet.name,
				"animal_name": pet.pet_name,
				"sex": _(pet.sex or ""),
				"age_months": d.age_months,
				"colour": pet.colour,
				"breed": pet.breed,
				"neutered": _("Yes") if pet.neutered else _("No"),
				"microchip": pet.microchip or "",
				"tag_number": pet.tag_number or "",
				"ownership": _("Owned") if pet.pet_owner else _("Community (no owner)"),
				"owner_name": pet.owner_name or "",
				"owner_id_masked": owner.get("national_id_masked") or "",
				"owner_phone": owner.get("phone") or "",
				"house_no": owner.get("house_no") or "",
				"village_no": village.village_no,
				"village_name": village.village_name,
				"village_code": village.dopa_code,
				"subdistrict": settings.subdistrict,
				"district": settings.district,
				"province": settings.province,
				"province_code": settings.province_code,
				"dose": _("First dose") if d.first_dose else _("Booster"),
				"vaccine": d.vaccine,
				"lot_number": d.lot_number,
				"vaccinator": d.vaccinator,
				"vaccinator_type": _(d.vaccinator_type or ""),
				"campaign": d.campaign or "",
			}
		)
	return columns(), rows


def owner_rows(names: set) -> dict:
	if not names:
		return {}
	fields = ["name", "national_id_masked"]
	meta = frappe.get_meta("Citizen")
	permitted = (
		set(meta.get_permlevel_access("read") or [0]) if frappe.session.user != "Administrator" else None
	)
	for fieldname in ("phone", "house_no"):
		df = meta.get_field(fieldname)
		if permitted is None or (df and df.permlevel in permitted):
			fields.append(fieldname)
	return {
		r.name: r
		for r in frappe.get_list("Citizen", filters={"name": ("in", list(names))}, fields=fields, limit=0)
	}


def columns():
	return [
		column(_("Record ID"), "record_id", "Data", 110),
		column(_("Vaccination Date"), "vaccination_date", "Date", 110),
		column(_("Animal Type"), "animal_type", "Data", 80),
		column(_("Animal ID"), "animal_id", "Data", 100),
		column(_("Animal Name"), "animal_name", "Data", 120),
		column(_("Sex"), "sex", "Data", 70),
		column(_("Age (Months)"), "age_months", "Int", 80),
		column(_("Colour and Markings"), "colour", "Data", 120),
		column(_("Breed"), "breed", "Data", 100),
		column(_("Neutered"), "neutered", "Data", 70),
		column(_("Microchip Number"), "microchip", "Data", 140),
		column(_("Tag Number"), "tag_number", "Data", 90),
		column(_("Ownership"), "ownership", "Data", 110),
		column(_("Owner Name"), "owner_name", "Data", 160),
		column(_("Owner ID (masked)"), "owner_id_masked", "Data", 130),
		column(_("Owner Phone"), "owner_phone", "Data", 110),
		column(_("House No."), "house_no", "Data", 70),
		column(_("Village No."), "village_no", "Int", 70),
		column(_("Village Name"), "village_name", "Data", 130),
		column(_("Village Code (DOPA)"), "village_code", "Data", 110),
		column(_("Subdistrict"), "subdistrict", "Data", 100),
		column(_("District"), "district", "Data", 100),
		column(_("Province"), "province", "Data", 100),
		column(_("Province Code (DOPA)"), "province_code", "Data", 90),
		column(_("Dose"), "dose", "Data", 90),
		column(_("Vaccine"), "vaccine", "Data", 140),
		column(_("Lot Number"), "lot_number", "Data", 100),
		column(_("Vaccinator"), "vaccinator", "Data", 140),
		column(_("Vaccinator Type"), "vaccinator_type", "Data", 100),
		column(_("Campaign"), "campaign", "Data", 100),
	]
