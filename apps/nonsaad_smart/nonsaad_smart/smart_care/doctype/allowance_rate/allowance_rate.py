"""Allowance Rate: the tier table as data. A row is one tier (age range, monthly amount) of one allowance
kind, in force from a BE fiscal year until a row of a later fiscal year replaces the kind's table."""

import frappe
from frappe import _
from frappe.model.document import Document


class OverlappingRateError(frappe.ValidationError):
	pass


class AllowanceRate(Document):
	def validate(self):
		if self.age_to and self.age_to < (self.age_from or 0):
			frappe.throw(_("Age To must not be below Age From"))
		self.tier = tier_label(self.allowance_kind, self.age_from, self.age_to)
		for other in frappe.get_all(
			"Allowance Rate",
			filters={
				"allowance_kind": self.allowance_kind,
				"valid_from_fiscal_year": self.valid_from_fiscal_year,
				"name": ("!=", self.name or ""),
			},
			fields=["name", "age_from", "age_to"],
		):
			if _overlaps(self.age_from or 0, self.age_to or 999, other.age_from or 0, other.age_to or 999):
				frappe.throw(
					_("The ages overlap with rate {0} of the same fiscal year").format(other.name),
					OverlappingRateError,
				)


def _overlaps(a1, a2, b1, b2) -> bool:
	return a1 <= b2 and b1 <= a2


def tier_label(kind: str, age_from, age_to) -> str:
	"""60-69, 90+, 0-17, 18+ (the allowance kind is a field of its own)."""
	return f"{age_from or 0}-{age_to}" if age_to else f"{age_from or 0}+"
