"""The rules of Smart Care as small pure functions (tested at their edges in tests/test_rules.py).

Age for the allowance tier: **the age a person reaches in the fiscal year**, i.e. their age on the last day
of the fiscal year (30 September of the CE year in which the BE fiscal year ends). Someone who turns 70 at
any time between 1 October and 30 September is paid the 70–79 rate for the whole fiscal year; someone born
on 1 October turns that age only in the next fiscal year. A birthday on 29 February counts as reached in
the fiscal year in every year (it falls before 30 September; in a non-leap year the birthday is taken
as 28 February/1 March, both inside the same fiscal year).

Barthel ADL (0–20): 12–20 social (ติดสังคม), 5–11 homebound (ติดบ้าน), 0–4 bedbound (ติดเตียง); the care
plan's visit interval follows the group.
"""

import datetime

import frappe
from frappe import _
from frappe.utils import getdate

from nonsaad_smart.smart_core.thai_date import fiscal_year_bounds

SOCIAL, HOMEBOUND, BEDBOUND = "Social", "Homebound", "Bedbound"
VULNERABLE_GROUPS = (HOMEBOUND, BEDBOUND)
# days between home visits the care plan asks for, per ADL group
VISIT_INTERVAL_DAYS = {BEDBOUND: 7, HOMEBOUND: 14, SOCIAL: 30}
ELDERLY_ALLOWANCE, DISABILITY_ALLOWANCE = "Elderly Allowance", "Disability Allowance"
ELDERLY_MIN_AGE = 60

# Barthel items: fieldname → allowed scores
BARTHEL_ITEMS = {
	"feeding": (0, 1, 2),
	"grooming": (0, 1),
	"transfer": (0, 1, 2, 3),
	"toilet_use": (0, 1, 2),
	"mobility": (0, 1, 2, 3),
	"dressing": (0, 1, 2),
	"stairs": (0, 1, 2),
	"bathing": (0, 1),
	"bowels": (0, 1, 2),
	"bladder": (0, 1, 2),
}

# bank → (code on the bulk-credit file, account number lengths)
BANKS = {
	"Krungthai Bank": ("006", (10,)),
	"Bangkok Bank": ("002", (10,)),
	"Kasikornbank": ("004", (10,)),
	"Siam Commercial Bank": ("014", (10,)),
	"Bank of Ayudhya": ("025", (10,)),
	"TMBThanachart Bank": ("011", (10,)),
	"Government Savings Bank": ("030", (12,)),
	"Bank for Agriculture and Agricultural Cooperatives": ("034", (12,)),
	"Government Housing Bank": ("033", (12,)),
}


class InvalidBarthelScoreError(frappe.ValidationError):
	pass


class InvalidBankAccountError(frappe.ValidationError):
	pass


def age_in_fiscal_year(birth_date, fy_be: int) -> int:
	"""Age reached in BE fiscal year `fy_be`: the age on its last day, 30 September."""
	born = getdate(birth_date)
	end = fiscal_year_bounds(fy_be)[1]
	return end.year - born.year - ((end.month, end.day) < (born.month, born.day))


def adl_group(total: int) -> str:
	if total >= 12:
		return SOCIAL
	return HOMEBOUND if total >= 5 else BEDBOUND


def barthel_total(scores: dict) -> int:
	"""Sum of the 10 items; each must hold one of its allowed scores."""
	total = 0
	for field, allowed in BARTHEL_ITEMS.items():
		value = scores.get(field)
		try:
			score = int(value)
		except (TypeError, ValueError):
			score = None
		if score not in allowed:
			frappe.throw(
				_("{0}: score {1} is not allowed (allowed: {2})").format(
					_(field.replace("_", " ").title()), value, ", ".join(str(s) for s in allowed)
				),
				InvalidBarthelScoreError,
			)
		total += score
	return total


def visit_interval(group: str | None) -> int:
	return VISIT_INTERVAL_DAYS.get(group or SOCIAL, VISIT_INTERVAL_DAYS[SOCIAL])


def bank_code(bank: str | None) -> str:
	return BANKS.get(bank or "", ("", ()))[0]


def normalize_account(bank: str | None, account: str | None) -> str:
	"""Digits only, of the length the bank uses; empty stays empty."""
	if not account:
		return ""
	digits = "".join(ch for ch in str(account) if ch not in " -")
	lengths = BANKS.get(bank or "", (None, ()))[1]
	if not bank or not lengths:
		frappe.throw(_("Choose the bank of the account"), InvalidBankAccountError)
	if not digits.isdigit() or len(digits) not in lengths:
		frappe.throw(
			_("{0}: an account number has {1} digits, not {2}").format(
				_(bank), " / ".join(str(n) for n in lengths), account
			),
			InvalidBankAccountError,
		)
	return digits


def mask_account(account: str | None) -> str:
	"""xxx-x-x1234-x style: only the last four digits before the check digit show."""
	if not account:
		return ""
	return "x" * (len(account) - 4) + account[-4:]


def first_of_month(value) -> datetime.date:
	return getdate(value).replace(day=1)


def scores_for_total(total: int) -> dict:
	"""Barthel item scores adding up to `total` (each item filled up to its maximum in order): the demo
	data and the tests record an assessment by its total."""
	scores, left = {}, int(total)
	for field, allowed in BARTHEL_ITEMS.items():
		scores[field] = str(min(max(allowed), left))
		left -= int(scores[field])
	return scores
