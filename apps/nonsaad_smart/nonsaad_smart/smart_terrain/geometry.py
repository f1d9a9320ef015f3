"""Geometry of Smart Terrain's assets: GeoJSON in, validated lines and points, geodesic lengths.

- Input is what the form's Geolocation field stores (a FeatureCollection drawn with Leaflet.draw), a
  Feature, or a bare geometry; roads and drains are a LineString or MultiLineString, culverts and flood
  points a Point.
- Every vertex must lie inside the municipal boundary (`smart_core.geo.point_in_geometry`).
- Lengths are geodesic metres on the WGS84 ellipsoid (`pyproj.Geod.line_length`), not a hand formula.
- Distances between a point and a line (snapping a citizen's report, self-overlap) are measured in
  UTM zone 48N (EPSG:32648, the zone of Nong Bua Lamphu) through `pyproj.Transformer`.
- A line may not double back on itself: two of its stretches may not run over each other for more than
  Terrain Settings' overlap tolerance (default 1 m); consecutive repeated vertices are dropped.
"""

import itertools
import json
import math
from functools import lru_cache

import frappe
from frappe import _

from nonsaad_smart.smart_core.geo import municipal_boundary, municipality_name, point_in_geometry

LINE_TYPES = ("LineString", "MultiLineString")


class InvalidGeometryError(frappe.ValidationError):
	pass


class GeometryOutsideMunicipalityError(frappe.ValidationError):
	pass


class SelfOverlapError(frappe.ValidationError):
	pass


@lru_cache(maxsize=1)
def _geod():
	from pyproj import Geod

	return Geod(ellps="WGS84")


@lru_cache(maxsize=1)
def _to_utm():
	from pyproj import Transformer

	return Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True)


def _bad(message: str):
	frappe.throw(message, InvalidGeometryError, title=_("Invalid geometry"))


def extract_geometry(value) -> dict | None:
	"""The one geometry in a Geolocation value / Feature / FeatureCollection / geometry (None if empty).

	Several line features drawn on the form become one MultiLineString."""
	if value in (None, "", "{}"):
		return None
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			_bad(_("The geometry is not valid JSON"))
	if not isinstance(value, dict):
		_bad(_("The geometry must be a GeoJSON object"))
	kind = value.get("type")
	if kind == "Feature":
		return extract_geometry(value.get("geometry"))
	if kind == "FeatureCollection":
		geometries = [extract_geometry(f) for f in value.get("features") or []]
		geometries = [g for g in geometries if g]
		if not geometries:
			return None
		if len(geometries) == 1:
			return geometries[0]
		if all(g["type"] in LINE_TYPES for g in geometries):
			lines = []
			for g in geometries:
				lines.extend([g["coordinates"]] if g["type"] == "LineString" else g["coordinates"])
			return {"type": "MultiLineString", "coordinates": lines}
		_bad(_("Draw one kind of geometry only (lines, or one point)"))
	if kind in ("Point", "LineString", "MultiLineString"):
		return {"type": kind, "coordinates": value.get("coordinates")}
	_bad(_("Geometry type {0} is not supported here").format(kind))


def _position(value) -> list[float]:
	if not isinstance(value, list | tuple) or len(value) < 2:
		_bad(_("A coordinate must be [longitude, latitude]"))
	try:
		lng, lat = float(value[0]), float(value[1])
	except (TypeError, ValueError):
		_bad(_("A coordinate must be [longitude, latitude]"))
	if not (math.isfinite(lng) and math.isfinite(lat) and -180 <= lng <= 180 and -90 <= lat <= 90):
		_bad(_("Coordinate out of range: {0}").format(value))
	return [round(lng, 7), round(lat, 7)]


def _clean_line(coords) -> list[list[float]]:
	if not isinstance(coords, list):
		_bad(_("A line must be a list of coordinates"))
	line = []
	for c in coords:
		p = _position(c)
		if not line or p != line[-1]:
			line.append(p)
	if len(line) < 2:
		_bad(_("A line needs at least two different points"))
	return line


