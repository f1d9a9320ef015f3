"""Import and export of Smart Terrain's layers: GeoJSON, KML and GPX in; GeoJSON and KML out.

Import is two steps on the same file: a dry run (`dry_run=1`) returns a report per row (row number,
name, geometry type, length, error, the geometry for a preview) and writes nothing; the import proper
writes every row or none (one savepoint, rolled back on the first bad row). A file is refused whole,
with zero rows written, when it is over Terrain Settings' size limit (default 2 048 KB), of another type,
broken (invalid JSON/XML; XML with a DTD or entities is refused: parsed with defusedxml), has no
features, or a row fails its DocType's rules (geometry kind, outside the municipality, missing fields).

Properties are read by field name (e.g. `road_code`, `road_name`, `surface`, `width_m`, `village`);
KML `<name>` becomes the title field and `<ExtendedData><Data name="...">` the other fields; GPX tracks
(`trk/trkseg/trkpt`) and routes become lines, waypoints points.
"""

import json
from xml.etree.ElementTree import Element, SubElement, tostring

import frappe
from frappe import _
from frappe.utils import cint

from nonsaad_smart.smart_terrain.geometry import lines_of, stored_geometry

IMPORTABLE = {"Road": "line", "Drain": "line", "Culvert": "point", "Flood Point": "point"}
TITLE = {"Road": "road_name", "Drain": "drain_name", "Culvert": "culvert_name", "Flood Point": "place"}
EXPORT_FIELDS = {
	"Road": [
		"road_code",
		"road_name",
		"village",
		"surface",
		"width_m",
		"lanes",
		"length_m",
		"paser",
		"condition_class",
	],
	"Drain": [
		"drain_name",
		"village",
		"drain_type",
		"material",
		"width_m",
		"depth_m",
		"length_m",
		"condition_class",
	],
	"Culvert": ["culvert_name", "village", "road", "material", "diameter_m", "pipe_count", "condition_class"],
	"Flood Point": ["place", "village", "depth_cm", "cause", "first_seen", "last_seen"],
}
KML_NS = "{http://www.opengis.net/kml/2.2}"
DEFAULT_LIMIT_KB = 2048


class ImportFileError(frappe.ValidationError):
	pass


class ImportRowsError(frappe.ValidationError):
	pass


def _refuse(message: str):
	frappe.throw(message, ImportFileError, title=_("File refused"))


def size_limit() -> int:
	return cint(frappe.db.get_single_value("Terrain Settings", "import_max_kb")) or DEFAULT_LIMIT_KB


# --- parsing ----------------------------------------------------------------------------------------
def parse(content: bytes, filename: str) -> list[dict]:
	"""Features [{"properties": {...}, "geometry": {...}}] of a GeoJSON, KML or GPX file."""
	if len(content) > size_limit() * 1024:
		_refuse(_("The file is larger than {0} KB").format(size_limit()))
	ext = (filename or "").rsplit(".", 1)[-1].lower()
	if ext in ("geojson", "json"):
		return parse_geojson(content)
	if ext == "kml":
		return parse_kml(content)
	if ext == "gpx":
		return parse_gpx(content)
	_refuse(_("Only GeoJSON, KML and GPX files can be imported"))


def parse_geojson(content: bytes) -> list[dict]:
	try:
		data = json.loads(content.decode("utf-8-sig"))
	except (UnicodeDecodeError, ValueError):
		_refuse(_("The file is not valid GeoJSON"))
	if not isinstance(data, dict):
		_refuse(_("The file is not valid GeoJSON"))
	if data.get("type") == "FeatureCollection":
		features = data.get("features")
	elif data.get("type") == "Feature":
		features = [data]
	else:
		features = [{"type": "Feature", "properties": {}, "geometry": data}]
	if not isinstance(features, list):
		_refuse(_("The file is not valid GeoJSON"))
	return [
		{"properties": f.get("properties") or {}, "geometry": f.get("geometry")}
		for f in features
		if isinstance(f, dict)
	]


def _xml(content: bytes):
	from defusedxml import DefusedXmlException
	from defusedxml.ElementTree import ParseError, fromstring

	try:
		return fromstring(content, forbid_dtd=True)
	except (ParseError, DefusedXmlException, ValueError):
		_refuse(_("The file is not valid XML"))


def _local(tag: str) -> str:
	return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
	return [c for c in element.iter() if _local(c.tag) == name]


def _kml_coords(text: str) -> list[list[float]]:
	coords = []
	for chunk in (text or "").split():
		parts = chunk.split(",")
		try:
			coords.append([float(parts[0]), float(parts[1])])
		except (ValueError, IndexError):
			_refuse(_("Bad KML coordinates: {0}").format(chunk[:40]))
	return coords


