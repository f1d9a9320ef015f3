"""Drains (metres) and culverts (count) per village by condition class."""

import frappe
from frappe import _
from frappe.utils import flt

CLASSES = ("Good", "Fair", "Poor", "Very Poor")


def execute(filters=None):
	table = {}
	for r in frappe.get_list(
		"Drain",
		fields=["village", "condition_class", "sum(length_m) as metres"],
		group_by="village, condition_class",
	):
		line = table.setdefault(r.village, {"village": r.village})
		key = "drain_" + frappe.scrub(r.condition_class or "not_surveyed")
		line[key] = round(line.get(key, 0) + flt(r.metres), 1)
	for r in frappe.get_list(
		"Culvert",
		fields=["village", "condition_class", "count(name) as n"],
		group_by="village, condition_class",
	):
		line = table.setdefault(r.village, {"village": r.village})
		key = "culvert_" + frappe.scrub(r.condition_class or "not_surveyed")
		line[key] = line.get(key, 0) + r.n
	columns = [
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 180,
		}
	]
	for c in (*CLASSES, "Not Surveyed"):
		columns.append(
			{
				"fieldname": "drain_" + frappe.scrub(c),
				"label": _("Drain (m): {0}").format(_(c)),
				"fieldtype": "Float",
				"precision": 1,
				"width": 110,
			}
		)
	for c in (*CLASSES, "Not Surveyed"):
		columns.append(
			{
				"fieldname": "culvert_" + frappe.scrub(c),
				"label": _("Culverts: {0}").format(_(c)),
				"fieldtype": "Int",
				"width": 100,
			}
		)
	return columns, sorted(table.values(), key=lambda x: x["village"] or "")
