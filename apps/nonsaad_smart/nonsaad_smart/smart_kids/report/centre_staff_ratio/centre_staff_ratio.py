"""Centre Staff Ratio: per centre and age group of the latest term, children per caregiver against the
Staff Ratio Rule; rows over the rule are flagged."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_kids.ratio import ratio_rows, rules


def execute(filters=None):
	limits = rules()
	rows = []
	for name in frappe.get_list(
		"Child Development Centre", filters={"status": "Active"}, pluck="name", order_by="code asc", limit=0
	):
		doc = frappe.get_doc("Child Development Centre", name)
		for r in ratio_rows(doc.enrolment, limits):
			rows.append(
				{
					"centre": doc.name,
					"centre_name": doc.centre_name,
					"term": doc.current_term,
					"age_group": _(r["age_group"]),
					"children": r["children"],
					"caregivers": r["caregivers"],
					"per_caregiver": r["per_caregiver"],
					"limit": r["limit"],
					"over": 1 if r["over"] else 0,
				}
			)
	return columns(), rows


def columns():
	return [
		column(_("Centre"), "centre", "Link", 100, options="Child Development Centre"),
		column(_("Centre Name"), "centre_name", "Data", 200),
		column(_("Term"), "term", "Data", 110),
		column(_("Age Group"), "age_group", "Data", 100),
		column(_("Children"), "children", "Int", 90),
		column(_("Caregivers"), "caregivers", "Int", 90),
		column(_("Children per Caregiver"), "per_caregiver", "Float", 120, precision=1),
		column(_("Rule (at most)"), "limit", "Int", 100),
		column(_("Over the Staff Ratio"), "over", "Check", 100),
	]
