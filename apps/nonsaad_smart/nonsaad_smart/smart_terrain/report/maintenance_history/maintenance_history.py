"""Maintenance history of an asset (or all): works with their treatment, state, dates and cost."""

import frappe
from frappe import _


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {}
	for key in ("asset_doctype", "asset_name", "village", "fiscal_year_be"):
		if filters.get(key):
			conditions[key] = filters[key]
	rows = frappe.get_list(
		"Maintenance Work",
		filters=conditions,
		fields=[
			"name",
			"asset_doctype",
			"asset_name",
			"village",
			"treatment",
			"workflow_state",
			"executor",
			"fiscal_year_be",
			"planned_start",
			"completed_on",
			"quantity",
			"unit",
			"estimated_cost",
			"actual_cost",
		],
		order_by="coalesce(completed_on, planned_start) desc, name desc",
		limit=0,
	)
	columns = [
		{
			"fieldname": "name",
			"label": _("Maintenance Work"),
			"fieldtype": "Link",
			"options": "Maintenance Work",
			"width": 150,
		},
		{"fieldname": "asset_doctype", "label": _("Asset Type"), "fieldtype": "Data", "width": 80},
		{
			"fieldname": "asset_name",
			"label": _("Asset"),
			"fieldtype": "Dynamic Link",
			"options": "asset_doctype",
			"width": 140,
		},
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 140,
		},
		{
			"fieldname": "treatment",
			"label": _("Treatment"),
			"fieldtype": "Data",
			"width": 190,
		},
		{"fieldname": "workflow_state", "label": _("State"), "fieldtype": "Data", "width": 100},
		{"fieldname": "executor", "label": _("Done By"), "fieldtype": "Data", "width": 90},
		{"fieldname": "fiscal_year_be", "label": _("Fiscal Year (BE)"), "fieldtype": "Int", "width": 80},
		{"fieldname": "planned_start", "label": _("Planned Start"), "fieldtype": "Date", "width": 100},
		{"fieldname": "completed_on", "label": _("Date Completed"), "fieldtype": "Date", "width": 100},
		{"fieldname": "quantity", "label": _("Quantity"), "fieldtype": "Float", "width": 90},
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Data", "width": 90},
		{"fieldname": "estimated_cost", "label": _("Estimated Cost"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "actual_cost", "label": _("Actual Cost"), "fieldtype": "Currency", "width": 120},
	]
	for row in rows:
		row["workflow_state"] = _(row["workflow_state"] or "")
		row["executor"] = _(row["executor"] or "")
		row["treatment"] = _(row["treatment"] or "")
	return columns, rows
