"""Open data of Smart I Pole (hooks `nonsaad_open_datasets`, served by smart_core/open_data.py): street
lights per village and how many work – public infrastructure, counted per village."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum


def lights_per_village() -> list[dict]:
	"""One row per village: poles in service (not removed), working, faulty, under repair, % working."""
	pole = frappe.qb.DocType("Street Light Pole")
	village = frappe.qb.DocType("Village")

	def count_of(status):
		return Sum(Case().when(pole.status == status, 1).else_(0))

	rows = (
		frappe.qb.from_(pole)
		.left_join(village)
		.on(village.name == pole.village)
		.select(
			village.village_no,
			village.village_name,
			Count(pole.name).as_("poles"),
			count_of("Working").as_("working"),
			count_of("Faulty").as_("faulty"),
			count_of("Under Repair").as_("under_repair"),
		)
		.where(pole.status != "Removed")
		.groupby(village.village_no, village.village_name)
		.orderby(village.village_no)
		.run(as_dict=True)
	)
	return [
		{
			"village_no": r.village_no,
			"village": r.village_name,
			"poles": int(r.poles),
			"working": int(r.working or 0),
			"faulty": int(r.faulty or 0),
			"under_repair": int(r.under_repair or 0),
			"working_percent": round(100.0 * (r.working or 0) / r.poles, 1) if r.poles else None,
		}
		for r in rows
	]
