"""A citizen's own allowance page (Smart Care): the status of their registrations and their payments.
Only the logged-in citizen's own record is ever read (smart_care.api.own_allowance)."""

import frappe
from frappe import _

from nonsaad_smart.smart_care.api import own_allowance
from nonsaad_smart.smart_core.thai_date import format_be_date

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-allowance"
		raise frappe.Redirect
	person = own_allowance(frappe.session.user)
	if person:
		for row in person.registrations:
			row.applied = format_be_date(row.application_date, "medium")
		for row in person.payments:
			row.when = format_be_date(row.month, "long").split(" ", 1)[1]
			row.paid_on = format_be_date(row.payment_date, "medium") if row.payment_date else ""
	context.person = person
	context.title = _("My Allowance")
	context.show_sidebar = False