def parse_kml(content: bytes) -> list[dict]:
	root = _xml(content)
	if _local(root.tag) != "kml":
		_refuse(_("The file is not a KML document"))
	features = []
	for placemark in _children(root, "Placemark"):
		props = {}
		for data in _children(placemark, "Data"):
			value = next((c.text for c in data if _local(c.tag) == "value"), None)
			if data.get("name"):
				props[data.get("name")] = value
		for simple in _children(placemark, "SimpleData"):
			if simple.get("name"):
				props[simple.get("name")] = simple.text
		name = next((c.text for c in placemark if _local(c.tag) == "name"), None)
		if name:
			props.setdefault("name", name.strip())
		lines = [
			_kml_coords(c.text)
			for ls in _children(placemark, "LineString")
			for c in ls
			if _local(c.tag) == "coordinates"
		]
		points = [
			_kml_coords(c.text)
			for p in _children(placemark, "Point")
			for c in p
			if _local(c.tag) == "coordinates"
		]
		if lines:
			geometry = (
				{"type": "LineString", "coordinates": lines[0]}
				if len(lines) == 1
				else {"type": "MultiLineString", "coordinates": lines}
			)
		elif points and points[0]:
			geometry = {"type": "Point", "coordinates": points[0][0]}
		else:
			geometry = None
		features.append({"properties": props, "geometry": geometry})
	return features


def parse_gpx(content: bytes) -> list[dict]:
	root = _xml(content)
	if _local(root.tag) != "gpx":
		_refuse(_("The file is not a GPX document"))

	def point(el):
		try:
			return [float(el.get("lon")), float(el.get("lat"))]
		except (TypeError, ValueError):
			_refuse(_("A GPX point has no valid lat/lon"))

	def name_of(el):
		return next((c.text.strip() for c in el if _local(c.tag) == "name" and c.text), None)

	features = []
	for trk in [*_children(root, "trk"), *_children(root, "rte")]:
		segments = [[point(p) for p in _children(seg, "trkpt")] for seg in _children(trk, "trkseg")]
		if _local(trk.tag) == "rte":
			segments = [[point(p) for p in _children(trk, "rtept")]]
		segments = [s for s in segments if s]
		geometry = None
		if segments:
			geometry = (
				{"type": "LineString", "coordinates": segments[0]}
				if len(segments) == 1
				else {"type": "MultiLineString", "coordinates": segments}
			)
		features.append({"properties": {"name": name_of(trk)}, "geometry": geometry})
	for wpt in [c for c in root if _local(c.tag) == "wpt"]:
		features.append(
			{"properties": {"name": name_of(wpt)}, "geometry": {"type": "Point", "coordinates": point(wpt)}}
		)
	return features


# --- building documents -----------------------------------------------------------------------------
def _doc_of(doctype: str, feature: dict):
	meta = frappe.get_meta(doctype)
	props = dict(feature.get("properties") or {})
	if "name" in props and TITLE[doctype] not in props:
		props[TITLE[doctype]] = props.pop("name")
	values = {}
	for key, value in props.items():
		df = meta.get_field(key)
		if df and not df.read_only and df.fieldtype not in ("Table", "Table MultiSelect", "Geolocation"):
			values[key] = value
	geometry = feature.get("geometry")
	if not geometry:
		frappe.throw(_("The row has no geometry"), frappe.ValidationError)
	doc = frappe.get_doc({"doctype": doctype, **values, "geometry": json.dumps(geometry)})
	if IMPORTABLE[doctype] == "point" and geometry.get("type") == "Point":
		coords = geometry.get("coordinates") or [None, None]
		doc.longitude, doc.latitude = ([*coords, None, None])[:2]
	return doc


