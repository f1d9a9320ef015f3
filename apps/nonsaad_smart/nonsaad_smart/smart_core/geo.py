"""Points, the municipal boundary and GeoJSON.

Coordinates are WGS84 decimal degrees. The boundary is a GeoJSON Polygon (or MultiPolygon) stored in
Smart Settings; a point must fall inside it (ray casting, no GIS library needed at this scale).
"""

import json

import frappe
from frappe import _


class OutsideMunicipalityError(frappe.ValidationError):
	pass


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
	"""List of polygons, each a list of rings, each a list of [lng, lat]."""
	kind = geometry.get("type")
	if kind == "Feature":
		return _rings(geometry["geometry"])
	if kind == "FeatureCollection":
		return [p for f in geometry["features"] for p in _rings(f)]
	if kind == "Polygon":
		return [geometry["coordinates"]]
	if kind == "MultiPolygon":
		return list(geometry["coordinates"])
	raise ValueError(f"not a polygon: {kind}")


def _in_ring(lng: float, lat: float, ring: list[list[float]]) -> bool:
	inside = False
	j = len(ring) - 1
	for i in range(len(ring)):
		xi, yi = ring[i][0], ring[i][1]
		xj, yj = ring[j][0], ring[j][1]
		if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / ((yj - yi) or 1e-300) + xi:
			inside = not inside
		j = i
	return inside


def point_in_geometry(lat: float, lng: float, geometry: dict | str) -> bool:
	"""True when the point lies inside the polygon (holes excluded)."""
	if isinstance(geometry, str):
		geometry = json.loads(geometry)
	for polygon in _rings(geometry):
		outer, holes = polygon[0], polygon[1:]
		if _in_ring(lng, lat, outer) and not any(_in_ring(lng, lat, h) for h in holes):
			return True
	return False


def prepare_geometry(geometry: dict | str) -> list[tuple]:
	"""The polygons of a geometry, each (bounding box, outer ring, holes), for point_in_prepared."""
	if isinstance(geometry, str):
		geometry = json.loads(geometry)
	prepared = []
	for polygon in _rings(geometry):
		outer, holes = polygon[0], polygon[1:]
		xs, ys = [p[0] for p in outer], [p[1] for p in outer]
		prepared.append(((min(xs), min(ys), max(xs), max(ys)), outer, holes))
	return prepared


def point_in_prepared(lat: float, lng: float, prepared: list[tuple]) -> bool:
	"""point_in_geometry on a prepared geometry: a point outside a polygon's box is rejected at once."""
	for (min_x, min_y, max_x, max_y), outer, holes in prepared:
		if not (min_x <= lng <= max_x and min_y <= lat <= max_y):
			continue
		if _in_ring(lng, lat, outer) and not any(_in_ring(lng, lat, h) for h in holes):
			return True
	return False


def municipal_boundary() -> dict | None:
	raw = frappe.db.get_single_value("Smart Settings", "boundary_geojson")
	return json.loads(raw) if raw else None


def prepared_boundary() -> list[tuple] | None:
	"""The municipal boundary as prepared geometry, cached per process until Smart Settings change."""
	from nonsaad_smart.smart_core.cache import cached

	def build():
		boundary = municipal_boundary()
		return prepare_geometry(boundary) if boundary else None

	return cached("municipal_boundary", ("Smart Settings",), build)


def validate_point(lat, lng, label: str | None = None) -> None:
	"""Raise a clear error unless (lat, lng) is a real point inside the municipality.

	Both empty is allowed (the place is optional where the caller says so); one without the other is not.
	"""
	if lat in (None, "") and lng in (None, ""):
		return
	what = label or _("Location")
	if lat in (None, "") or lng in (None, ""):
		frappe.throw(_("{0}: give both latitude and longitude").format(what))
	lat, lng = float(lat), float(lng)
	if not (-90 <= lat <= 90 and -180 <= lng <= 180):
		frappe.throw(_("{0}: latitude/longitude out of range ({1}, {2})").format(what, lat, lng))
	boundary = prepared_boundary()
	if boundary and not point_in_prepared(lat, lng, boundary):
		frappe.throw(
			_("{0} ({1:.5f}, {2:.5f}) is outside the boundary of {3}").format(
				what, lat, lng, municipality_name()
			),
			OutsideMunicipalityError,
			title=_("Outside the municipality"),
		)


def municipality_name() -> str:
	from nonsaad_smart.smart_core.municipality import name

	return name()


def point_feature(lat: float, lng: float, properties: dict) -> dict:
	return {
		"type": "Feature",
		"geometry": {"type": "Point", "coordinates": [round(float(lng), 7), round(float(lat), 7)]},
		"properties": properties,
	}


def feature_collection(features: list[dict], **extra) -> dict:
	return {"type": "FeatureCollection", "features": features, **extra}


def rows_to_features(rows: list[dict], lat_field="latitude", lng_field="longitude") -> list[dict]:
	"""Point features from rows that have coordinates; the other columns become properties."""
	features = []
	for row in rows:
		lat, lng = row.get(lat_field), row.get(lng_field)
		if lat in (None, "") or lng in (None, ""):
			continue
		props = {k: v for k, v in row.items() if k not in (lat_field, lng_field)}
		features.append(point_feature(lat, lng, props))
	return features
