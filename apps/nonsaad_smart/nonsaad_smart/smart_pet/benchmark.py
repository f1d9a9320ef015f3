"""Benchmark helpers (tests/bench/test_bench_pet.py): 50 000 pets and 100 000 submitted vaccinations by
bulk insert over the villages, timings of the coverage report / village layer against raw SQL of the same
aggregate, and their removal. Benchmark rows are owned by BENCH_OWNER (names PETB-…, RBVB-…)."""

import json
import random
import statistics
import time

import frappe
from frappe.utils import add_days, add_years, now_datetime, today

BENCH_OWNER = "bench-pets@nonsaad.test"


def insert_bench_pets(pets: int = 50_000, vaccinations: int = 100_000) -> int:
	remove_bench_pets()
	villages = frappe.get_all("Village", fields=["name", "latitude", "longitude"], order_by="village_no")
	rng = random.Random(2535)
	now = now_datetime()
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "species", "pet_name",
		"sex", "status", "registered_on", "registered_via", "village", "latitude", "longitude",
	]  # fmt: skip
	start = add_days(today(), -900)
	values = []
	for i in range(pets):
		v = villages[i % len(villages)]
		values.append(
			(
				f"PETB-{i:06d}", now, now, BENCH_OWNER, BENCH_OWNER, 0, 0, "Dog" if rng.random() < 0.7 else "Cat",
				"bench", "Unknown", "Alive" if rng.random() < 0.93 else "Dead", start, "Office", v.name,
				v.latitude, v.longitude,
			)
		)  # fmt: skip
	frappe.db.bulk_insert("Pet", fields, values, chunk_size=5000)
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "pet", "village",
		"species", "vaccination_date", "next_due", "vaccine", "lot_number", "vaccinator", "first_dose",
	]  # fmt: skip
	values = []
	for i in range(vaccinations):
		pet = rng.randrange(pets)
		day = add_days(today(), -rng.randint(0, 800))
		values.append(
			(
				f"RBVB-{i:06d}", now, now, BENCH_OWNER, BENCH_OWNER, 1, 0, f"PETB-{pet:06d}",
				villages[pet % len(villages)].name, "Dog", day, add_years(day, 1), "bench", "B-1", "bench", 0,
			)
		)  # fmt: skip
	frappe.db.bulk_insert("Rabies Vaccination", fields, values, chunk_size=5000)
	frappe.db.commit()
	return pets


def remove_bench_pets() -> int:
	count = frappe.db.count("Pet", {"owner": BENCH_OWNER})
	frappe.db.delete("Rabies Vaccination", {"owner": BENCH_OWNER})
	frappe.db.delete("Pet", {"owner": BENCH_OWNER})
	frappe.db.commit()
	return count


RAW_SQL = """
select p.village, count(*) as dogs,
	(select count(distinct v.pet) from `tabRabies Vaccination` v join `tabPet` q on q.name = v.pet
	 where q.village = p.village and q.species = 'Dog' and q.status = 'Alive' and q.registered_on <= %(day)s
	 and v.docstatus = 1 and v.vaccination_date between %(start)s and %(day)s) as vaccinated
from `tabPet` p
where p.species = 'Dog' and p.status = 'Alive' and p.registered_on <= %(day)s
group by p.village
"""


def _median_ms(fn, runs: int):
	times, result = [], None
	for _ in range(runs):
		started = time.perf_counter()
		result = fn()
		times.append((time.perf_counter() - started) * 1000)
	return statistics.median(times), result


def measure(runs: int = 5) -> None:
	"""Prints one JSON line: medians in ms, and whether the report's figures equal raw SQL's."""
	from nonsaad_smart.smart_pet.api import coverage_layer
	from nonsaad_smart.smart_pet.report.rabies_vaccination_coverage.rabies_vaccination_coverage import execute

	frappe.set_user("Administrator")
	day = today()
	params = {"day": day, "start": add_days(day, -364)}
	raw_ms, raw = _median_ms(lambda: frappe.db.sql(RAW_SQL, params, as_dict=True), runs)
	report_ms, report = _median_ms(lambda: execute({"on_date": day}), runs)
	layer_ms, layer = _median_ms(lambda: coverage_layer(), runs)
	expected = {r.village: (r.dogs, r.vaccinated) for r in raw}
	got = {r["village"]: (r["dogs"], r["vaccinated"]) for r in report[1] if r["dogs"]}
	print(
		json.dumps(
			{
				"raw_sql_ms": raw_ms,
				"report_ms": report_ms,
				"layer_ms": layer_ms,
				"villages": len(got),
				"features": len(layer["features"]),
				"dogs": sum(v[0] for v in got.values()),
				"same": expected == got,
			}
		)
	)
