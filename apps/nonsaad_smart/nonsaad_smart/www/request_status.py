"""Public status page of a service request: tracking number + last 4 phone digits → state and timeline.

The lookup is the rate-limited guest method nonsaad_smart.e_smart_service.api.request_status; this page
only renders the form (a wrong pair and an unknown number give the same "not found").
"""

import frappe
from frappe import _

no_cache = 1


def get_context(context):
	context.title = _("Request status")
	context.tracking_number = (frappe.form_dict.get("tracking_number") or "")[:20]
	context.show_sidebar = False
