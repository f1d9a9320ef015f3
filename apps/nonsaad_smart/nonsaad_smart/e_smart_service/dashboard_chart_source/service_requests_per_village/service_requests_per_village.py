"""Dashboard Chart Source: this fiscal year's service requests per village (e_smart_service/dashboard.py)."""

import frappe

from nonsaad_smart.e_smart_service.dashboard import requests_per_village


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
):
	return requests_per_village()
