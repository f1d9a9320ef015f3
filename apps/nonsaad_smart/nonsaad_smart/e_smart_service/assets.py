"""The asset registers a Service Request may be about, read from hooks `nonsaad_asset_registers`.

A register belongs to its module (Smart I Pole's Street Light Pole, Smart Terrain's Road/Drain/Culvert…);
E-Smart Service only reads the registry (`smart_core.registry`) and calls the module's callbacks:

- ``on_report(asset_name, request_name)`` when a report about the asset is filed (a new request, or a
  further report added to the open one);
- ``on_request_update(event)`` when the request's state changes; `event` is a ``frappe._dict`` with
  ``request``, ``asset_doctype``, ``asset_name``, ``state``, ``previous_state``, ``is_open``,
  ``accepted`` (the office has just accepted the report as real), ``settled`` (resolved, or rejected as
  no problem) and ``submitted_on``. Modules decide on these flags, never on raw state names.

A register whose module is not installed is unknown here: a Service Type may not name it and a request
may not point into it (the demo's drain/road/culvert types stay without a register until Smart Terrain
registers them).
"""

import frappe

from nonsaad_smart.e_smart_service.states import ACCEPTED, OPEN_STATES, REOPENED, SETTLED_STATES
from nonsaad_smart.smart_core.registry import asset_register, installed_asset_registers


def register_doctypes() -> list[str]:
	"""DocTypes a request may be about on this site, in hook order."""
	return list(installed_asset_registers())


def asset_by_code(doctype: str, code: str) -> str | None:
	"""The record of a register with the code painted on it (its code field), or None."""
	spec = asset_register(doctype)
	if not spec or not code:
		return None
	if spec.code_field == "name":
		return frappe.db.exists(doctype, code)
	return frappe.db.get_value(doctype, {spec.code_field: code}, "name")


def register_label(doctype: str) -> str:
	"""The English label of a register (translate it with _() where users read it)."""
	spec = asset_register(doctype)
	return spec.label if spec else doctype


def map_layers() -> dict[str, str]:
	"""Register DocType -> its map layer (to pick the asset on the report form's map)."""
	return {
		doctype: spec.map_layer for doctype, spec in installed_asset_registers().items() if spec.map_layer
	}


def request_event(doc, previous_state: str | None) -> frappe._dict:
	state = doc.get("workflow_state")
	return frappe._dict(
		request=doc.name,
		asset_doctype=doc.get("asset_doctype"),
		asset_name=doc.get("asset_name"),
		state=state,
		previous_state=previous_state,
		is_open=state in OPEN_STATES,
		# accepted as a real problem (again, when the citizen reopens it)
		accepted=state in (ACCEPTED, REOPENED),
		settled=state in SETTLED_STATES,
		submitted_on=doc.get("submitted_on") or doc.get("creation"),
	)


def _callback(doctype: str | None, name: str):
	spec = asset_register(doctype)
	return frappe.get_attr(spec[name]) if spec and spec.get(name) else None


def notify_request_update(doc, previous_state: str | None) -> None:
	"""Tell the asset's module that a request about it changed state (ServiceRequest.on_update)."""
	if not doc.get("asset_name"):
		return
	if callback := _callback(doc.get("asset_doctype"), "on_request_update"):
		callback(request_event(doc, previous_state))


def notify_report(asset_doctype: str | None, asset_name: str | None, request: str) -> None:
	"""Tell the asset's module that a report about it was filed (new request or added report)."""
	if not asset_name:
		return
	if callback := _callback(asset_doctype, "on_report"):
		callback(asset_name, request)


def nearest_asset(asset_doctype: str, latitude, longitude) -> frappe._dict | None:
	"""The register's asset nearest a citizen's pin, from the register's own `nearest` method
	(fn(lat, lng) -> {"name", "title", "distance_m"} | None, within the distance the module documents),
	or None when the register snaps nothing (no `nearest` key, nothing close enough)."""
	spec = asset_register(asset_doctype)
	if not spec or not spec.get("nearest"):
		return None
	try:
		lat, lng = float(latitude), float(longitude)
	except (TypeError, ValueError):
		return None
	found = frappe.get_attr(spec["nearest"])(lat, lng)
	return frappe._dict(found) if found else None


@frappe.whitelist(allow_guest=True)
def nearest(asset_doctype=None, latitude=None, longitude=None) -> dict | None:
	"""The report form: the asset (name, title, distance) a pin snaps to, for registers whose map layer is
	open data (the same records the form's map already shows to anyone), else None."""
	from nonsaad_smart.smart_core.gis import registered_layers

	if not isinstance(asset_doctype, str) or asset_doctype not in installed_asset_registers():
		return None
	layer = registered_layers().get(asset_register(asset_doctype).get("map_layer") or "")
	if not layer or not layer.get("public"):
		return None
	found = nearest_asset(asset_doctype, latitude, longitude)
	return (
		{"name": found.name, "title": found.get("title"), "distance_m": found.get("distance_m")}
		if found
		else None
	)
