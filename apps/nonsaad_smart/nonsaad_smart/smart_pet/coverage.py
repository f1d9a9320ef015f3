"""Rabies vaccination coverage per village (the figure the Department of Livestock Development and
Mission Rabies watch): dogs vaccinated in the 12 months up to a day ÷ registered living dogs on that day.

- *registered living dogs*: Pets of species Dog, status Alive, registered on or before the day;
- *vaccinated*: those of them with a submitted Rabies Vaccination in the 365 days up to the day;
- bands: ≥ 80 % target reached, 70–80 % below target, < 70 % campaign needed (Mission Rabies sends the
  teams back below 70 %).

Aggregates only (per village): this is what the public map layer and the open data set publish.
"""

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import add_days, flt, getdate, today

TARGET = 80.0
CAMPAIGN_LINE = 70.0
BANDS = ("Target Reached", "Below Target", "Campaign Needed")
BAND_COLORS = {"Target Reached": "#2e7d32", "Below Target": "#f9a825", "Campaign Needed": "#c62828"}


def band(coverage: float | None, dogs: int) -> str | None:
	if not dogs:
		return None
	if coverage >= TARGET:
		return BANDS[0]
	return BANDS[1] if coverage >= CAMPAIGN_LINE else BANDS[2]


def _counts(on_date, villages=None) -> tuple[dict, dict]:
	"""({village: dogs}, {village: vaccinated dogs}) on `on_date`, two grouped queries."""
	on_date = getdate(on_date)
	pet = frappe.qb.DocType("Pet")
	vac = frappe.qb.DocType("Rabies Vaccination")
	living = (pet.species == "Dog") & (pet.status == "Alive") & (pet.registered_on <= on_date)
	if villages:
		living = living & pet.village.isin(list(villages))
	dogs = dict(frappe.qb.from_(pet).select(pet.village, Count("*")).where(living).groupby(pet.village).run())
	vaccinated = dict(
		frappe.qb.from_(pet)
		.join(vac)
		.on(vac.pet == pet.name)
		.select(pet.village, Count(pet.name).distinct())
		.where(living)
		.where(vac.docstatus == 1)
		.where(vac.vaccination_date[add_days(on_date, -364) : on_date])
		.groupby(pet.village)
		.run()
	)
	return dogs, vaccinated


def coverage_by_village(on_date=None, villages=None) -> list[dict]:
	"""One row per village (all villages, those without dogs too), ordered by village number."""
	on_date = getdate(on_date or today())
	dogs, vaccinated = _counts(on_date, villages)
	filters = {"name": ("in", list(villages))} if villages else {}
	rows = []
	for v in frappe.get_all(
		"Village",
		filters=filters,
		fields=["name", "village_no", "village_name", "latitude", "longitude"],
		order_by="village_no asc",
	):
		n, done = dogs.get(v.name, 0), vaccinated.get(v.name, 0)
		coverage = flt(100.0 * done / n, 1) if n else 0.0
		rows.append(
			frappe._dict(
				village=v.name,
				village_no=v.village_no,
				village_name=v.village_name,
				latitude=v.latitude,
				longitude=v.longitude,
				dogs=n,
				vaccinated=done,
				unvaccinated=n - done,
				coverage=coverage,
				band=band(coverage, n),
			)
		)
	return rows


def coverage_totals(on_date=None, villages=None) -> dict:
	"""The whole municipality (or the given villages): dogs, vaccinated, coverage %."""
	dogs, vaccinated = _counts(getdate(on_date or today()), villages)
	n, done = sum(dogs.values()), sum(vaccinated.values())
	return {"dogs": n, "vaccinated": done, "coverage": flt(100.0 * done / n, 1) if n else 0.0}


def municipal_coverage(from_date=None, to_date=None) -> float:
	"""Executive overview figure (hook nonsaad_overview_figures): coverage % on `to_date`."""
	return coverage_totals(to_date or today())["coverage"]
