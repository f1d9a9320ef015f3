"""Smart Terrain's reports: km per village, the budget priority list's rule and ceiling, history, cost per
km, the overview figure and the open dataset."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_terrain import api
from nonsaad_smart.smart_terrain.budget import priority_list
from nonsaad_smart.smart_terrain.report.budget_priority_list import budget_priority_list
from nonsaad_smart.smart_terrain.report.cost_per_km_per_year import cost_per_km_per_year
from nonsaad_smart.smart_terrain.report.drains_and_culverts_by_condition import (
	drains_and_culverts_by_condition,
)
from nonsaad_smart.smart_terrain.report.maintenance_history import maintenance_history
from nonsaad_smart.smart_terrain.report.road_length_by_village import road_length_by_village
from nonsaad_smart.smart_terrain.testing import MERIDIAN, make_road, make_road_request, make_survey, make_work


class TestTerrainReports(FrappeTestCase):
	def test_budget_rule_ranks_and_sums_against_the_ceiling(self):
		# same length and width: reconstruction (urgency 5) on a busy road outranks resurfacing (3) on a quiet one
		busy = make_road(MERIDIAN, traffic_class="High", population_served=1000, width_m=5)
		quiet = make_road(MERIDIAN, traffic_class="Low", population_served=0, width_m=5)
		make_survey("Road", busy.name, paser=2)
		make_survey("Road", quiet.name, paser=6)
		rows = {r["asset_name"]: r for r in priority_list(ceiling=10**12)}
		b, q = rows[busy.name], rows[quiet.name]
		self.assertEqual((b["treatment"], b["urgency"], b["score"]), ("Reconstruction", 5, 5 * 2.0 * 2.0 * 1))
		self.assertEqual((q["treatment"], q["score"]), ("Resurfacing", 3 * 1.0 * 1.0 * 1))
		self.assertLess(b["rank"], q["rank"])
		self.assertAlmostEqual(b["estimated_cost"], round(busy.length_m * 5 * 850, 2), places=0)
		# an open citizen report doubles the score; a planned work takes the road off the list
		make_road_request(quiet.name)
		self.assertEqual({r["asset_name"]: r for r in priority_list()}[quiet.name]["score"], 3 * 2)
		make_work("Road", quiet.name)
		self.assertNotIn(quiet.name, {r["asset_name"] for r in priority_list()})
		# the running total against the typed ceiling
		rows = priority_list(ceiling=b["estimated_cost"])
		total = 0
		for row in rows:
			total += row["estimated_cost"]
			self.assertEqual(row["cumulative_cost"], round(total, 2))
			self.assertEqual(row["within_budget"], 1 if total <= b["estimated_cost"] else 0)
		columns, data, _message, _chart, summary = budget_priority_list.execute({"budget_ceiling": 1000})
		self.assertTrue(columns and data and summary)

	def test_km_by_village_history_and_cost_per_km(self):
		road = make_road(MERIDIAN)
		make_survey("Road", road.name, paser=3)
		work = make_work("Road", road.name, quantity=100)
		for action in ("Approve", "Start Work"):
			work = apply_workflow(frappe.get_doc("Maintenance Work", work.name), action)
		work = frappe.get_doc("Maintenance Work", work.name)
		work.condition_after = 9
		work.save()
		apply_workflow(work, "Complete")
		_columns, data, _m, chart = road_length_by_village.execute({})
		line = next(d for d in data if d["village"] == road.village)
		self.assertGreaterEqual(line["total_km"], round(road.length_m / 1000, 2) - 0.01)
		self.assertTrue(chart["data"]["labels"])
		_columns, history = maintenance_history.execute({"asset_doctype": "Road", "asset_name": road.name})
		self.assertEqual([h["name"] for h in history], [work.name])
		_columns, years = cost_per_km_per_year.execute({})
		year = next(y for y in years if y["fiscal_year_be"] == work.fiscal_year_be)
		self.assertGreater(year["cost_per_treated_km"], 0)
		self.assertTrue(drains_and_culverts_by_condition.execute({})[0])
		# the open dataset and the overview figure
		rows = api.km_by_condition()
		self.assertTrue(all({"village", "condition", "roads", "km"} <= set(r) for r in rows))
		self.assertIsInstance(api.poor_road_km(), float)
