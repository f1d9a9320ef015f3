"""Which rate a registration gets: the Allowance Rate rows of its kind in force in its fiscal year (the
rows of the latest `valid_from_fiscal_year` not after it) and the tier whose ages hold the age the person
reaches in that fiscal year (rules.age_in_fiscal_year)."""

import frappe
from frappe import _

from nonsaad_smart.smart_care.rules import DISABILITY_ALLOWANCE, age_in_fiscal_year


class NoAllowanceRateError(frappe.ValidationError):
	pass


def rates_in_force(kind: str, fy_be: int) -> list[frappe._dict]:
	rate = frappe.qb.DocType("Allowance Rate")
	valid_from = (
		frappe.qb.from_(rate)
		.select(rate.valid_from_fiscal_year)
		.where((rate.allowance_kind == kind) & (rate.valid_from_fiscal_year <= int(fy_be)))
		.orderby(rate.valid_from_fiscal_year, order=frappe.qb.desc)
		.limit(1)
		.run(pluck=True)
	)
	if not valid_from:
		return []
	return frappe.get_all(
		"Allowance Rate",
		filters={"allowance_kind": kind, "valid_from_fiscal_year": valid_from[0]},
		fields=["name", "tier", "age_from", "age_to", "amount"],
		order_by="age_from asc",
	)


def rate_for(kind: str, fy_be: int, birth_date) -> tuple[int, frappe._dict]:
	"""(age reached in the fiscal year, the Allowance Rate row) or NoAllowanceRateError."""
	age = age_in_fiscal_year(birth_date, fy_be)
	for row in rates_in_force(kind, fy_be):
		if age >= (row.age_from or 0) and (not row.age_to or age <= row.age_to):
			return age, row
	frappe.throw(
		_("No {0} rate for age {1} in fiscal year {2}").format(_(kind), age, fy_be),
		NoAllowanceRateError,
	)


def is_disability(kind: str) -> bool:
	return kind == DISABILITY_ALLOWANCE
