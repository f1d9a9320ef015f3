"""Staff ratio: children per caregiver by age group against the Staff Ratio Rule (kept as data, each row
with its source), for the latest term of a centre's enrolment table."""

import frappe
from frappe.utils import flt


def rules() -> dict[str, int]:
	"""{age group: most children per caregiver}."""
	return {
		r.age_group: int(r.max_children_per_caregiver)
		for r in frappe.get_all("Staff Ratio Rule", fields=["age_group", "max_children_per_caregiver"])
	}


def latest_term(enrolment) -> tuple[int, int] | None:
	"""(academic year BE, term) of the newest rows of an enrolment table, or None when it is empty."""
	terms = {(int(r.academic_year or 0), int(r.term or 0)) for r in enrolment}
	return max(terms) if terms else None


def ratio_rows(enrolment, limits: dict[str, int] | None = None) -> list[dict]:
	"""One row per age group of the latest term: children, caregivers, children per caregiver, the rule's
	limit and whether the group is over it (a group with children and no caregiver is over)."""
	term = latest_term(enrolment)
	if not term:
		return []
	limits = rules() if limits is None else limits
	out = []
	for row in enrolment:
		if (int(row.academic_year or 0), int(row.term or 0)) != term:
			continue
		children, caregivers = int(row.children or 0), int(row.caregivers or 0)
		per = children / caregivers if caregivers else None
		limit = limits.get(row.age_group)
		over = bool(limit) and children > 0 and (per is None or per > limit)
		out.append(
			{
				"age_group": row.age_group,
				"children": children,
				"caregivers": caregivers,
				"per_caregiver": flt(per, 1) if per is not None else None,
				"limit": limit,
				"over": over,
			}
		)
	return sorted(out, key=lambda r: r["age_group"])


def refresh_all_centres() -> None:
	"""A rule changed: recompute the flag of every centre (hook on Staff Ratio Rule)."""
	for name in frappe.get_all("Child Development Centre", pluck="name"):
		doc = frappe.get_doc("Child Development Centre", name)
		doc.update_ratio()
		doc.db_set(
			{"over_ratio": doc.over_ratio, "enrolled_children": doc.enrolled_children},
			update_modified=False,
		)
