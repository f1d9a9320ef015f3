"""What Smart Terrain does when a citizen's request about a road, drain or culvert changes: the callbacks
of its asset registers (hooks `nonsaad_asset_registers`), dispatched by E-Smart Service
(`e_smart_service/assets.py`). Decides on the event's flags, never on Service Request state names."""

import frappe


def on_report(asset_name: str, request: str) -> None:
	"""A report about an asset: nothing to change on the register (its condition comes from surveys)."""
	return None


def on_request_update(event) -> None:
	"""Accepted report about a drain or culvert with no survey saying worse: the asset is at least Poor
	until a work or a survey says otherwise (roads keep their PASER rating: a pothole is one spot)."""
	if not event.accepted or event.asset_doctype not in ("Drain", "Culvert"):
		return
	current = frappe.db.get_value(event.asset_doctype, event.asset_name, "condition_class")
	if current in (None, "", "Good", "Fair"):
		frappe.db.set_value(event.asset_doctype, event.asset_name, "condition_class", "Poor")
