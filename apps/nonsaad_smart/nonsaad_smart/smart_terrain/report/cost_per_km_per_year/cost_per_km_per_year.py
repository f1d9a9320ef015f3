"""Road maintenance cost per km per fiscal year (BE): what the completed works cost, per km of the whole
network and per km of road treated."""

import frappe
from frappe import _
from frappe.utils import flt


def execute(filters=None):
	network_km = flt(frappe.get_list("Road", fields=["sum(length_m) as m"])[0].m) / 1000
	works = frappe.get_list(
		"Maintenance Work",
		filters={"docstatus": 1, "asset_doctype": "Road"},
		fields=["fiscal_year_be", "asset_name", "actual_cost"],
		limit=0,
	)
	lengths = dict(frappe.get_list("Road", fields=["name", "length_m"], as_list=True, limit=0))
	years = {}
	for w in works:
		y = years.setdefault(
			w.fiscal_year_be, {"fiscal_year_be": w.fiscal_year_be, "works": 0, "cost": 0.0, "roads": set()}
		)
		y["works"] += 1
		y["cost"] += flt(w.actual_cost)
		y["roads"].add(w.asset_name)
	data = []
	for fy in sorted(years):
		y = years[fy]
		treated_km = sum(flt(lengths.get(r)) for r in y.pop("roads")) / 1000
		y.update(
			treated_km=round(treated_km, 2),
			network_km=round(network_km, 2),
			cost_per_treated_km=round(y["cost"] / treated_km, 2) if treated_km else 0,
			cost_per_network_km=round(y["cost"] / network_km, 2) if network_km else 0,
		)
		data.append(y)
	columns = [
		{"fieldname": "fiscal_year_be", "label": _("Fiscal Year (BE)"), "fieldtype": "Int", "width": 100},
		{"fieldname": "works", "label": _("Works Done"), "fieldtype": "Int", "width": 90},
		{"fieldname": "cost", "label": _("Actual Cost"), "fieldtype": "Currency", "width": 130},
		{
			"fieldname": "treated_km",
			"label": _("Km Treated"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "network_km",
			"label": _("Network (km)"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "cost_per_treated_km",
			"label": _("Cost per Km Treated"),
			"fieldtype": "Currency",
			"width": 140,
		},
		{
			"fieldname": "cost_per_network_km",
			"label": _("Cost per Km of Network"),
			"fieldtype": "Currency",
			"width": 150,
		},
	]
	return columns, data
