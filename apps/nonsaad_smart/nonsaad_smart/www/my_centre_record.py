"""A centre staff member's own record: position, trainings of this fiscal year against the target, and
certificates with their expiry (Smart Kids). Only the logged-in person's own record is ever read."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.thai_date import format_be_date
from nonsaad_smart.smart_kids.api import staff_record

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-centre-record"
		raise frappe.Redirect
	staff = staff_record(frappe.session.user)
	if staff:
		for row in staff.trainings:
			row.when = format_be_date(row.end_date, "medium")
		for row in staff.certificates:
			row.issued = format_be_date(row.issued_on, "medium")
			row.expires = format_be_date(row.expires_on, "medium") if row.expires_on else _("Does not expire")
	context.staff = staff
	context.title = _("My Centre Record")
	context.show_sidebar = False
