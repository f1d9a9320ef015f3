"""/open-data: the municipality's open datasets, their data dictionary (Thai and English) and licence.

The files themselves are served by smart_core/open_data.py (page renderer) at /open-data/<name>.csv|.json.
"""

import frappe
from frappe import _

from nonsaad_smart.smart_core import open_data

no_cache = 1


def get_context(context):
	context.datasets = open_data.listing()
	context.k_anonymity = open_data.K_ANONYMITY
	context.licence = open_data.licence()
	context.catalog_url = frappe.utils.get_url("/open-data/catalog.json")
	context.title = _("Open data")
	context.no_breadcrumbs = True
	context.show_sidebar = False
