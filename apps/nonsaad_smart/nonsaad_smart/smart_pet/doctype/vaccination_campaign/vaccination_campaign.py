"""Vaccination Campaign: dates, villages, target; the result (doses given in the campaign, coverage of its
villages' dogs at its end) is kept up to date as its vaccinations are submitted."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today


class InvalidCampaignError(frappe.ValidationError):
	pass


class VaccinationCampaign(Document):
	def validate(self):
		if getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("The end date must not be before the start date"), InvalidCampaignError)
		villages = [row.village for row in self.villages]
		if len(villages) != len(set(villages)):
			frappe.throw(_("A village is listed twice"), InvalidCampaignError)
		self.compute_result()

	def compute_result(self):
		from nonsaad_smart.smart_pet.coverage import coverage_totals

		self.vaccinations_done = frappe.db.count(
			"Rabies Vaccination", {"campaign": self.name, "docstatus": 1}
		)
		on_date = min(getdate(self.end_date), getdate(today()))
		totals = coverage_totals(on_date, [row.village for row in self.villages] or None)
		self.coverage_reached = totals["coverage"]

	def update_result(self):
		self.compute_result()
		self.db_set(
			{"vaccinations_done": self.vaccinations_done, "coverage_reached": self.coverage_reached},
			update_modified=False,
		)
