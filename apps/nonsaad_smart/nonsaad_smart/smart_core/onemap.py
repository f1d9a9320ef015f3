"""One map of every service (issue 17): the layers grouped by service, all of them in one request, server-side
clustering and a search box. Built only on the registries, so a module that lands later appears by itself.

- ``get_map_layers()`` – `gis.get_layers()` (the layers this user may see) with each layer's service group:
  the spec's optional ``"group"`` (English, translated) or else the module of its DocType; and ``base``
  (a spec with ``"base": 1`` – villages, Smart Terrain's roads – is drawn under the others, first in the list,
  so the map still shows the municipality when no internet tiles load).
- ``get_all_layers(bbox, zoom)`` – every layer this user may see in one answer, each through
  `gis.get_layer` (its permission check, and the performance helper's cache); point layers with more than
  ``CLUSTER_THRESHOLD`` points in view are clustered on the server (see ``cluster``). A layer whose method
  refuses the user is left out; one that fails is logged (Error Log) and left out, the others still load.
- ``search(q)`` – records by their code (the ``code_field`` of every ``nonsaad_asset_registers`` entry: a pole
  code, a road code) or title (a road's name), and the extra searchables of hook ``nonsaad_map_search``
  (E-Smart Service's tracking numbers), each read as the user may (``frappe.get_list``). A guest (the public
  map) searches only registers shown by a public layer, and gets only what that layer already shows.

Clustering: a grid of ``GRID`` × ``GRID`` cells over the requested bbox (the whole layer's extent without
one); a cell with more than one point becomes one Point feature ``{"cluster": 1, "count", "bounds"}`` at the
points' mean; a cell with one point keeps the point. Done on the server, so 10 000 poles cost the browser a
few hundred markers, and it needs no JavaScript library. Nothing is clustered from ``CLUSTER_MAX_ZOOM`` on.
"""

import hashlib

import frappe
from frappe import _

from nonsaad_smart.smart_core import gis
from nonsaad_smart.smart_core.registry import installed_asset_registers

CLUSTER_THRESHOLD = 1000
CLUSTER_MAX_ZOOM = 18
GRID = 24
SEARCH_LIMIT = 10


def _group(spec: dict) -> tuple[str, str]:
	"""(key, translated label) of the service a layer belongs to."""
	if spec.get("group"):
		return spec["group"], _(spec["group"])
	doctype = spec.get("doctype")
	module = frappe.db.get_value("DocType", doctype, "module") if doctype else None
	module = module or "Smart Core"
	return module, _(module)


@frappe.whitelist(allow_guest=True)
def get_map_layers() -> list[dict]:
	"""The layers this user may see, each with its group and base flag; base layers first."""
	specs = gis.registered_layers()
	layers = []
	for info in gis.get_layers():
		spec = specs.get(info["name"]) or {}
		group, group_label = _group(spec)
		layers.append({**info, "group": group, "group_label": group_label, "base": bool(spec.get("base"))})
	return sorted(layers, key=lambda layer: not layer["base"])


@frappe.whitelist(allow_guest=True)
def map_texts() -> dict:
	"""The map's own words, translated here (the public page has no desk translations)."""
	return {
		"layers": _("Map layers"),
		"search": _("Search: pole code, road name, tracking number"),
		"nothing": _("Nothing found"),
		"open": _("Open in desk"),
	}


