"""EMS Crew Certificate Expiry: active crew members whose certificate is missing, expired or expires within
the given days (default 90), soonest first."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, date_diff, getdate, today


def execute(filters=None):
	filters = filters or {}
	within = cint(filters.get("within_days") or 90)
	limit = add_days(today(), within)
	rows = frappe.get_list(
		"EMS Crew Member",
		filters={"active": 1},
		fields=["name", "full_name", "level", "certificate_number", "certificate_expiry", "user"],
		order_by="certificate_expiry asc",
		limit_page_length=0,
	)
	data = []
	for row in rows:
		if row.certificate_expiry and getdate(row.certificate_expiry) > getdate(limit):
			continue
		days = date_diff(row.certificate_expiry, today()) if row.certificate_expiry else None
		if not row.certificate_number or days is None:
			state = _("Missing")
		elif days < 0:
			state = _("Expired")
		else:
			state = _("Expiring")
		data.append({**row, "days_left": days, "state": state})
	columns = [
		{
			"fieldname": "name",
			"label": _("Crew Member"),
			"fieldtype": "Link",
			"options": "EMS Crew Member",
			"width": 110,
		},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "level", "label": _("Level"), "fieldtype": "Data", "width": 100},
		{"fieldname": "certificate_number", "label": _("Certificate No."), "fieldtype": "Data", "width": 140},
		{
			"fieldname": "certificate_expiry",
			"label": _("Certificate Expiry"),
			"fieldtype": "Date",
			"width": 130,
		},
		{"fieldname": "days_left", "label": _("Days Left"), "fieldtype": "Int", "width": 100},
		{"fieldname": "state", "label": _("State"), "fieldtype": "Data", "width": 100},
	]
	return columns, data
