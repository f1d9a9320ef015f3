"""Care Plan: goals, services, the visit interval that follows the person's ADL group, the care manager and
caregivers. Saving an active plan makes its care team the person's (the row-level rule reads the person)."""

import frappe
from frappe import _
from frappe.model.document import Document

from nonsaad_smart.smart_care.rules import visit_interval


class DuplicateActivePlanError(frappe.ValidationError):
	pass


class CarePlan(Document):
	def validate(self):
		self.adl_group = frappe.db.get_value("Care Person", self.care_person, "adl_group")
		self.visit_interval_days = visit_interval(self.adl_group)
		if self.status == "Active" and frappe.db.exists(
			"Care Plan", {"care_person": self.care_person, "status": "Active", "name": ("!=", self.name)}
		):
			frappe.throw(_("This person already has an active care plan"), DuplicateActivePlanError)
		if not self.caregivers:
			for row in frappe.get_all(
				"Care Person Caregiver",
				filters={"parent": self.care_person, "parenttype": "Care Person"},
				fields=["user"],
				order_by="idx",
			):
				self.append("caregivers", {"user": row.user})

	def on_update(self):
		if self.status != "Active":
			return
		person = frappe.get_doc("Care Person", self.care_person)
		team = [row.user for row in self.caregivers]
		if person.care_manager == self.care_manager and [r.user for r in person.caregivers] == team:
			return
		person.care_manager = self.care_manager
		person.set("caregivers", [{"user": user} for user in team])
		person.save(ignore_permissions=True)
