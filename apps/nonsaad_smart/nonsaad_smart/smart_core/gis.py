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
- `title`: optional template of a feature's title, e.g. "{name} – {status}": each {field} is the feature's
  property shown as the popup shows it (the display value: a Select translated, a Link's title), filled in
  by the map's JavaScript (`title_of`); without it a feature's own `title` property, else its `name`.
  Derived words live in the spec, not in every feature (the pole layer has 10 000 of them).
- `links`: {"label", "url" with {property} placeholders, "audience": "public" | "desk" | "all"}, e.g. a
  pole's "Report a problem" (/report/new?asset_doctype=…&asset_name={name}) for the public; on the desk
  map every feature of a layer with a `doctype` also gets "Open in desk" when the user may read it.
"""

import gzip
import hashlib
import json
import math
import time

import frappe
from frappe import _
from frappe.utils.response import json_handler

from nonsaad_smart.smart_core.cache import after_transaction
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


def layer_style_of(spec: dict) -> dict:
	"""A layer's style with its defaults: shape circle, the layer's colour."""
	return {"shape": "circle", "color": spec.get("color") or "#e65100", **(spec.get("style") or {})}


def layer_style(name: str) -> dict | None:
	"""How a map draws the features of a layer: {"style", "title"} (see the module's docstring); None
	for an unknown layer. For maps other than the one map (the report form's asset picker)."""
	spec = registered_layers().get(name)
	if not spec:
		return None
	return {"style": layer_style_of(spec), "title": spec.get("title")}


def public_layer_styles(names=None) -> dict[str, dict]:
	"""{layer: layer_style(layer)} of the open-data layers (of those in `names` when given)."""
	return {
		name: layer_style(name)
		for name, spec in registered_layers().items()
		if spec.get("public") and (names is None or name in names)
	}


def layer_info(name: str, spec: dict) -> dict:
	style = layer_style_of(spec)
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
		"title": spec.get("title"),
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
@frappe.read_only()  # on the replica when the site config says read_from_replica (docs/deploy.md)
def get_layer(layer=None, bbox=None):
	"""GeoJSON of one layer (arguments unannotated: a wrong type gets our message, not FrappeTypeError).

	Cached (see "Layer cache" below). Over HTTP the answer is the cached JSON body itself, gzipped when the
	client accepts it; called from Python it is the same JSON, parsed (a dict)."""
	spec = registered_layers().get(layer) if isinstance(layer, str) else None
	if not spec:
		frappe.throw(_("Unknown map layer: {0}").format(layer), frappe.DoesNotExistError)
	if not _allowed(spec):
		frappe.throw(_("You are not allowed to see the map layer {0}").format(layer), frappe.PermissionError)
	box = parse_bbox(bbox)
	key = layer_cache_key(layer, spec, box)
	body = frappe.cache.get_value(key, expires=True) if key else None
	if body is None:
		collection = frappe.get_attr(spec["method"])(bbox=bbox)
		collection["display"] = display_values(spec, collection.get("features") or [])
		# a layer method that built its points rounded already says so (a second pass over 10 000 poles)
		if not collection.pop(ROUNDED_FLAG, False):
			round_geometries(collection.get("features") or [])
		body = gzip_body(collection)
		if key and not _replica_may_lag(layer):
			frappe.cache.set_value(key, body, expires_in_sec=LAYER_CACHE_SECONDS)
	if _is_http_call():
		return gzip_json_response(body)
	return gunzip_body(body)


def gzip_body(message) -> bytes:
	"""The gzipped JSON body {"message": message} of a whitelisted method's answer (cached as it is).

	ASCII JSON (Thai as \\u escapes): for 10 000 poles a quarter faster to write than UTF-8 JSON (the
	encoder's ASCII path, and the text needs no UTF-8 encoding), for the same size once gzipped."""
	raw = json.dumps({"message": message}, default=json_handler, separators=(",", ":"))
	return gzip.compress(raw.encode("ascii"), compresslevel=GZIP_LEVEL, mtime=0)


def gunzip_body(body: bytes):
	"""The message of a body made by gzip_body."""
	return json.loads(gzip.decompress(body))["message"]


# --- Layer cache ------------------------------------------------------------------------------------
# A layer's GeoJSON is cached in Redis (gzipped JSON) per
#   layer × body format (BODY_FORMAT) × generation × what the viewer may see × bbox × language × day,
# where "what the viewer may see" is "public" for a public layer (its method reads open data, the same
# for everyone) and otherwise a hash of the user's roles, the match conditions Frappe's get_list adds for
# the layer's DocType (permission_query_conditions hooks, user permissions, "only if owner") and the
# records shared with the user. Users who see the same rows share one entry.
# The generation of a layer is raised (all its entries dropped at once) when a record of its `doctype`
# or of a DocType in its optional `depends_on` list changes (doc_events "*": invalidate_layer_cache);
# bulk writes that bypass the controllers call clear_layer_cache(doctype) themselves.
LAYER_CACHE_SECONDS = 6 * 3600
GZIP_LEVEL = 1  # ~8x smaller on the wire for point layers; level 1 costs a few ms per MB, once per entry
COORDINATE_DIGITS = 6  # ≈ 0.1 m
# key a layer method may set on its collection when every coordinate is rounded to COORDINATE_DIGITS
ROUNDED_FLAG = "_coordinates_rounded"
# the version of what a cached body holds, part of every layer's key (and so of the one map's): raised when
# a layer's features change shape, so a site upgraded in place never serves a body cached by the old code
# to the new JavaScript. 2: the public pole layer's features carry data only (title/url/colour in the spec)
BODY_FORMAT = 2


def _generation_key(layer: str) -> str:
	return frappe.cache.make_key(f"nonsaad_layer_gen:{layer}")


def _generation(layer: str) -> int:
	value = frappe.cache.get(_generation_key(layer))
	return int(value) if value else 0


def viewer_scope(spec: dict) -> str:
	"""What this viewer may see of the layer, as a short hash (see "Layer cache")."""
	if spec.get("public"):
		return "public"
	from frappe.model.db_query import DatabaseQuery

	user = frappe.session.user
	parts = [user if user in ("Guest", "Administrator") else "", ",".join(sorted(frappe.get_roles(user)))]
	doctype = spec.get("doctype")
	if doctype:
		messages = list(frappe.local.message_log or [])
		try:
			parts.append(DatabaseQuery(doctype, user=user).build_match_conditions() or "")
			parts.append(",".join(sorted(frappe.share.get_shared(doctype, user))))
		except frappe.PermissionError:
			parts.append("no read")  # a layer served by role (spec "roles") to users without read access
		frappe.local.message_log = messages
	return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def layer_cache_key(layer: str, spec: dict, box) -> str | None:
	"""The cache key of this viewer's view of the layer in this bbox (None: not cached)."""
	if spec.get("cache") == 0:
		return None
	bbox = ",".join(f"{v:.6f}" for v in box) if box else "all"
	return (
		f"nonsaad_layer:{layer}:v{BODY_FORMAT}:{_generation(layer)}:{viewer_scope(spec)}:{bbox}:"
		f"{frappe.local.lang}:{frappe.utils.today()}"
	)


def clear_layer_cache(doctype: str | None = None) -> list[str]:
	"""Drop the cached GeoJSON of the layers showing `doctype` (all layers when None); their names."""
	layers = [
		name
		for name, spec in registered_layers().items()
		if doctype is None or doctype == spec.get("doctype") or doctype in (spec.get("depends_on") or ())
	]
	for name in layers:
		frappe.cache.incr(_generation_key(name))
		frappe.cache.set_value(_written_key(name), time.time(), expires_in_sec=REPLICA_LAG_SECONDS)
	return layers


# A layer read on the replica (read_from_replica) may be older than the write that raised its generation:
# such an answer is not cached while a write of the layer is younger than REPLICA_LAG_SECONDS, so the
# write's invalidation wins (the next read after that window is cached as usual).
REPLICA_LAG_SECONDS = 30


def _written_key(layer: str) -> str:
	return frappe.cache.make_key(f"nonsaad_layer_written:{layer}")


def _on_replica() -> bool:
	primary = getattr(frappe.local, "primary_db", None)
	return primary is not None and frappe.local.db is not primary


def _replica_may_lag(layer: str) -> bool:
	"""True when this answer was read on the replica within REPLICA_LAG_SECONDS of a write of the layer."""
	if not _on_replica():
		return False
	# expires=True: a key with a time to live is never kept in the process's local cache
	written = frappe.cache.get_value(_written_key(layer), expires=True)
	return bool(written) and time.time() - float(written) < REPLICA_LAG_SECONDS


def invalidate_layer_cache(doc, method=None, *args) -> None:
	"""doc_events "*" (on_change, on_trash, after_delete, after_rename): a cheap lookup for other DocTypes.
	Not while the demo data loads (demo/loader.py quiet_load drops every layer once at the end)."""
	if frappe.flags.nonsaad_quiet_load:
		return
	doctype = doc.doctype
	for spec in registered_layers().values():
		if doctype == spec.get("doctype") or doctype in (spec.get("depends_on") or ()):
			clear_layer_cache(doctype)
			# again after the commit (another worker may have cached the old rows in between) and after a
			# rollback (an entry built from rows that were never committed)
			after_transaction(f"layers:{doctype}", lambda: clear_layer_cache(doctype))
			return


def round_geometries(features: list[dict], digits: int = COORDINATE_DIGITS) -> None:
	"""Coordinates rounded to `digits` decimals in place (points and polygons alike)."""

	def _round(coords):
		if coords and isinstance(coords[0], int | float):
			return [round(c, digits) for c in coords]
		return [_round(c) for c in coords]

	for feature in features:
		geometry = feature.get("geometry") or {}
		coords = geometry.get("coordinates")
		if coords is None:
			continue
		if geometry.get("type") == "Point" and len(coords) == 2:
			geometry["coordinates"] = [round(coords[0], digits), round(coords[1], digits)]
		else:
			geometry["coordinates"] = _round(coords)


def _is_http_call() -> bool:
	"""True when this is the HTTP call of get_layer itself (not Python code calling it in a request)."""
	request = getattr(frappe.local, "request", None)
	return bool(request) and request.path.rstrip("/").endswith("smart_core.gis.get_layer")


def accepts_gzip() -> bool:
	request = getattr(frappe.local, "request", None)
	return bool(request) and "gzip" in (request.headers.get("Accept-Encoding") or "").lower()


def gzip_json_response(body: bytes):
	"""A JSON response from a gzipped body: sent as it is when the client accepts gzip, else inflated."""
	from werkzeug.wrappers import Response

	response = Response(content_type="application/json; charset=utf-8")
	if accepts_gzip():
		response.data = body
		response.headers["Content-Encoding"] = "gzip"
	else:
		response.data = gzip.decompress(body)
	response.headers["Vary"] = "Accept-Encoding"
	return response


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
