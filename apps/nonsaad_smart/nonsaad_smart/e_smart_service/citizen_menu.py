"""A logged-in citizen reaches their own requests: lands on /my-requests after login, finds it in the menu.

Why: Frappe sends a website user to /me after login, a page with no link to the requests they filed.
The Citizen role's home page (fixtures/role.json) is /my-requests; hooks `portal_menu_items` (the /me
sidebar) and `update_website_context` -> `add_my_requests_link` (the account menu of every web page).
"""

import frappe
from frappe import _

MY_REQUESTS = "/my-requests"


def add_my_requests_link(context):
	"""Put "My requests" first in the account menu of a logged-in citizen (no-op for others)."""
	if frappe.session.user == "Guest" or "Citizen" not in frappe.get_roles():
		return
	menu = list(context.get("post_login") or [])
	if not any(item.get("url") == MY_REQUESTS for item in menu):
		menu.insert(0, {"label": _("My requests"), "url": MY_REQUESTS})
	context.post_login = menu
