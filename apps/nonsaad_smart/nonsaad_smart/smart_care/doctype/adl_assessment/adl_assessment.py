"""ADL Assessment: the Barthel index (10 items, each with only its allowed scores, total 0–20) and the group
it puts the person in (rules.adl_group). The latest assessment sets the person's group, which the care
plan's visit interval follows."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from nonsaad_smart.smart_care.rules import BARTHEL_ITEMS, adl_group, barthel_total


class ADLAssessment(Document):
	def validate(self):
		if getdate(self.assessment_date) > getdate(today()):
			frappe.throw(_("The assessment date cannot be in the future"))
		self.total_score = barthel_total({f: self.get(f) for f in BARTHEL_ITEMS})
		self.adl_group = adl_group(self.total_score)

	def on_update(self):
		update_person_group(self.care_person)

	def after_delete(self):
		update_person_group(self.care_person)


def update_person_group(care_person: str) -> None:
	latest = frappe.get_all(
		"ADL Assessment",
		filters={"care_person": care_person},
		fields=["adl_group", "assessment_date"],
		order_by="assessment_date desc, creation desc",
		limit=1,
	)
	group, date = (latest[0].adl_group, latest[0].assessment_date) if latest else (None, None)
	frappe.db.set_value("Care Person", care_person, {"adl_group": group, "last_adl_date": date})
	for plan in frappe.get_all(
		"Care Plan", filters={"care_person": care_person, "status": "Active"}, pluck="name"
	):
		from nonsaad_smart.smart_care.rules import visit_interval

		frappe.db.set_value(
			"Care Plan", plan, {"adl_group": group, "visit_interval_days": visit_interval(group)}
		)
