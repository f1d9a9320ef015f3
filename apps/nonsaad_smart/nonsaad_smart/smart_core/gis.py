"""One map: every located record serves a permission-checked GeoJSON layer.

Layers are registered by each service in hooks.py (a list of {name: spec} dicts):

    nonsaad_map_layers = [{
        "villages": {
            "label": "Villages",                       # English, translated by th.csv
            "doctype": "Village",                      # read permission needed unless public
            "method": "nonsaad_smart.smart_core.gis.village_layer",
            "public": 1,                               # open data: served to guests too
            "color": "#6a1b9a",
            "style": {"shape": "badge", "text_field": "village_no"},   # or "circle" / "square"
            "popup": [{"field": "households"}, {"field": "population"}],
        }
    }]

`method(bbox)` returns a FeatureCollection built with `smart_core.geo` and must read through
`frappe.get_list` (row-level permissions). A public layer is open data (no personal data) and is served to
guests too; any other layer needs a logged-in user with read access to its DocType, or, when the spec has
`"roles": [...]`, a user holding one of those roles (the layer method checks them itself and returns minimal
data). `"dispatch": 1` also puts the layer on Smart EMS's dispatch map.

What the map shows is declared here, not in the map's JavaScript, so a new module plugs in with its hook:

- `style`: `shape` circle (default), square or badge (a label, `text_field`), `color`, and optionally
  `color_by` (a property) with `colors` {value: colour}; the legend is built from it.
- `popup`: the properties shown, each {"field", "label"?, "type"?, "translate"?}; label and type default to
  the DocType's field, labels and Select/Link values reach the browser translated (Link values as the
  target's title), checks as Yes/No, dates in BE.
- `links`: {"label", "url" with {property} placeholders, "audience": "public" | "desk" | "all"}, e.g. a
  pole's "Report a problem" (/report/new?asset_doctype=…&asset_name={name}) for the public; on the desk
  map every feature of a layer with a `doctype` also gets "Open in desk" when the user may read it.
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
	if spec.get("roles"):  # served to these roles; the layer method returns minimal data (contract 4)
		return bool(set(spec["roles"]) & set(frappe.get_roles()))
	doctype = spec.get("doctype")
	return bool(doctype and frappe.has_permission(doctype, "read"))


@frappe.whitelist(allow_guest=True)
def get_layers() -> list[dict]:
	"""The layers this user may see, with their style, legend, popup fields and links (all translated)."""
	return [layer_info(name, spec) for name, spec in registered_layers().items() if _allowed(spec)]


def layer_info(name: str, spec: dict) -> dict:
	style = {"shape": "circle", "color": spec.get("color") or "#e65100", **(spec.get("style") or {})}
	doctype = spec.get("doctype")
	can_open = bool(doctype and frappe.session.user != "Guest" and frappe.has_permission(doctype, "read"))
	return {
		"name": name,
		"label": _(spec.get("label", name)),
		"public": bool(spec.get("public")),
		"color": style["color"],
		"style": style,
		"legend": legend(spec, style),
		"popup": popup_fields(spec),
		"links": [
			{
				"label": _(link["label"]),
				"url": link["url"],
				"audience": link.get("audience", "all"),
			}
			for link in spec.get("links") or []
		],
		"desk_route": f"/app/{frappe.scrub(doctype).replace('_', '-')}/{{name}}" if can_open else None,
		"open_label": _("Open in desk"),
	}


def legend(spec: dict, style: dict) -> list[dict]:
	"""Legend rows of a layer: one per colour of `color_by`, else one for the layer."""
	if style.get("color_by") and style.get("colors"):
		return [{"label": _(value), "color": colour} for value, colour in style["colors"].items()]
	return [{"label": _(spec.get("label", "")), "color": style["color"]}]


def popup_fields(spec: dict) -> list[dict]:
	"""The popup rows of a layer: label (translated) and type, from the spec or the DocType's field."""
	meta = frappe.get_meta(spec["doctype"]) if spec.get("doctype") else None
	fields = []
	for field in spec.get("popup") or []:
		df = meta.get_field(field["field"]) if meta else None
		fieldtype = field.get("type") or (df.fieldtype if df else "Data")
		row = {
			"field": field["field"],
			"label": _(field.get("label") or (df.label if df else field["field"])),
			"type": fieldtype,
		}
		if fieldtype == "Check":
			row.update(yes=_("Yes"), no=_("No"))
		fields.append(row)
	return fields


