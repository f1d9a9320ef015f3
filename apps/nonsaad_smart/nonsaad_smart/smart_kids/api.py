"""Public functions of Smart Kids for other modules, the map and the website.

- ``centre_layer(bbox)`` – open data: the centres (name, village, capacity, children enrolled, phone).
- ``staff_record(user)`` – a staff member's own record with this fiscal year's trainings and their
  certificates (the website page /my-centre-record).
- ``expiring_certificates(days)``, ``centres_over_ratio()``, ``training_hours_this_year()`` – the
  workspace's number cards (permission-checked: what the user may read).
"""

import frappe
from frappe.utils import add_days, today

from nonsaad_smart.smart_core.geo import feature_collection, rows_to_features
from nonsaad_smart.smart_core.gis import bbox_filters
from nonsaad_smart.smart_kids.training import current_fiscal_year, target_hours

__all__ = [
	"centre_layer",
	"centres_over_ratio",
	"expiring_certificates",
	"staff_record",
	"training_hours_this_year",
]

CENTRE = "Child Development Centre"


def centre_layer(bbox=None) -> dict:
	rows = frappe.get_all(
		CENTRE,
		filters=[["status", "=", "Active"], ["latitude", "!=", 0], *bbox_filters(bbox)],
		fields=[
			"name",
			"centre_name",
			"village",
			"capacity",
			"enrolled_children",
			"phone",
			"latitude",
			"longitude",
		],
		order_by="code asc",
	)
	for row in rows:
		row["title"] = row.centre_name
		row["doctype"] = CENTRE
	return feature_collection(rows_to_features(rows), layer="child_development_centres")


def staff_record(user: str) -> dict | None:
	"""What a staff member sees of themselves: record, trainings of this fiscal year, certificates."""
	if not user or user == "Guest":
		return None
	name = frappe.db.get_value("Centre Staff", {"user": user, "status": ["!=", "Left"]})
	if not name:
		return None
	staff = frappe.db.get_value(
		"Centre Staff",
		name,
		["name", "full_name", "centre", "position", "qualification", "licence_number", "licence_expiry"],
		as_dict=True,
	)
	staff.centre_name = frappe.db.get_value(CENTRE, staff.centre, "centre_name")
	fy = current_fiscal_year()
	staff.fiscal_year = fy
	staff.trainings = frappe.get_all(
		"Staff Training",
		filters={"staff": name, "fiscal_year": fy},
		fields=["course", "provider", "start_date", "end_date", "hours"],
		order_by="end_date desc",
	)
	staff.hours = sum(t.hours for t in staff.trainings)
	staff.target = target_hours(fy, staff.position)
	staff.certificates = frappe.get_all(
		"Staff Certificate",
		filters={"staff": name},
		fields=["kind", "certificate_number", "issued_on", "expires_on"],
		order_by="expires_on asc",
	)
	return staff


@frappe.whitelist()
def expiring_certificates(days: int = 90) -> dict:
	count = len(
		frappe.get_list(
			"Staff Certificate",
			filters=[["expires_on", "between", [today(), add_days(today(), int(days))]]],
			pluck="name",
			limit=0,
		)
	)
	return {"value": count, "fieldtype": "Int", "route": ["query-report", "Expiring Staff Certificates"]}


@frappe.whitelist()
def centres_over_ratio() -> dict:
	count = len(frappe.get_list(CENTRE, filters={"over_ratio": 1, "status": "Active"}, pluck="name", limit=0))
	return {"value": count, "fieldtype": "Int", "route": ["query-report", "Centre Staff Ratio"]}


@frappe.whitelist()
def training_hours_this_year() -> dict:
	rows = frappe.get_list(
		"Staff Training", filters={"fiscal_year": current_fiscal_year()}, fields=["sum(hours) as hours"]
	)
	return {
		"value": (rows[0].hours if rows else 0) or 0,
		"fieldtype": "Float",
		"route": ["query-report", "Training Hours per Person"],
	}
