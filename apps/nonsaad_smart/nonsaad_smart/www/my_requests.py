"""A logged-in citizen's own service requests (frappe.get_list: row-level permissions apply)."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.thai_date import format_be_date

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-requests"
		raise frappe.Redirect
	from nonsaad_smart.e_smart_service.api import LOOP_FIELDS, loop_of, resolution_of, state_label

	rows = frappe.get_list(
		"Service Request",
		fields=[
			"name",
			"service_name",
			"workflow_state",
			"submitted_on",
			"due_date",
			"resolution_note",
			"after_photo",
			*LOOP_FIELDS,
		],
		order_by="creation desc",
		limit_page_length=100,
	)
	for row in rows:
		row.status_th = state_label(row.workflow_state)
		row.submitted_be = format_be_date(row.submitted_on, "medium")
		row.due_be = format_be_date(row.due_date, "medium")
		row.update(resolution_of(row))
		row.update(loop_of(row))
	context.requests = rows
	context.title = _("My requests")
	context.show_sidebar = False
