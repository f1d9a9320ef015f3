"""Daily reminders (scheduler): the chair and the Supplies Officers hear when a stock-check report is
due within REMIND_DAYS working days or overdue, and when a disposal nears or passes its 60-day deadline.
One reminder per document per day: the document's last_reminder_on is stamped when it is sent, and a
second run on the same day skips it."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today
from frappe.utils.user import get_users_with_role

from nonsaad_smart.smart_core.notify import notify
from nonsaad_smart.smart_core.thai_date import format_be_date
from nonsaad_smart.smart_core.working_days import working_days_between

REMIND_DAYS = 5
DISPOSAL_REMIND_DAYS = 10


def supplies_officers() -> list[str]:
	return get_users_with_role("Supplies Officer")


def send_overdue_reminders() -> int:
	return remind_stock_checks() + remind_disposals()


def remind_stock_checks(on_date=None) -> int:
	on_date = getdate(on_date or today())
	horizon = add_days(on_date, REMIND_DAYS * 2)  # calendar window; working days are counted below
	check = frappe.qb.DocType("Asset Stock Check")
	rows = (
		frappe.qb.from_(check)
		.select(check.name, check.due_date, check.fiscal_year, check.progress, check.last_reminder_on)
		.where(check.docstatus == 0)
		.where(check.workflow_state.isin(("Draft", "Checking")))
		.where(check.due_date <= horizon)
		.run(as_dict=True)
	)
	sent = 0
	for row in rows:
		if row.last_reminder_on and getdate(row.last_reminder_on) >= on_date:
			continue
		due = getdate(row.due_date)
		if due >= on_date and working_days_between(on_date, due) > REMIND_DAYS:
			continue
		doc = frappe.get_doc("Asset Stock Check", row.name)
		chair = [m.user for m in doc.committee if m.committee_role == "Chair"]
		if due < on_date:
			subject = _("Stock check {0} is overdue: the report was due on {1}").format(
				row.name, format_be_date(due, "long")
			)
		else:
			subject = _("Stock check {0}: the report is due on {1}, {2}% checked").format(
				row.name, format_be_date(due, "long"), row.progress or 0
			)
		notify(chair + supplies_officers(), subject, "Asset Stock Check", row.name)
		frappe.db.set_value("Asset Stock Check", row.name, "last_reminder_on", on_date, update_modified=False)
		sent += 1
	return sent


def remind_disposals(on_date=None) -> int:
	on_date = getdate(on_date or today())
	request = frappe.qb.DocType("Asset Disposal Request")
	rows = (
		frappe.qb.from_(request)
		.select(request.name, request.deadline)
		.where(request.docstatus == 1)
		.where(request.completed_on.isnull())
		.where(request.deadline <= add_days(on_date, DISPOSAL_REMIND_DAYS))
		.where(request.last_reminder_on.isnull() | (request.last_reminder_on < on_date))
		.run(as_dict=True)
	)
	for row in rows:
		late = getdate(row.deadline) < on_date
		subject = (
			_("Disposal {0} is overdue since {1}") if late else _("Disposal {0} is due by {1}")
		).format(row.name, format_be_date(row.deadline, "long"))
		doc = frappe.get_doc("Asset Disposal Request", row.name)
		chair = [m.user for m in doc.committee if m.committee_role == "Chair"]
		notify(chair + supplies_officers(), subject, "Asset Disposal Request", row.name)
		frappe.db.set_value(
			"Asset Disposal Request", row.name, "last_reminder_on", on_date, update_modified=False
		)
	return len(rows)
