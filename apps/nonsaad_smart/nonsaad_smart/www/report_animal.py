"""Report a stray animal or a bite (Smart Pet): anyone, with a photo and the place (GPS or typed).
Sent to nonsaad_smart.smart_pet.web.report_stray / report_bite, which check everything before writing."""

import frappe
from frappe import _

no_cache = 1


def get_context(context):
	kind = frappe.form_dict.get("kind")
	context.kind = kind if kind in ("stray", "bite") else "stray"
	settings = frappe.get_cached_doc("Smart Settings")
	context.center = [settings.map_center_lat, settings.map_center_lng]
	context.title = _("Report a stray animal / a dog or cat bite")
	context.show_sidebar = False
	context.no_breadcrumbs = True
