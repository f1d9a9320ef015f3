"""Treatment Rule: the treatment a PASER band (roads) or a condition class (drains, culverts) calls for."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint


class OverlappingTreatmentRuleError(frappe.ValidationError):
	pass


class TreatmentRule(Document):
	def validate(self):
		if self.applies_to == "Road":
			self.condition_class = None
			lo, hi = cint(self.paser_from), cint(self.paser_to)
			if not (1 <= lo <= hi <= 10):
				frappe.throw(_("PASER From and To must be 1–10, From not above To"), frappe.ValidationError)
			for other in frappe.get_all(
				"Treatment Rule",
				filters={"applies_to": "Road", "name": ("!=", self.name or "")},
				fields=["name", "paser_from", "paser_to"],
			):
				if lo <= cint(other.paser_to) and cint(other.paser_from) <= hi:
					frappe.throw(
						_("PASER {0}–{1} overlaps the rule {2}").format(lo, hi, other.name),
						OverlappingTreatmentRuleError,
					)
		else:
			self.paser_from = self.paser_to = None
			if not self.condition_class:
				frappe.throw(_("Choose the condition the treatment is for"), frappe.ValidationError)
			if frappe.db.exists(
				"Treatment Rule",
				{
					"applies_to": self.applies_to,
					"condition_class": self.condition_class,
					"name": ("!=", self.name or ""),
				},
			):
				frappe.throw(
					_("{0} in {1} condition already has a treatment").format(
						_(self.applies_to), _(self.condition_class)
					),
					OverlappingTreatmentRuleError,
				)
		if (
			self.unit_rate
			and frappe.db.get_value("Unit Rate", self.unit_rate, "applies_to") != self.applies_to
		):
			frappe.throw(_("The unit rate is for another kind of asset"), frappe.ValidationError)
