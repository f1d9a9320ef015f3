"""Public page of one street light pole: /pole/<code> (what the QR label on the pole opens).

Shows open data only (code, village, lamp type, status) and a button to report the light broken in the
citizen form, pre-filled with the pole. An unknown code gives a 404 page.
"""

from urllib.parse import quote, urlencode

import frappe
from frappe import _

from nonsaad_smart.smart_core.municipality import pole_code_prefix
from nonsaad_smart.smart_i_pole.api import public_pole_info

no_cache = 1
REPORT_FORM = "/report/new"


def get_context(context):
	code = frappe.form_dict.get("code") or ""
	context.no_breadcrumbs = True
	context.settings = frappe.get_cached_doc("Smart Settings")
	pole = public_pole_info(code)
	if not pole:
		context.http_status_code = 404
		context.pole = None
		context.code = code[:40]
		context.pole_prefix = pole_code_prefix()  # the example code of the page names this site's letters
		context.title = _("Street light pole not found")
		return context
	context.pole = pole
	context.title = _("Street light pole {0}").format(pole["pole_code"])
	context.report_url = (
		REPORT_FORM
		+ "?"
		+ urlencode({"asset_doctype": "Street Light Pole", "asset_name": pole["pole_code"]}, quote_via=quote)
	)
	context.metatags = {
		"title": context.title,
		"description": f"{pole['village_title']} – {pole['status_th']}",
	}
	return context
