"""Crew certificate alerts (daily scheduler job): 90 days before an EMS crew member's certificate expires,
the dispatchers and the crew member get a notification (`smart_core.notify`: the bell and e-mail). Sent
once per expiry date (`expiry_alert_for`), so a second run the same day sends nothing; a renewed
certificate (a new expiry date) is alerted again when its time comes."""

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, getdate, today

from nonsaad_smart.smart_core.notify import notify
from nonsaad_smart.smart_core.roles import users_with_role
from nonsaad_smart.smart_core.thai_date import format_be_date

ALERT_DAYS = 90


def send_certificate_alerts(on_date=None) -> int:
	"""Alert the certificates expiring within 90 days of `on_date` not alerted yet; returns how many."""
	on_date = getdate(on_date or today())
	rows = frappe.get_all(
		"EMS Crew Member",
		filters=[
			["active", "=", 1],
			["certificate_expiry", "between", [on_date, add_days(on_date, ALERT_DAYS)]],
		],
		fields=["name", "full_name", "user", "certificate_number", "certificate_expiry", "expiry_alert_for"],
	)
	dispatchers = users_with_role("EMS Dispatcher")
	sent = 0
	for row in rows:
		if row.expiry_alert_for and getdate(row.expiry_alert_for) == getdate(row.certificate_expiry):
			continue
		subject = _("The EMS certificate {0} of {1} expires on {2}: {3} days left").format(
			row.certificate_number,
			row.full_name,
			format_be_date(row.certificate_expiry, "long"),
			date_diff(row.certificate_expiry, on_date),
		)
		notify([*dispatchers, row.user], subject, "EMS Crew Member", row.name)
		frappe.db.set_value(
			"EMS Crew Member", row.name, "expiry_alert_for", row.certificate_expiry, update_modified=False
		)
		sent += 1
	return sent