@frappe.whitelist(allow_guest=True)
@frappe.read_only()  # every layer read on the replica with read_from_replica (docs/deploy.md)
def get_all_layers(bbox=None, zoom=None):
	"""{layer: FeatureCollection} of every layer this user may see (through gis.get_layer).

	The whole answer is cached too (gzipped JSON, as gis.get_layer's bodies) under a key made of every
	layer's own cache key (generation, viewer scope, bbox, language, day) and whether it is clustered:
	a change that invalidates one layer (doc events) changes this key as well, and a repeat costs one
	Redis read instead of one per layer plus the clustering. Over HTTP the cached body is sent as it is."""
	box = gis.parse_bbox(bbox)  # a wrong bbox is refused once, before any layer
	try:
		zoom = int(float(zoom)) if zoom not in (None, "") else None
	except (TypeError, ValueError, OverflowError):  # a list, NaN, infinity: no zoom given
		zoom = None
	clustered = zoom is None or zoom < CLUSTER_MAX_ZOOM
	layers = {name: spec for name, spec in gis.registered_layers().items() if gis._allowed(spec)}
	key = _all_layers_key(layers, box, clustered)
	body = frappe.cache.get_value(key, expires=True) if key else None
	if body is None:
		collections = _collect(layers, bbox, clustered)
		body = gis.gzip_body(collections)
		if key:
			frappe.cache.set_value(key, body, expires_in_sec=gis.LAYER_CACHE_SECONDS)
	if _is_http_call():
		return gis.gzip_json_response(body)
	return gis.gunzip_body(body)


def _all_layers_key(layers: dict, box, clustered: bool) -> str | None:
	"""The cache key of this viewer's whole map in this bbox (None when a layer is not cached)."""
	parts = []
	for name, spec in layers.items():
		layer_key = gis.layer_cache_key(name, spec, box)
		if not layer_key:
			return None
		parts.append(layer_key)
	digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()
	return f"nonsaad_all_layers:{digest}:{int(clustered)}"


def _collect(layers: dict, bbox, clustered: bool) -> dict:
	collections = {}
	for name in layers:
		try:
			collection = gis.get_layer(name, bbox=bbox)
		except frappe.PermissionError:
			# a layer served by role (COMMON contract 4) whose method refuses this user: not on their map
			frappe.clear_last_message()
			continue
		except Exception:
			# one broken layer must not take the whole map down: logged (Error Log), left out
			frappe.clear_last_message()
			frappe.log_error(title=f"Map layer {name} failed")
			continue
		if clustered:
			collection = cluster(collection, bbox)
		collections[name] = collection
	return collections


def _is_http_call() -> bool:
	"""True when this is the HTTP call of get_all_layers itself (not Python code calling it)."""
	request = getattr(frappe.local, "request", None)
	return bool(request) and request.path.rstrip("/").endswith("smart_core.onemap.get_all_layers")


def _is_point(feature: dict) -> bool:
	return (feature.get("geometry") or {}).get("type") == "Point"


def cluster(collection: dict, bbox=None, threshold: int = CLUSTER_THRESHOLD, grid: int = GRID) -> dict:
	"""The collection with its points grouped per grid cell when there are more than `threshold` of them
	(a new dict: the collection given, maybe cached, is not changed)."""
	features = collection.get("features") or []
	points = [f for f in features if _is_point(f)]
	if len(points) <= threshold:
		return collection
	box = gis.parse_bbox(bbox)
	lngs = [f["geometry"]["coordinates"][0] for f in points]
	lats = [f["geometry"]["coordinates"][1] for f in points]
	min_lng, min_lat, max_lng, max_lat = box or (min(lngs), min(lats), max(lngs), max(lats))
	width, height = (max_lng - min_lng) or 1e-9, (max_lat - min_lat) or 1e-9
	cells: dict[tuple[int, int], list[dict]] = {}
	for feature, lng, lat in zip(points, lngs, lats, strict=True):
		col = min(grid - 1, max(0, int((lng - min_lng) / width * grid)))
		row = min(grid - 1, max(0, int((lat - min_lat) / height * grid)))
		cells.setdefault((col, row), []).append(feature)
	clustered = [f for f in features if not _is_point(f)]
	for members in cells.values():
		if len(members) == 1:
			clustered.append(members[0])
			continue
		cell_lngs = [f["geometry"]["coordinates"][0] for f in members]
		cell_lats = [f["geometry"]["coordinates"][1] for f in members]
		clustered.append(
			{
				"type": "Feature",
				"geometry": {
					"type": "Point",
					"coordinates": [
						round(sum(cell_lngs) / len(members), 7),
						round(sum(cell_lats) / len(members), 7),
					],
				},
				"properties": {
					"cluster": 1,
					"count": len(members),
					"bounds": [min(cell_lats), min(cell_lngs), max(cell_lats), max(cell_lngs)],
				},
			}
		)
	return {**collection, "features": clustered, "clustered": 1, "total": len(features)}


