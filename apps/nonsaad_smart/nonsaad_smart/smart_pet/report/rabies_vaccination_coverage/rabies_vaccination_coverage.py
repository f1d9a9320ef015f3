"""Rabies Vaccination Coverage: per village, dogs vaccinated in the 12 months up to a day ÷ registered
living dogs, against the 80 % target (70 %: the campaign goes back). Aggregates only (smart_pet/coverage)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_pet.coverage import CAMPAIGN_LINE, TARGET, coverage_by_village


def execute(filters=None):
	filters = frappe._dict(filters or {})
	frappe.has_permission("Pet", "report", throw=True)
	on_date = getdate(filters.get("on_date") or today())
	rows = []
	for row in coverage_by_village(on_date):
		rows.append({**row, "band": _(row.band) if row.band else "", "target": TARGET})
	chart = {
		"data": {
			"labels": [f"{_('Village No.')} {r['village_no']}" for r in rows],
			"datasets": [{"name": _("Coverage %"), "values": [r["coverage"] for r in rows]}],
			"yMarkers": [
				{"label": _("Target {0}%").format(int(TARGET)), "value": TARGET},
				{"label": _("Campaign line {0}%").format(int(CAMPAIGN_LINE)), "value": CAMPAIGN_LINE},
			],
		},
		"type": "bar",
		"colors": ["#2e7d32"],
	}
	dogs = sum(r["dogs"] for r in rows)
	done = sum(r["vaccinated"] for r in rows)
	summary = [
		{"label": _("Registered living dogs"), "value": dogs, "datatype": "Int"},
		{"label": _("Vaccinated in 12 months"), "value": done, "datatype": "Int"},
		{
			"label": _("Coverage"),
			"value": round(100.0 * done / dogs, 1) if dogs else 0,
			"datatype": "Percent",
			"indicator": "green" if dogs and 100.0 * done / dogs >= TARGET else "red",
		},
	]
	return columns(), rows, None, chart, summary


def columns():
	return [
		column(_("Village"), "village", "Link", 100, options="Village"),
		column(_("Village No."), "village_no", "Int", 80),
		column(_("Village Name"), "village_name", "Data", 180),
		column(_("Registered Living Dogs"), "dogs", "Int", 120),
		column(_("Vaccinated in 12 Months"), "vaccinated", "Int", 120),
		column(_("Not Vaccinated"), "unvaccinated", "Int", 110),
		column(_("Coverage %"), "coverage", "Percent", 100),
		column(_("Target %"), "target", "Percent", 90),
		column(_("Band"), "band", "Data", 140),
	]
