"""The budget priority list for next fiscal year: candidate works ranked by a documented rule.

Candidates: every road (or rated road segment), drain and culvert whose latest condition calls for a
treatment other than routine maintenance (Treatment Rule urgency ≥ 2), and that has no maintenance work
planned, approved or in progress.

    score = urgency × traffic × (1 + population served / 1 000) × (1 + open citizen reports)

- urgency: the Treatment Rule's urgency (1–5; PASER 1–2 reconstruction 5 … 7–8 crack sealing 2);
- traffic: Low 1, Medium 1.5, High 2 (the road's traffic class; drains and culverts count 1.5, the
  traffic class of the road they serve is not known for all);
- population served: the road's `population_served` (drains, culverts: 0);
- open citizen reports: how many citizens reported the asset on its open E-Smart Service request
  (`report_count`; 0 when no request is open).

Estimated cost = quantity × the treatment's Unit Rate (road: length × width in m², drain: length in m,
culvert: each). Rows are sorted by score (then cheaper first); the running total is compared with the
budget ceiling the user types in: rows up to the ceiling are "within budget".
"""

import frappe
from frappe.utils import cint, flt

from nonsaad_smart.smart_terrain.workflows import APPROVED, IN_PROGRESS, PLANNED

TRAFFIC = {"Low": 1.0, "Medium": 1.5, "High": 2.0}
OPEN_WORK_STATES = (PLANNED, APPROVED, IN_PROGRESS)


def _rules():
	rules = {}
	for r in frappe.get_all(
		"Treatment Rule",
		fields=["name", "applies_to", "paser_from", "paser_to", "condition_class", "priority", "unit_rate"],
	):
		rules.setdefault(r.applies_to, []).append(r)
	rates = {r.name: r for r in frappe.get_all("Unit Rate", fields=["name", "unit", "rate"])}
	return rules, rates


def _rule_for_paser(rules, paser):
	for r in rules.get("Road", []):
		if cint(r.paser_from) <= cint(paser) <= cint(r.paser_to):
			return r
	return None


def _open_reports(doctype: str) -> dict[str, int]:
	from nonsaad_smart.e_smart_service.api import open_requests_by_asset

	return {name: max(1, cint(r.report_count)) for name, r in open_requests_by_asset(doctype).items()}


def candidates() -> list[dict]:
	rules, rates = _rules()
	busy = {
		(w.asset_doctype, w.asset_name)
		for w in frappe.get_all(
			"Maintenance Work",
			filters={"workflow_state": ("in", OPEN_WORK_STATES), "docstatus": 0},
			fields=["asset_doctype", "asset_name"],
		)
	}
	rows = []

	def add(doctype, name, title, village, rule, quantity, traffic, population, reports):
		if not rule or cint(rule.priority) < 2 or (doctype, name) in busy:
			return
		rate = rates.get(rule.unit_rate)
		score = cint(rule.priority) * traffic * (1 + flt(population) / 1000) * (1 + reports.get(name, 0))
		rows.append(
			{
				"asset_doctype": doctype,
				"asset_name": name,
				"title": title,
				"village": village,
				"treatment": rule.name,
				"urgency": cint(rule.priority),
				"open_reports": reports.get(name, 0),
				"quantity": round(quantity, 2),
				"unit": rate.unit if rate else None,
				"unit_rate": flt(rate.rate) if rate else 0,
				"estimated_cost": round(quantity * flt(rate.rate), 2) if rate else 0,
				"score": round(score, 2),
			}
		)

	reports = _open_reports("Road")
	for road in frappe.get_all(
		"Road",
		filters={"paser": (">", 0)},
		fields=[
			"name",
			"road_name",
			"village",
			"length_m",
			"width_m",
			"paser",
			"traffic_class",
			"population_served",
		],
	):
		add(
			"Road",
			road.name,
			road.road_name,
			road.village,
			_rule_for_paser(rules, road.paser),
			flt(road.length_m) * flt(road.width_m),
			TRAFFIC.get(road.traffic_class, 1.0),
			road.population_served,
			reports,
		)
	for doctype, quantity_of in (("Drain", lambda r: flt(r.length_m)), ("Culvert", lambda r: 1.0)):
		reports = _open_reports(doctype)
		by_class = {r.condition_class: r for r in rules.get(doctype, [])}
		fields = [
			"name",
			"village",
			"condition_class",
			"drain_name as title" if doctype == "Drain" else "culvert_name as title",
		]
		if doctype == "Drain":
			fields.append("length_m")
		for row in frappe.get_all(doctype, filters={"condition_class": ("is", "set")}, fields=fields):
			add(
				doctype,
				row.name,
				row.title,
				row.village,
				by_class.get(row.condition_class),
				quantity_of(row),
				1.5,
				0,
				reports,
			)
	rows.sort(key=lambda r: (-r["score"], r["estimated_cost"], r["asset_name"]))
	return rows


def priority_list(ceiling=None) -> list[dict]:
	"""Candidates ranked, with the running total and whether each fits under the ceiling."""
	ceiling = flt(ceiling)
	total = 0.0
	rows = candidates()
	for rank, row in enumerate(rows, start=1):
		total += row["estimated_cost"]
		row["rank"] = rank
		row["cumulative_cost"] = round(total, 2)
		row["within_budget"] = 1 if ceiling and total <= ceiling else 0
	return rows
