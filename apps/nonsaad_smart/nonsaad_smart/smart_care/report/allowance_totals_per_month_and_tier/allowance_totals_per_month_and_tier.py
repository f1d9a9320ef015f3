"""Allowance Totals per Month and Tier: persons paid and baht per month, allowance kind and tier, from the
completed payment runs (no person, no account: a finance view)."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_core.thai_date import fiscal_year, format_be_date


def execute(filters=None):
	filters = frappe._dict(filters or {})
	frappe.has_permission("Allowance Payment Run", "report", throw=True)
	fy = int(filters.fiscal_year or fiscal_year(frappe.utils.today()))
	runs = frappe.get_list(
		"Allowance Payment Run",
		filters={
			"status": "Completed",
			"fiscal_year": fy,
			**({"allowance_kind": filters.allowance_kind} if filters.allowance_kind else {}),
		},
		pluck="name",
		limit=0,
	)
	rows = []
	if runs:
		rows = frappe.db.sql(
			"""select month, allowance_kind, tier, count(*) as persons, sum(amount) as amount
			from `tabAllowance Payment Line` where payment_run in %(runs)s
			group by month, allowance_kind, tier order by month, allowance_kind, tier""",
			{"runs": runs},
			as_dict=True,
		)
	for row in rows:
		row.month_label = format_be_date(row.month, "long").split(" ", 1)[1]
		row.allowance_kind = _(row.allowance_kind)
	columns = [
		column(_("Month"), "month_label", "Data", 150),
		column(_("Allowance Kind"), "allowance_kind", "Data", 170),
		column(_("Tier"), "tier", "Data", 90),
		column(_("Persons"), "persons", "Int", 90),
		column(_("Amount (baht)"), "amount", "Currency", 130),
	]
	chart = None
	if rows:
		months = list(dict.fromkeys(r.month_label for r in rows))
		totals = {m: 0 for m in months}
		for r in rows:
			totals[r.month_label] += float(r.amount or 0)
		chart = {
			"data": {
				"labels": months,
				"datasets": [{"name": _("Amount (baht)"), "values": list(totals.values())}],
			},
			"type": "bar",
		}
	return columns, rows, None, chart
