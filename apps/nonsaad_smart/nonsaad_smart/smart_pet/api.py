"""Public functions of Smart Pet for other modules, the map, the website, open data and the overview.

- ``coverage_layer(bbox)`` – open data map layer: one point per village (its centre, never an owner's
  home) with dogs, vaccinated dogs, coverage % and its band (target reached ≥ 80 %, below target, campaign
  needed < 70 %).
- ``coverage_dataset()`` – open data set "vaccination-coverage": per village and month (last 12 month
  ends), aggregated; ``count_column`` "dogs".
- ``municipal_coverage(from_date, to_date)`` – the overview figure (coverage % on to_date).
- ``citizen_of(user)`` – the Citizen of a website user ("" when none is linked), None for staff.
- ``my_pets(user)`` – a logged-in citizen's own pets with their vaccinations (the page /my-pets).
- ``coverage_card()``, ``boosters_due_next_month()``, ``open_bites()`` – workspace number cards.
- ``OPEN_BITE_STATES`` – the Bite Incident states still followed up.
"""

import frappe
from frappe.utils import add_months, get_first_day, get_last_day, getdate, today

from nonsaad_smart.smart_core.geo import feature_collection, rows_to_features
from nonsaad_smart.smart_core.gis import parse_bbox
from nonsaad_smart.smart_core.reporting import check_dashboard_reader
from nonsaad_smart.smart_pet.coverage import coverage_by_village, coverage_totals, municipal_coverage
from nonsaad_smart.smart_pet.permissions import citizen_of
from nonsaad_smart.smart_pet.workflows import OPEN_STATES as OPEN_BITE_STATES

__all__ = [
	"OPEN_BITE_STATES",
	"boosters_due_next_month",
	"citizen_of",
	"coverage_card",
	"coverage_dataset",
	"coverage_layer",
	"municipal_coverage",
	"my_pets",
	"open_bites",
]


def coverage_layer(bbox=None) -> dict:
	"""Public, aggregated: a village's counts at its centre point (no pet, no owner, no address)."""
	box = parse_bbox(bbox)
	rows = []
	for row in coverage_by_village():
		if not row.dogs or not row.latitude or not row.longitude:
			continue
		if box and not (box[0] <= row.longitude <= box[2] and box[1] <= row.latitude <= box[3]):
			continue
		rows.append(
			{
				"name": row.village,
				"title": f"หมู่ {row.village_no} {row.village_name}",
				"village": row.village,
				"dogs": row.dogs,
				"vaccinated": row.vaccinated,
				"coverage": row.coverage,
				"band": row.band,
				"latitude": row.latitude,
				"longitude": row.longitude,
			}
		)
	return feature_collection(rows_to_features(rows), layer="rabies_coverage")


def month_ends(months: int = 12, on_date=None) -> list:
	"""The last days of the last `months` months, the current month counting up to today."""
	on_date = getdate(on_date or today())
	ends = [on_date]
	first = get_first_day(on_date)
	for i in range(1, months):
		ends.append(get_last_day(add_months(first, -i)))
	return sorted(ends)


def coverage_dataset() -> list[dict]:
	"""Open data "vaccination-coverage": village × month rows (coverage on the month's last day)."""
	rows = []
	for end in month_ends():
		for row in coverage_by_village(end):
			rows.append(
				{
					"month": end.strftime("%Y-%m"),
					"village": row.village_name,
					"village_no": row.village_no,
					"dogs": row.dogs,
					"vaccinated": row.vaccinated,
					"coverage_percent": row.coverage,
				}
			)
	return rows


def my_pets(user: str) -> list[dict]:
	"""The pets of the citizen linked to `user`, each with its vaccinations (newest first)."""
	citizen = citizen_of(user)
	if not citizen:
		return []
	pets = frappe.get_all(
		"Pet",
		filters={"pet_owner": citizen},
		fields=[
			"name",
			"pet_name",
			"species",
			"sex",
			"colour",
			"breed",
			"birth_date",
			"neutered",
			"tag_number",
			"microchip",
			"status",
			"photo",
			"last_vaccinated_on",
			"next_due",
		],
		order_by="creation asc",
	)
	for pet in pets:
		pet.vaccinations = frappe.get_all(
			"Rabies Vaccination",
			filters={"pet": pet.name, "docstatus": 1},
			fields=["vaccination_date", "vaccine", "lot_number", "vaccinator", "next_due"],
			order_by="vaccination_date desc",
		)
	return pets


@frappe.whitelist()
def coverage_card() -> dict:
	check_dashboard_reader("Pet")
	frappe.has_permission("Pet", "report", throw=True)
	return {
		"value": coverage_totals()["coverage"],
		"fieldtype": "Percent",
		"route": ["query-report", "Rabies Vaccination Coverage"],
	}


@frappe.whitelist()
def boosters_due_next_month() -> dict:
	check_dashboard_reader("Pet")
	start = get_first_day(add_months(today(), 1))
	count = len(
		frappe.get_list(
			"Pet",
			filters=[["status", "=", "Alive"], ["next_due", "between", [start, get_last_day(start)]]],
			pluck="name",
			limit=0,
		)
	)
	return {"value": count, "fieldtype": "Int", "route": ["query-report", "Boosters Due"]}


@frappe.whitelist()
def open_bites() -> dict:
	check_dashboard_reader("Bite Incident")
	count = len(
		frappe.get_list(
			"Bite Incident", filters={"workflow_state": ("in", OPEN_BITE_STATES)}, pluck="name", limit=0
		)
	)
	return {"value": count, "fieldtype": "Int", "route": ["List", "Bite Incident"]}
