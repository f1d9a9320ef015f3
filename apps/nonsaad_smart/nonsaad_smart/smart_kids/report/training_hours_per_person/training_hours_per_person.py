"""Training Hours per Person: each active staff member's training hours in a BE fiscal year against the
target in force for their position."""

import frappe
from frappe import _
from frappe.utils import flt

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_kids.training import current_fiscal_year, hours_by_staff, target_hours


def execute(filters=None):
	filters = frappe._dict(filters or {})
	fy = int(filters.fiscal_year or current_fiscal_year())
	staff_filters = {"status": ["!=", "Left"]}
	if filters.centre:
		staff_filters["centre"] = filters.centre
	staff = frappe.get_list(
		"Centre Staff",
		filters=staff_filters,
		fields=["name", "full_name", "centre", "position"],
		order_by="centre asc, full_name asc",
		limit=0,
	)
	hours = hours_by_staff(fy, [s.name for s in staff])
	rows = []
	for s in staff:
		target = target_hours(fy, s.position)
		done = flt(hours.get(s.name))
		rows.append(
			{
				"staff": s.name,
				"full_name": s.full_name,
				"centre": s.centre,
				"position": _(s.position),
				"hours": done,
				"target": target,
				"shortfall": max(target - done, 0),
				"met": 1 if target and done >= target else 0,
			}
		)
	return columns(), rows


def columns():
	return [
		column(_("Staff"), "staff", "Link", 110, options="Centre Staff"),
		column(_("Full Name"), "full_name", "Data", 180),
		column(_("Centre"), "centre", "Link", 110, options="Child Development Centre"),
		column(_("Position"), "position", "Data", 130),
		column(_("Hours"), "hours", "Float", 90, precision=1),
		column(_("Target"), "target", "Float", 90, precision=1),
		column(_("Shortfall"), "shortfall", "Float", 90, precision=1),
		column(_("Target Met"), "met", "Check", 90),
	]
