"""Suspected Duplicate Citizens: every group of Citizens with the same name, birth date and village
(smart_core/citizen360.py). The national ID is unique (Citizen.validate), so it never repeats here.
Merge a group's records with the Citizen form's "Merge into..." (Frappe's rename with merge)."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.citizen360 import duplicate_groups


def execute(filters=None):
	if not frappe.has_permission("Citizen", "read"):
		raise frappe.PermissionError
	columns = [
		{"fieldname": "group", "label": _("Group"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "citizen",
			"label": _("Citizen"),
			"fieldtype": "Link",
			"options": "Citizen",
			"width": 130,
		},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 160,
		},
		{"fieldname": "birth_date", "label": _("Birth Date"), "fieldtype": "Date", "width": 120},
		{"fieldname": "national_id_masked", "label": _("National ID"), "fieldtype": "Data", "width": 160},
		{"fieldname": "creation", "label": _("Registered On"), "fieldtype": "Datetime", "width": 160},
	]
	data = []
	for number, group in enumerate(duplicate_groups(), start=1):
		for row in group:
			data.append({"group": number, "citizen": row.pop("name"), **row})
	return columns, data
