"""Smart Terrain's public API: the map layers, snapping a report to the nearest asset, and figures for the
executive overview and open data. The only module other modules import from Smart Terrain.

Contract:
- `road_layer(bbox)`, `drain_layer(bbox)`, `culvert_layer(bbox)`, `flood_layer(bbox)`: GeoJSON
  FeatureCollections of open data (no personal data), lines or points; a line is in the bbox when its
  bounding box overlaps it.
- `nearest_road(lat, lng)`, `nearest_drain(lat, lng)`, `nearest_culvert(lat, lng)`: {"name", "title",
  "distance_m"} of the nearest asset within Terrain Settings' snap distance (default 30 m), else None.
- `km_by_condition()` (open dataset "road-condition"), `poor_road_km(from_date, to_date)` (overview).
"""

import json
import math

import frappe
from frappe.utils import flt

from nonsaad_smart.smart_core.geo import feature_collection
from nonsaad_smart.smart_core.gis import bbox_filters, parse_bbox
from nonsaad_smart.smart_terrain.geometry import distance_to, stored_geometry

__all__ = [
	"CONDITION_COLOURS",
	"culvert_layer",
	"drain_layer",
	"flood_layer",
	"km_by_condition",
	"nearest_culvert",
	"nearest_drain",
	"nearest_road",
	"poor_road_km",
	"road_layer",
]

CONDITION_COLOURS = {"Good": "#2e7d32", "Fair": "#f9a825", "Poor": "#ef6c00", "Very Poor": "#c62828"}
UNSURVEYED_COLOUR = "#757575"
LINE_FIELDS = {
	"Road": ["name", "road_name", "village", "surface", "width_m", "length_m", "paser", "condition_class"],
	"Drain": ["name", "drain_name", "village", "drain_type", "material", "length_m", "condition_class"],
}
TITLE_FIELD = {"Road": "road_name", "Drain": "drain_name", "Culvert": "culvert_name", "Flood Point": "place"}


def line_bbox_filters(bbox) -> list:
	"""get_list filters keeping lines whose bounding box overlaps the bbox (none when no bbox)."""
	box = parse_bbox(bbox)
	if not box:
		return []
	return [
		["min_longitude", "<=", box[2]],
		["max_longitude", ">=", box[0]],
		["min_latitude", "<=", box[3]],
		["max_latitude", ">=", box[1]],
	]


def _line_geometry(text) -> dict | None:
	"""The geometry of a stored (already validated) Geolocation value: one line feature is the common case."""
	try:
		value = json.loads(text) if text else None
	except ValueError:
		return None
	features = value.get("features") if isinstance(value, dict) else None
	if features and len(features) == 1:
		return features[0].get("geometry")
	return stored_geometry(value)


def _line_layer(doctype: str, bbox, layer: str) -> dict:
	fields = LINE_FIELDS[doctype]
	rows = frappe.get_all(
		doctype,
		filters=line_bbox_filters(bbox),
		fields=[*fields, "geometry"],
		order_by="name asc",
		limit=0,
		as_list=True,
	)
	title_at = fields.index(TITLE_FIELD[doctype])
	class_at = fields.index("condition_class")
	features = []
	for row in rows:
		geometry = _line_geometry(row[-1])
		if not geometry:
			continue
		props = dict(zip(fields, row, strict=False))
		props["title"] = f"{row[0]} {row[title_at]}" if doctype == "Road" else row[title_at]
		props["color"] = CONDITION_COLOURS.get(row[class_at], UNSURVEYED_COLOUR)
		features.append({"type": "Feature", "geometry": geometry, "properties": props})
	return feature_collection(features, layer=layer)


def _point_layer(doctype: str, fields: list[str], bbox, layer: str) -> dict:
	rows = frappe.get_all(
		doctype,
		filters=bbox_filters(bbox),
		fields=[*fields, "latitude", "longitude"],
		order_by="name asc",
		limit=0,
	)
	features = []
	for row in rows:
		lat, lng = row.pop("latitude"), row.pop("longitude")
		if lat in (None, "") or lng in (None, ""):
			continue
		row["title"] = row.get(TITLE_FIELD[doctype])
		row["color"] = CONDITION_COLOURS.get(row.get("condition_class"), "#1565c0")
		features.append(
			{
				"type": "Feature",
				"geometry": {"type": "Point", "coordinates": [round(lng, 7), round(lat, 7)]},
				"properties": row,
			}
		)
	return feature_collection(features, layer=layer)


def road_layer(bbox=None) -> dict:
	"""Open data: roads as lines with surface and condition class."""
	return _line_layer("Road", bbox, "roads")


def drain_layer(bbox=None) -> dict:
	"""Open data: drains as lines with type and condition class."""
	return _line_layer("Drain", bbox, "drains")