def normalize(geometry: dict, expect: str) -> dict:
	"""A clean geometry of the expected kind ("line" or "point"), or InvalidGeometryError."""
	kind = geometry.get("type")
	if expect == "point":
		if kind != "Point":
			_bad(_("Expected a point, got {0}").format(kind))
		return {"type": "Point", "coordinates": _position(geometry.get("coordinates"))}
	if kind == "LineString":
		return {"type": "LineString", "coordinates": _clean_line(geometry.get("coordinates"))}
	if kind == "MultiLineString":
		parts = geometry.get("coordinates")
		if not isinstance(parts, list) or not parts:
			_bad(_("A MultiLineString needs at least one line"))
		return {"type": "MultiLineString", "coordinates": [_clean_line(p) for p in parts]}
	_bad(_("Expected a LineString or MultiLineString, got {0}").format(kind))


def lines_of(geometry: dict) -> list[list[list[float]]]:
	if geometry["type"] == "LineString":
		return [geometry["coordinates"]]
	if geometry["type"] == "MultiLineString":
		return geometry["coordinates"]
	return [[geometry["coordinates"]]]


def vertices(geometry: dict) -> list[list[float]]:
	return [p for line in lines_of(geometry) for p in line]


def geodesic_length(geometry: dict) -> float:
	"""Length in metres on the WGS84 ellipsoid (pyproj.Geod)."""
	geod = _geod()
	total = 0.0
	for line in lines_of(geometry):
		if len(line) > 1:
			total += geod.line_length([p[0] for p in line], [p[1] for p in line])
	return total


def check_inside(geometry: dict, label: str) -> None:
	boundary = municipal_boundary()
	if not boundary:
		return
	for lng, lat in vertices(geometry):
		if not point_in_geometry(lat, lng, boundary):
			frappe.throw(
				_("{0}: the point ({1:.5f}, {2:.5f}) is outside the boundary of {3}").format(
					label, lat, lng, municipality_name()
				),
				GeometryOutsideMunicipalityError,
				title=_("Outside the municipality"),
			)


def projected(line: list[list[float]]) -> list[tuple[float, float]]:
	xs, ys = _to_utm().transform([p[0] for p in line], [p[1] for p in line])
	return list(zip(xs, ys, strict=True))


def _overlap(a1, a2, b1, b2) -> float:
	"""Length (m) over which segment b runs along segment a (collinear within 0.5 m), else 0."""
	ax, ay = a2[0] - a1[0], a2[1] - a1[1]
	length = math.hypot(ax, ay)
	if length == 0:
		return 0.0
	ux, uy = ax / length, ay / length
	for p in (b1, b2):  # both ends of b within 0.5 m of a's line
		if abs((p[0] - a1[0]) * uy - (p[1] - a1[1]) * ux) > 0.5:
			return 0.0
	t1 = (b1[0] - a1[0]) * ux + (b1[1] - a1[1]) * uy
	t2 = (b2[0] - a1[0]) * ux + (b2[1] - a1[1]) * uy
	lo, hi = max(0.0, min(t1, t2)), min(length, max(t1, t2))
	return max(0.0, hi - lo)


def check_self_overlap(geometry: dict, tolerance_m: float, label: str) -> None:
	"""No two non-adjacent-in-direction stretches of the line run over each other beyond the tolerance."""
	segments = []
	for line in lines_of(geometry):
		pts = projected(line)
		segments.extend(itertools.pairwise(pts))
	if len(segments) > 500:
		return  # imported survey tracks this long are checked by the surveyor's tool
	for i, (a1, a2) in enumerate(segments):
		for b1, b2 in segments[i + 1 :]:
			if _overlap(a1, a2, b1, b2) > tolerance_m:
				frappe.throw(
					_("{0}: the line runs back over itself (more than {1} m)").format(label, tolerance_m),
					SelfOverlapError,
					title=_("Invalid geometry"),
				)


