"""Training Hour Target: hours per person per fiscal year, from a fiscal year on (kept as data)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt


class TrainingHourTarget(Document):
	def validate(self):
		if not 2500 <= int(self.fiscal_year or 0) <= 2700:
			frappe.throw(_("The fiscal year must be a Buddhist-era year, e.g. 2569"))
		if flt(self.hours) <= 0:
			frappe.throw(_("Hours must be more than 0"))
		if frappe.db.exists(
			"Training Hour Target",
			{
				"fiscal_year": self.fiscal_year,
				"position": self.position or ["is", "not set"],
				"name": ["!=", self.name],
			},
		):
			frappe.throw(_("A target for this fiscal year and position exists already"))
