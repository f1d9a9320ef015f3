"""Budget priority list for next fiscal year (the rule: smart_terrain/budget.py)."""

import frappe
from frappe import _

from nonsaad_smart.smart_terrain.budget import priority_list


def execute(filters=None):
	filters = frappe._dict(filters or {})
	frappe.has_permission("Road", "read", throw=True)
	rows = priority_list(filters.get("budget_ceiling"))
	for row in rows:
		row["treatment_label"] = _(row["treatment"])
	columns = [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 60},
		{"fieldname": "asset_doctype", "label": _("Asset Type"), "fieldtype": "Data", "width": 80},
		{
			"fieldname": "asset_name",
			"label": _("Asset"),
			"fieldtype": "Dynamic Link",
			"options": "asset_doctype",
			"width": 130,
		},
		{"fieldname": "title", "label": _("Name"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 130,
		},
		{
			"fieldname": "treatment_label",
			"label": _("Treatment"),
			"fieldtype": "Data",
			"width": 190,
		},
		{"fieldname": "urgency", "label": _("Urgency"), "fieldtype": "Int", "width": 70},
		{"fieldname": "open_reports", "label": _("Open Reports"), "fieldtype": "Int", "width": 80},
		{"fieldname": "score", "label": _("Score"), "fieldtype": "Float", "precision": 2, "width": 80},
		{"fieldname": "quantity", "label": _("Quantity"), "fieldtype": "Float", "precision": 2, "width": 90},
		{"fieldname": "unit_rate", "label": _("Unit Rate (Baht)"), "fieldtype": "Currency", "width": 100},
		{"fieldname": "estimated_cost", "label": _("Estimated Cost"), "fieldtype": "Currency", "width": 130},
		{
			"fieldname": "cumulative_cost",
			"label": _("Cumulative Total"),
			"fieldtype": "Currency",
			"width": 140,
		},
		{"fieldname": "within_budget", "label": _("Within Budget"), "fieldtype": "Check", "width": 90},
	]
	within = sum(r["estimated_cost"] for r in rows if r["within_budget"])
	summary = [
		{
			"label": _("Budget Ceiling"),
			"value": frappe.utils.flt(filters.get("budget_ceiling")),
			"datatype": "Currency",
		},
		{
			"label": _("Works Within Budget"),
			"value": sum(r["within_budget"] for r in rows),
			"datatype": "Int",
		},
		{"label": _("Cost Within Budget"), "value": within, "datatype": "Currency"},
	]
	return (
		columns,
		rows,
		_("Ranked by urgency × traffic × (1 + population/1000) × (1 + open reports)"),
		None,
		summary,
	)