def point_along(geometry: dict, fraction: float) -> list[float]:
	"""The point at `fraction` of the (first) line's geodesic length."""
	geod = _geod()
	line = max(lines_of(geometry), key=len)
	legs = [geod.inv(p[0], p[1], q[0], q[1])[2] for p, q in itertools.pairwise(line)]
	target = sum(legs) * fraction
	for (p, q), leg in zip(itertools.pairwise(line), legs, strict=True):
		if target <= leg and leg > 0:
			t = target / leg
			return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]
		target -= leg
	return line[-1]


def distance_to(geometry: dict, lat: float, lng: float) -> float:
	"""Shortest distance (m) from a point to a line or point geometry, in UTM 48N."""
	x, y = _to_utm().transform(lng, lat)
	best = math.inf
	for line in lines_of(geometry):
		pts = projected(line)
		if len(pts) == 1:
			best = min(best, math.hypot(pts[0][0] - x, pts[0][1] - y))
		for (x1, y1), (x2, y2) in itertools.pairwise(pts):
			dx, dy = x2 - x1, y2 - y1
			seg = dx * dx + dy * dy
			t = 0.0 if seg == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / seg))
			best = min(best, math.hypot(x1 + t * dx - x, y1 + t * dy - y))
	return best


def apply_line(doc, label: str, tolerance_m: float | None = None) -> None:
	"""Validate the doc's line geometry and set its derived fields (length, ends, middle, bbox)."""
	geometry = extract_geometry(doc.geometry)
	if not geometry:
		frappe.throw(_("{0}: draw the line on the map").format(label), InvalidGeometryError)
	geometry = normalize(geometry, "line")
	check_inside(geometry, label)
	if tolerance_m is None:
		tolerance_m = frappe.db.get_single_value("Terrain Settings", "overlap_tolerance_m") or 1.0
	check_self_overlap(geometry, float(tolerance_m), label)
	doc.geometry = json.dumps(as_feature_collection(geometry))
	doc.length_m = round(geodesic_length(geometry), 1)
	lines = lines_of(geometry)
	doc.start_longitude, doc.start_latitude = lines[0][0]
	doc.end_longitude, doc.end_latitude = lines[-1][-1]
	doc.longitude, doc.latitude = (round(v, 7) for v in point_along(geometry, 0.5))
	pts = vertices(geometry)
	doc.min_longitude = min(p[0] for p in pts)
	doc.max_longitude = max(p[0] for p in pts)
	doc.min_latitude = min(p[1] for p in pts)
	doc.max_latitude = max(p[1] for p in pts)


def apply_point(doc, label: str) -> None:
	"""A point asset: the marker drawn on the map wins over typed coordinates; both end up the same."""
	from nonsaad_smart.smart_core.geo import validate_point

	geometry = extract_geometry(doc.geometry)
	if geometry:
		geometry = normalize(geometry, "point")
		doc.longitude, doc.latitude = geometry["coordinates"]
	validate_point(doc.latitude, doc.longitude, label)
	point = {"type": "Point", "coordinates": [round(float(doc.longitude), 7), round(float(doc.latitude), 7)]}
	doc.geometry = json.dumps(as_feature_collection(point))


def as_feature_collection(geometry: dict) -> dict:
	"""What the Geolocation field stores: one feature per line (Leaflet.draw edits each)."""
	if geometry["type"] == "MultiLineString":
		features = [
			{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": c}}
			for c in geometry["coordinates"]
		]
	else:
		features = [{"type": "Feature", "properties": {}, "geometry": geometry}]
	return {"type": "FeatureCollection", "features": features}


def stored_geometry(value) -> dict | None:
	"""The geometry of a stored Geolocation value (already validated), for layers and exports."""
	try:
		geometry = extract_geometry(value)
	except frappe.ValidationError:
		return None
	return geometry