def culvert_layer(bbox=None) -> dict:
	"""Open data: culverts as points."""
	return _point_layer(
		"Culvert",
		["name", "culvert_name", "village", "road", "material", "condition_class"],
		bbox,
		"culverts",
	)


def flood_layer(bbox=None) -> dict:
	"""Open data: flood points (place, depth seen, cause; never who reported it)."""
	return _point_layer(
		"Flood Point", ["name", "place", "village", "depth_cm", "cause", "last_seen"], bbox, "flood_points"
	)


# --- snapping a citizen's pin to the nearest asset ----------------------------------------------------
def snap_distance() -> float:
	return flt(frappe.db.get_single_value("Terrain Settings", "snap_distance_m")) or 30.0


def _nearest(doctype: str, lat, lng, max_m: float | None = None) -> dict | None:
	lat, lng = float(lat), float(lng)
	if not (math.isfinite(lat) and math.isfinite(lng)):
		return None
	max_m = snap_distance() if max_m is None else max_m
	# a search box of max_m around the point (1° latitude ≈ 110.6 km; longitude shrinks with cos(lat))
	dlat = max_m / 110_574 + 1e-6
	dlng = max_m / (111_320 * max(math.cos(math.radians(lat)), 0.01)) + 1e-6
	bbox = f"{lng - dlng},{lat - dlat},{lng + dlng},{lat + dlat}"
	title = TITLE_FIELD[doctype]
	if doctype == "Culvert":
		rows = frappe.get_all(
			doctype, filters=bbox_filters(bbox), fields=["name", title, "latitude", "longitude"]
		)
		candidates = [(r, {"type": "Point", "coordinates": [r.longitude, r.latitude]}) for r in rows]
	else:
		rows = frappe.get_all(doctype, filters=line_bbox_filters(bbox), fields=["name", title, "geometry"])
		candidates = [(r, stored_geometry(r.geometry)) for r in rows]
	best = None
	for row, geometry in candidates:
		if not geometry:
			continue
		d = distance_to(geometry, lat, lng)
		if d <= max_m and (best is None or d < best["distance_m"]):
			best = {"doctype": doctype, "name": row.name, "title": row.get(title), "distance_m": round(d, 1)}
	return best


def nearest_road(lat, lng) -> dict | None:
	return _nearest("Road", lat, lng)


def nearest_drain(lat, lng) -> dict | None:
	return _nearest("Drain", lat, lng)


def nearest_culvert(lat, lng) -> dict | None:
	return _nearest("Culvert", lat, lng)


# --- figures for the executive overview and open data -------------------------------------------------
def km_by_condition() -> list[dict]:
	"""Open dataset "road-condition": km of road per village and condition class (roads, not people:
	`roads` is the count behind each row)."""
	rows = frappe.get_all(
		"Road",
		fields=["village", "condition_class", "count(name) as roads", "sum(length_m) as metres"],
		group_by="village, condition_class",
		order_by="village asc, condition_class asc",
	)
	titles = {
		v.name: f"หมู่ {v.village_no} {v.village_name}"
		for v in frappe.get_all("Village", fields=["name", "village_no", "village_name"])
	}
	return [
		{
			"village": titles.get(r.village, r.village),
			"condition": r.condition_class or "Not Surveyed",
			"roads": r.roads,
			"km": round(flt(r.metres) / 1000, 2),
		}
		for r in rows
	]


def poor_road_km(from_date=None, to_date=None) -> float:
	"""Kilometres of road in Poor or Very Poor condition now (overview figure; dates unused: a state)."""
	total = frappe.get_all(
		"Road", filters={"condition_class": ("in", ("Poor", "Very Poor"))}, fields=["sum(length_m) as m"]
	)
	return round(flt(total[0].m if total else 0) / 1000, 2)


# --- workspace number cards -----------------------------------------------------------------------------
@frappe.whitelist()
def poor_road_km_card() -> dict:
	"""Number card: km of road in Poor or Very Poor condition (roads the user may read)."""
	rows = frappe.get_list(
		"Road", filters={"condition_class": ("in", ("Poor", "Very Poor"))}, fields=["sum(length_m) as m"]
	)
	return {
		"value": round(flt(rows[0].m if rows else 0) / 1000, 1),
		"fieldtype": "Float",
		"route": ["query-report", "Road Length by Village"],
	}


@frappe.whitelist()
def open_terrain_requests_card() -> dict:
	"""Number card: open citizen requests about roads, drains and culverts."""
	from nonsaad_smart.e_smart_service.api import open_requests_by_asset

	if not frappe.has_permission("Road", "read"):
		return {"value": 0, "fieldtype": "Int"}
	count = sum(len(open_requests_by_asset(doctype)) for doctype in ("Road", "Drain", "Culvert"))
	return {"value": count, "fieldtype": "Int", "route": ["List", "Service Request"]}
