"""Kilometres of road per village (the road's main village), by surface and condition class."""

import frappe
from frappe import _
from frappe.utils import flt

SURFACES = ("Asphalt", "Concrete", "Laterite", "Earth")
CLASSES = ("Good", "Fair", "Poor", "Very Poor")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {"surface": filters.surface} if filters.get("surface") else {}
	rows = frappe.get_list(
		"Road",
		filters=conditions,
		fields=["village", "surface", "condition_class", "sum(length_m) as metres", "count(name) as roads"],
		group_by="village, surface, condition_class",
	)
	villages = {
		v.name: v
		for v in frappe.get_all(
			"Village", fields=["name", "village_no", "village_name"], order_by="village_no asc"
		)
	}
	table = {}
	for r in rows:
		line = table.setdefault(r.village, {"village": r.village, "roads": 0, "total_km": 0.0})
		km = flt(r.metres) / 1000
		line["roads"] += r.roads
		line["total_km"] += km
		line[frappe.scrub(r.surface or "")] = line.get(frappe.scrub(r.surface or ""), 0) + km
		key = frappe.scrub(r.condition_class or "not_surveyed")
		line[key] = line.get(key, 0) + km
	data = sorted(
		table.values(), key=lambda x: villages[x["village"]].village_no if x["village"] in villages else 99
	)
	for line in data:
		for k, v in line.items():
			if isinstance(v, float):
				line[k] = round(v, 2)
	columns = [
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 180,
		},
		{"fieldname": "roads", "label": _("Roads"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "total_km",
			"label": _("Total (km)"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 90,
		},
	]
	columns += [
		{"fieldname": frappe.scrub(s), "label": _(s), "fieldtype": "Float", "precision": 2, "width": 90}
		for s in SURFACES
	]
	columns += [
		{"fieldname": frappe.scrub(c), "label": _(c), "fieldtype": "Float", "precision": 2, "width": 80}
		for c in CLASSES
	]
	columns.append(
		{
			"fieldname": "not_surveyed",
			"label": _("Not Surveyed"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 90,
		}
	)
	chart = {
		"data": {
			"labels": [_(c) for c in CLASSES],
			"datasets": [
				{
					"name": _("km"),
					"values": [round(sum(flt(d.get(frappe.scrub(c))) for d in data), 2) for c in CLASSES],
				}
			],
		},
		"type": "bar",
		"colors": ["#2e7d32"],
	}
	return columns, data, None, chart
