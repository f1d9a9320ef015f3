"""What the payment run's signed summary prints (print format "Allowance Payment Summary"): totals per
tier, persons paid by transfer and in cash, the total in Thai words."""

import frappe

from nonsaad_smart.smart_core.baht import baht_text


def payment_run_summary(run: str) -> dict:
	doc = frappe.get_doc("Allowance Payment Run", run)
	doc.check_permission("print")
	tiers = frappe.db.sql(
		"""select tier, amount as rate, count(*) as persons, sum(amount) as total,
			sum(ifnull(bank_account_no, '') = '') as cash
		from `tabAllowance Payment Line` where payment_run = %s group by tier, amount order by tier""",
		run,
		as_dict=True,
	)
	total = sum(float(t.total or 0) for t in tiers)
	return {
		"tiers": tiers,
		"persons": sum(int(t.persons) for t in tiers),
		"cash": sum(int(t.cash or 0) for t in tiers),
		"total": total,
		"total_text": baht_text(total),
	}
