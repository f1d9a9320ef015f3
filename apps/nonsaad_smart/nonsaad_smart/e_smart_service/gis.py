"""Map layer of open service requests for the one map (hooks `nonsaad_map_layers`, staff only)."""

import frappe

from nonsaad_smart.e_smart_service.api import OPEN_STATES, state_label
from nonsaad_smart.smart_core.geo import feature_collection, rows_to_features
from nonsaad_smart.smart_core.gis import bbox_filters


def open_request_layer(bbox=None) -> dict:
	"""Open requests with a place: number, service, state, priority, due date (get_list: permissions apply)."""
	rows = frappe.get_list(
		"Service Request",
		filters=[["workflow_state", "in", OPEN_STATES], ["latitude", "!=", 0], *bbox_filters(bbox)],
		fields=["name", "service_name", "workflow_state", "priority", "due_date", "latitude", "longitude"],
		order_by="due_date asc",
		limit_page_length=5000,
	)
	today = frappe.utils.getdate()
	for row in rows:
		row["title"] = f"{row.name} {row.service_name}"
		row["status"] = state_label(row.workflow_state)
		row["overdue"] = bool(row.due_date and row.due_date < today)
		row["doctype"] = "Service Request"
	return feature_collection(rows_to_features(rows), layer="open_requests")
