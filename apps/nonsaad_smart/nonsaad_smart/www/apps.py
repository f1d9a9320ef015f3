"""/apps: the framework's apps screen would offer the upstream ERP product next to ours. The municipality's
staff have one app: send them where the desk would after login (their landing workspace)."""

import frappe
from frappe.apps import get_default_path

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/apps"
	else:
		frappe.local.flags.redirect_location = get_default_path() or "/app"
	raise frappe.Redirect