# --- search ------------------------------------------------------------------------------------------------
def searchables() -> list[frappe._dict]:
	"""What the search box finds: the asset registers (code + title) and hook `nonsaad_map_search` entries
	{"doctype", "field", "label", "layer"} (exact-prefix search on `field`)."""
	layers = gis.registered_layers()
	found = []
	for doctype, register in installed_asset_registers().items():
		title_field = frappe.get_meta(doctype).get_title_field()
		fields = [register.code_field] + (
			[title_field] if title_field not in ("name", register.code_field) else []
		)
		found.append(
			frappe._dict(
				doctype=doctype,
				fields=fields,
				label=register.label,
				layer=register.get("map_layer"),
				public=bool((layers.get(register.get("map_layer")) or {}).get("public")),
			)
		)
	for entry in frappe.get_hooks("nonsaad_map_search") or []:
		if isinstance(entry, dict) and entry.get("doctype") and frappe.db.exists("DocType", entry["doctype"]):
			field = entry.get("field") or "name"
			title_field = frappe.get_meta(entry["doctype"]).get_title_field()
			found.append(
				frappe._dict(
					doctype=entry["doctype"],
					fields=[field] + ([title_field] if title_field not in ("name", field) else []),
					label=entry.get("label") or entry["doctype"],
					layer=entry.get("layer"),
					public=False,  # never for guests: a tracking number's details are the requester's
				)
			)
	return found


@frappe.whitelist(allow_guest=True)
def search(q=None) -> list[dict]:
	"""Records whose code starts with `q` or whose title contains it, as this user may see them."""
	if not isinstance(q, str) or len(q.strip()) < 2:
		return []
	q = q.encode("utf-8", "ignore").decode("utf-8").strip()[:60]  # lone surrogates dropped
	if len(q) < 2:
		return []
	guest = frappe.session.user == "Guest"
	results = []
	for entry in searchables():
		if guest and not entry.public:
			continue
		if not guest and not entry.public and not frappe.has_permission(entry.doctype, "read"):
			continue
		meta = frappe.get_meta(entry.doctype)
		located = meta.has_field("latitude") and meta.has_field("longitude")
		fields = list(dict.fromkeys(["name", *entry.fields, *(["latitude", "longitude"] if located else [])]))
		or_filters = [[entry.fields[0], "like", f"{q}%"]] + [[f, "like", f"%{q}%"] for f in entry.fields[1:]]
		# open data is read as the public layer shows it; anything else through the user's permissions
		read = frappe.get_all if entry.public else frappe.get_list
		rows = read(
			entry.doctype,
			or_filters=or_filters,
			fields=fields,
			limit_page_length=SEARCH_LIMIT,
			order_by="name asc",
		)
		can_open = not guest and frappe.has_permission(entry.doctype, "read")
		for row in rows:
			code = row.get(entry.fields[0]) or row.name
			title = row.get(entry.fields[1]) if len(entry.fields) > 1 else None
			results.append(
				{
					"doctype": entry.doctype,
					"name": row.name,
					"label": _(entry.label),
					"code": code,
					"title": title or code,
					"layer": entry.layer,
					"latitude": row.get("latitude"),
					"longitude": row.get("longitude"),
					"route": f"/app/{frappe.scrub(entry.doctype).replace('_', '-')}/{row.name}"
					if can_open
					else None,
				}
			)
	return results[: SEARCH_LIMIT * 2]
