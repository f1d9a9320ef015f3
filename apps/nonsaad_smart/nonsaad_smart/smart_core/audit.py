"""PDPA audit trail beyond the desk: reads of sensitive records over the REST API are logged too.

Frappe logs a View Log when a form is opened in the desk (DocTypes with `track_views`). Integrations and
scripts read through `/api/resource/<DocType>/<name>`; `log_api_read` (an `after_request` hook) writes a
View Log for each successful read of one record and an Access Log for each list read of such a DocType.
"""

from urllib.parse import unquote

import frappe
from frappe.core.doctype.access_log.access_log import make_access_log

RESOURCE_PREFIXES = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")


def _resource_path(path: str) -> tuple[str, str | None] | None:
	for prefix in RESOURCE_PREFIXES:
		if path.startswith(prefix):
			parts = [unquote(p) for p in path[len(prefix) :].split("/") if p]
			if parts:
				return parts[0], (parts[1] if len(parts) > 1 else None)
	return None


def log_api_read(response, request):
	if request.method != "GET" or getattr(response, "status_code", 500) != 200:
		return
	if frappe.session.user == "Guest":
		return
	target = _resource_path(request.path)
	if not target:
		return
	doctype, name = target
	if not frappe.db.exists("DocType", doctype) or not frappe.get_meta(doctype).track_views:
		return
	if name:
		frappe.get_doc(
			{
				"doctype": "View Log",
				"viewed_by": frappe.session.user,
				"reference_doctype": doctype,
				"reference_name": name,
			}
		).insert(ignore_permissions=True)
	else:
		make_access_log(doctype=doctype, method="REST list", filters=frappe.form_dict.get("filters"))
	frappe.db.commit()