def run_import(doctype: str, content: bytes, filename: str, dry_run: bool = True) -> dict:
	"""The per-row report of a file; with dry_run false, every row is written or none."""
	if doctype not in IMPORTABLE:
		_refuse(_("{0} cannot be imported from a map file").format(doctype))
	frappe.has_permission(doctype, "create", throw=True)
	features = parse(content, filename)
	if not features:
		_refuse(_("The file has no features"))
	rows, errors = [], 0
	savepoint = "terrain_import"
	frappe.db.savepoint(savepoint)
	try:
		for i, feature in enumerate(features, start=1):
			row = {
				"row": i,
				"title": None,
				"type": (feature.get("geometry") or {}).get("type"),
				"error": None,
			}
			try:
				doc = _doc_of(doctype, feature)
				row["title"] = doc.get(TITLE[doctype])
				doc.insert()
				row["name"] = doc.name
				row["length_m"] = doc.get("length_m")
				row["geometry"] = stored_geometry(doc.geometry)
			except (frappe.ValidationError, frappe.NameError, frappe.DuplicateEntryError) as e:
				errors += 1
				row["error"] = str(e) or e.__class__.__name__
				row["geometry"] = feature.get("geometry")
			rows.append(row)
	finally:
		if dry_run or errors:
			frappe.db.rollback(save_point=savepoint)
			for row in rows:
				row.pop("name", None)
	frappe.local.message_log = []
	result = {"doctype": doctype, "rows": rows, "errors": errors, "dry_run": bool(dry_run), "written": 0}
	if not dry_run:
		if errors:
			frappe.throw(
				_("{0} of {1} rows have errors: nothing was imported").format(errors, len(rows)),
				ImportRowsError,
				title=_("Import refused"),
			)
		result["written"] = len(rows)
	return result


@frappe.whitelist(methods=["POST"])
def import_file(doctype=None, file_url=None, dry_run=1) -> dict:
	"""Desk: import an uploaded (private) file into Road/Drain/Culvert/Flood Point (dry run by default)."""
	if not isinstance(doctype, str) or not isinstance(file_url, str):
		_refuse(_("Choose the layer and the file"))
	file = frappe.get_doc("File", {"file_url": file_url})
	file.check_permission("read")
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode()
	return run_import(doctype, content, file.file_name, dry_run=cint(dry_run) == 1)


# --- export -----------------------------------------------------------------------------------------
def _rows(doctype: str) -> list[dict]:
	fields = ["name", *EXPORT_FIELDS[doctype]]
	fields += ["geometry"] if IMPORTABLE[doctype] == "line" else ["latitude", "longitude"]
	return frappe.get_list(doctype, fields=fields, order_by="name asc", limit=0)


def _geometry(doctype: str, row) -> dict | None:
	if IMPORTABLE[doctype] == "line":
		return stored_geometry(row.pop("geometry"))
	lat, lng = row.pop("latitude"), row.pop("longitude")
	return {"type": "Point", "coordinates": [lng, lat]} if lat and lng else None


def to_geojson(doctype: str) -> dict:
	features = []
	for row in _rows(doctype):
		geometry = _geometry(doctype, row)
		if geometry:
			features.append({"type": "Feature", "geometry": geometry, "properties": dict(row)})
	return {"type": "FeatureCollection", "features": features}


def to_kml(doctype: str) -> bytes:
	kml = Element("kml", xmlns="http://www.opengis.net/kml/2.2")
	document = SubElement(kml, "Document")
	SubElement(document, "name").text = doctype
	for row in _rows(doctype):
		geometry = _geometry(doctype, row)
		if not geometry:
			continue
		placemark = SubElement(document, "Placemark")
		SubElement(placemark, "name").text = str(row.get(TITLE[doctype]) or row["name"])
		extended = SubElement(placemark, "ExtendedData")
		for key, value in row.items():
			if value is not None:
				data = SubElement(extended, "Data", name=key)
				SubElement(data, "value").text = str(value)
		if geometry["type"] == "Point":
			point = SubElement(placemark, "Point")
			SubElement(point, "coordinates").text = "{},{}".format(*geometry["coordinates"])
		else:
			parent = placemark if geometry["type"] == "LineString" else SubElement(placemark, "MultiGeometry")
			for line in lines_of(geometry):
				ls = SubElement(parent, "LineString")
				SubElement(ls, "coordinates").text = " ".join(f"{x},{y}" for x, y in line)
	return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(kml, encoding="utf-8")


@frappe.whitelist()
def export_layer(doctype=None, fmt="geojson"):
	"""Download a layer as GeoJSON or KML (rows the user may read)."""
	if doctype not in IMPORTABLE or fmt not in ("geojson", "kml"):
		frappe.throw(
			_("Export GeoJSON or KML of Road, Drain, Culvert or Flood Point"), frappe.ValidationError
		)
	frappe.has_permission(doctype, "export", throw=True)
	slug = frappe.scrub(doctype)
	if fmt == "kml":
		frappe.response["filecontent"] = to_kml(doctype)
		frappe.response["filename"] = f"{slug}.kml"
	else:
		frappe.response["filecontent"] = json.dumps(to_geojson(doctype), ensure_ascii=False, default=str)
		frappe.response["filename"] = f"{slug}.geojson"
	frappe.response["type"] = "download"
