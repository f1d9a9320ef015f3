"""Overdue home visits: a homebound or bedbound person with an active care plan and no visit within the
plan's interval (or no visit at all since the plan started). Read by the daily alert to care managers, the
"Overdue Home Visits" report and the workspace card."""

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, getdate, today

from nonsaad_smart.smart_care.rules import VULNERABLE_GROUPS
from nonsaad_smart.smart_core.notify import notify


def overdue_visits(on_date=None, persons: list[str] | None = None) -> list[frappe._dict]:
	"""Rows (care_person, full_name, village, adl_group, care_manager, plan, interval, last_visit,
	days_since, due_date) of persons whose next visit is due before `on_date`. `persons` restricts the
	rows (a report passes the persons the user may read)."""
	on_date = getdate(on_date or today())
	plan = frappe.qb.DocType("Care Plan")
	person = frappe.qb.DocType("Care Person")
	query = (
		frappe.qb.from_(plan)
		.join(person)
		.on(person.name == plan.care_person)
		.select(
			person.name.as_("care_person"),
			person.full_name,
			person.village,
			person.adl_group,
			plan.care_manager,
			plan.name.as_("plan"),
			plan.visit_interval_days.as_("interval"),
			plan.start_date,
			person.last_visit_on.as_("last_visit"),
			person.overdue_alert_on.as_("alerted_on"),
		)
		.where(
			(plan.status == "Active") & person.adl_group.isin(VULNERABLE_GROUPS) & (person.status == "Active")
		)
	)
	if persons is not None:
		if not persons:
			return []
		query = query.where(person.name.isin(persons))
	rows = []
	for row in query.run(as_dict=True):
		since = getdate(row.last_visit) if row.last_visit else getdate(row.start_date)
		row.due_date = add_days(since, row.interval or 0)
		if getdate(row.due_date) < on_date:
			row.days_since = date_diff(on_date, since)
			rows.append(row)
	return sorted(rows, key=lambda r: (r.adl_group != "Bedbound", r.due_date))


def send_overdue_visit_alerts(on_date=None) -> int:
	"""Daily: each care manager gets one notification per overdue person of their caseload, once a day per
	person (`overdue_alert_on`, stamped in the job's transaction): a rerun on the same day (a restarted
	scheduler catching up, a job run by hand) sends nothing new."""
	on_date = getdate(on_date or today())
	sent, alerted = 0, set()
	for row in overdue_visits(on_date):
		if not row.care_manager or (row.alerted_on and getdate(row.alerted_on) >= on_date):
			continue
		subject = _("Home visit overdue: {0} ({1}), last visit {2} days ago").format(
			row.full_name, _(row.adl_group), row.days_since
		)
		sent += len(notify([row.care_manager], subject, "Care Person", row.care_person))
		alerted.add(row.care_person)
	for person in alerted:  # after the loop: a person with two active plans tells both managers
		frappe.db.set_value("Care Person", person, "overdue_alert_on", on_date, update_modified=False)
	return sent
