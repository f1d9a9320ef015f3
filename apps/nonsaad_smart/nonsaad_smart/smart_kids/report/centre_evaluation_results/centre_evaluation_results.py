"""Centre Evaluation Results: the submitted evaluations of each centre over the fiscal years, part by part,
with the change from the year before."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {"docstatus": 1}
	if filters.centre:
		conditions["centre"] = filters.centre
	rows = frappe.get_list(
		"Centre Evaluation",
		filters=conditions,
		fields=[
			"name",
			"centre",
			"centre_name",
			"fiscal_year",
			"part1_score",
			"part2_score",
			"part3_score",
			"overall_score",
			"change_from_previous",
			"result",
		],
		order_by="centre asc, fiscal_year asc",
		limit=0,
	)
	for row in rows:
		row["result"] = _(row.result)
	return columns(), rows, None, chart(rows)


def columns():
	return [
		column(_("Evaluation"), "name", "Link", 150, options="Centre Evaluation"),
		column(_("Centre Name"), "centre_name", "Data", 200),
		column(_("Fiscal Year (BE)"), "fiscal_year", "Int", 100),
		column(_("Part 1 Average"), "part1_score", "Float", 100, precision=2),
		column(_("Part 2 Average"), "part2_score", "Float", 100, precision=2),
		column(_("Part 3 Average"), "part3_score", "Float", 100, precision=2),
		column(_("Overall Average"), "overall_score", "Float", 100, precision=2),
		column(_("Change from Previous"), "change_from_previous", "Float", 110, precision=2),
		column(_("Result"), "result", "Data", 90),
	]


def chart(rows):
	years = sorted({r.fiscal_year for r in rows})
	centres = sorted({r.centre_name for r in rows})
	score = {(r.centre_name, r.fiscal_year): r.overall_score for r in rows}
	return {
		"data": {
			"labels": [str(y) for y in years],
			"datasets": [{"name": c, "values": [score.get((c, y), 0) for y in years]} for c in centres],
		},
		"type": "line",
	}
