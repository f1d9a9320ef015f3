"""One map: every located record serves a permission-checked GeoJSON layer.

Layers are registered by each service in hooks.py:

    nonsaad_map_layers = {
        "villages": {"label": "Villages", "method": "nonsaad_smart.smart_core.gis.village_layer", "public": 1},
    }

`method(bbox)` returns a FeatureCollection built with `smart_core.geo` and must read through
`frappe.get_list` (row-level permissions). A public layer is open data (no personal data) and is served to
guests too; any other layer needs a logged-in user with read access to its DocType.
"""

import json
import math

import frappe
from frappe import _

from nonsaad_smart.smart_core.geo import feature_collection, rows_to_features


class InvalidBBoxError(frappe.ValidationError):
	pass


def registered_layers() -> dict[str, dict]:
	layers = {}
	for hook in frappe.get_hooks("nonsaad_map_layers"):
		layers.update(hook if isinstance(hook, dict) else {})
	return layers


def _allowed(spec: dict) -> bool:
	if spec.get("public"):
		return True
	if frappe.session.user == "Guest":
		return False
	doctype = spec.get("doctype")
	return bool(doctype and frappe.has_permission(doctype, "read"))


@frappe.whitelist(allow_guest=True)
def get_layers() -> list[dict]:
	"""The layers this user may see, for the map's layer switcher."""
	return [
		{
			"name": name,
			"label": _(spec.get("label", name)),
			"public": bool(spec.get("public")),
			"color": spec.get("color"),
		}
		for name, spec in registered_layers().items()
		if _allowed(spec)
	]


def parse_bbox(bbox) -> tuple[float, float, float, float] | None:
	"""bbox "min_lng,min_lat,max_lng,max_lat" (as Leaflet's toBBoxString) -> floats, or None."""
	if not bbox:
		return None
	message = _("bbox must be four numbers: min_lng,min_lat,max_lng,max_lat")
	if not isinstance(bbox, str | int | float):
		frappe.throw(message, InvalidBBoxError)
	try:
		values = tuple(float(v) for v in str(bbox).split(","))
	except ValueError:
		frappe.throw(message, InvalidBBoxError)
	if (
		len(values) != 4
		or not all(math.isfinite(v) for v in values)
		or values[0] > values[2]
		or values[1] > values[3]
	):
		frappe.throw(message, InvalidBBoxError)
	return values


def bbox_filters(bbox) -> list:
	"""get_list filters keeping points inside the bbox (none when no bbox)."""
	box = parse_bbox(bbox)
	if not box:
		return []
	return [
		["longitude", ">=", box[0]],
		["longitude", "<=", box[2]],
		["latitude", ">=", box[1]],
		["latitude", "<=", box[3]],
	]


@frappe.whitelist(allow_guest=True)
def get_layer(layer=None, bbox=None) -> dict:
	"""GeoJSON of one layer (arguments unannotated: a wrong type gets our message, not FrappeTypeError)."""
	spec = registered_layers().get(layer) if isinstance(layer, str) else None
	if not spec:
		frappe.throw(_("Unknown map layer: {0}").format(layer), frappe.DoesNotExistError)
	if not _allowed(spec):
		frappe.throw(_("You are not allowed to see the map layer {0}").format(layer), frappe.PermissionError)
	return frappe.get_attr(spec["method"])(bbox=bbox)


@frappe.whitelist(allow_guest=True)
def map_settings() -> dict:
	"""Map centre, zoom and municipal boundary (public)."""
	settings = frappe.get_cached_doc("Smart Settings")
	return {
		"center": [settings.map_center_lat, settings.map_center_lng],
		"zoom": settings.map_zoom or 13,
		"boundary": json.loads(settings.boundary_geojson) if settings.boundary_geojson else None,
		"name": settings.municipality_name_th,
	}


def village_layer(bbox=None) -> dict:
	"""Village centres with households and population (open data)."""
	rows = frappe.get_all(
		"Village",
		filters=bbox_filters(bbox),
		fields=["name", "village_no", "village_name", "households", "population", "latitude", "longitude"],
		order_by="village_no asc",
	)
	for row in rows:
		row["title"] = f"หมู่ {row.village_no} {row.village_name}"
		row["doctype"] = "Village"
	return feature_collection(rows_to_features(rows), layer="villages")