def display_values(spec: dict, features: list[dict]) -> dict[str, dict]:
	"""{field: {value: what to show}} for the popup's Select, Link and `translate` fields of these features."""
	meta = frappe.get_meta(spec["doctype"]) if spec.get("doctype") else None
	display = {}
	for field in spec.get("popup") or []:
		name = field["field"]
		df = meta.get_field(name) if meta else None
		fieldtype = field.get("type") or (df.fieldtype if df else "Data")
		values = {f["properties"].get(name) for f in features} - {None, ""}
		if not values:
			continue
		if fieldtype == "Select" or field.get("translate"):
			display[name] = {v: _(v) for v in values if isinstance(v, str)}
		elif fieldtype == "Link" and df and df.options:
			display[name] = link_titles(df.options, values)
	return display


def link_titles(doctype: str, names: set) -> dict:
	"""Titles of the linked records, when the user may see them (read access, or open data on the map)."""
	title_field = frappe.get_meta(doctype).get_title_field()
	public = any(s.get("public") and s.get("doctype") == doctype for s in registered_layers().values())
	if title_field == "name" or not (public or frappe.has_permission(doctype, "read")):
		return {}
	read = frappe.get_all if public else frappe.get_list  # row-level rules unless it is open data
	rows = read(doctype, filters={"name": ("in", list(names))}, fields=["name", title_field])
	return {r.name: r.get(title_field) for r in rows if r.get(title_field)}


def public_location(doctype: str, name: str) -> dict | None:
	"""Where a record of an open-data map layer stands ({latitude, longitude}), else None.

	The report form centres on the asset a citizen came from (e.g. a pole's QR page); only records a
	public layer already shows are located, so nothing private leaks."""
	if not doctype or not name or not isinstance(doctype, str) or not isinstance(name, str):
		return None
	if not any(s.get("public") and s.get("doctype") == doctype for s in registered_layers().values()):
		return None
	meta = frappe.get_meta(doctype)
	if not (meta.has_field("latitude") and meta.has_field("longitude")):
		return None
	row = frappe.db.get_value(doctype, name, ["name", "latitude", "longitude"], as_dict=True)
	if not row or not row.latitude or not row.longitude:
		return None
	return {"doctype": doctype, "name": row.name, "latitude": row.latitude, "longitude": row.longitude}


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
	collection = frappe.get_attr(spec["method"])(bbox=bbox)
	collection["display"] = display_values(spec, collection.get("features") or [])
	return collection


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
	"""Villages with households and population (open data): the area when its boundary is known, else
	the centre."""
	rows = frappe.get_all(
		"Village",
		filters=bbox_filters(bbox),
		fields=[
			"name",
			"village_no",
			"village_name",
			"households",
			"population",
			"latitude",
			"longitude",
			"boundary_geojson",
		],
		order_by="village_no asc",
	)
	areas = {}
	for row in rows:
		row["title"] = f"หมู่ {row.village_no} {row.village_name}"
		row["doctype"] = "Village"
		boundary = row.pop("boundary_geojson", None)
		if boundary:
			areas[row.name] = json.loads(boundary)
	features = rows_to_features(rows)
	for feature in features:
		area = areas.get(feature["properties"]["name"])
		if area:
			feature["geometry"] = area.get("geometry", area) if area.get("type") == "Feature" else area
	return feature_collection(features, layer="villages")
