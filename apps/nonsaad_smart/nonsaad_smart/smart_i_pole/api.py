"""Smart I Pole reads for the map, the public pole page and other modules.

`pole_layer` is the staff layer (permission-checked, all register fields a map needs); `public_pole_layer`
is open data (code, village, lamp type, status: no meter or circuit numbers) for the public map.
"""

import frappe
from frappe import _

from nonsaad_smart.smart_core.geo import feature_collection, rows_to_features
from nonsaad_smart.smart_core.gis import COORDINATE_DIGITS, ROUNDED_FLAG, bbox_filters
from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import (
	LAMP_TYPE_THAI,
	STATUS_THAI,
	normalize_pole_code,
	pole_code_re,
)

POLE_DOCTYPE = "Street Light Pole"
REPORTED_TH = "มีผู้แจ้งเหตุ อยู่ระหว่างตรวจสอบ"  # reported, being checked
STATUS_COLOUR = {"Working": "green", "Faulty": "red", "Under Repair": "orange", "Removed": "gray"}
LAYER_FIELDS = ["name", "village", "status", "lamp_type", "wattage", "latitude", "longitude"]
PUBLIC_FIELDS = ["name", "village", "status", "lamp_type", "latitude", "longitude"]


@frappe.whitelist()
def pole_layer(bbox: str | None = None, village: str | None = None, status: str | None = None) -> dict:
	"""GeoJSON FeatureCollection of the poles this user may read (optionally in a bbox/village/status)."""
	if not frappe.has_permission(POLE_DOCTYPE, "read"):
		frappe.throw(_("Not permitted to read street light poles"), frappe.PermissionError)
	filters = bbox_filters(bbox)
	if village:
		filters.append(["village", "=", village])
	if status:
		filters.append(["status", "=", status])
	rows = frappe.get_list(POLE_DOCTYPE, filters=filters, fields=LAYER_FIELDS, order_by="name asc", limit=0)
	for row in rows:
		row["doctype"] = POLE_DOCTYPE
		row["title"] = row["name"]
		row["color"] = STATUS_COLOUR.get(row["status"])
	return feature_collection(rows_to_features(rows), layer="street_lights")


def public_pole_layer(bbox=None) -> dict:
	"""Open data: every pole still standing with its public fields (served to guests by smart_core.gis).

	Rows as lists and features built in one pass: the layer holds every pole of the municipality. A feature
	carries only data (name, village, status, lamp type): what the map derives from it – the title
	"{name} – {status}" (status translated), the pole page's url, the colour by status – is declared once
	in the layer's spec (hooks.py `nonsaad_map_layers` "street_lights": `title`, `links`, `style`), not
	repeated in 10 000 features (a body 45 % smaller to write, send and parse)."""
	rows = frappe.get_all(
		POLE_DOCTYPE,
		filters=[["status", "!=", "Removed"], *bbox_filters(bbox)],
		fields=PUBLIC_FIELDS,  # unpacked below in this order
		order_by="name asc",
		limit=0,
		as_list=True,
	)
	features = [
		{
			"type": "Feature",
			"geometry": {
				"type": "Point",
				"coordinates": [round(lng, COORDINATE_DIGITS), round(lat, COORDINATE_DIGITS)],
			},
			"properties": {
				"name": name,
				"village": village,
				"status": status,
				"lamp_type": lamp_type,
			},
		}
		for name, village, status, lamp_type, lat, lng in rows
		if lat not in (None, "") and lng not in (None, "")
	]
	collection = feature_collection(features, layer="street_lights")
	collection[ROUNDED_FLAG] = True  # rounded above: smart_core.gis.get_layer need not round them again
	return collection


def public_pole_info(code: str) -> dict | None:
	"""What anyone may know about a pole (for /pole/<code>); None when there is no such pole."""
	code = normalize_pole_code(code)
	if not pole_code_re().match(code):
		return None
	pole = frappe.db.get_value(
		POLE_DOCTYPE, code, ["name", "village", "status", "lamp_type", "wattage"], as_dict=True
	)
	if not pole:
		return None
	village = frappe.db.get_value("Village", pole.village, ["village_no", "village_name"], as_dict=True)
	open_report = open_report_of(pole.name)
	status_th = STATUS_THAI.get(pole.status, pole.status)
	colour = STATUS_COLOUR.get(pole.status, "gray")
	if open_report and pole.status == "Working":
		# a citizen's report is open: the light is not "working" until the office has checked it
		status_th, colour = REPORTED_TH, "orange"
	return {
		"pole_code": pole.name,
		"village_title": f"หมู่ที่ {village.village_no} {village.village_name}" if village else "",
		"lamp_type": pole.lamp_type,
		"lamp_type_th": LAMP_TYPE_THAI.get(pole.lamp_type, pole.lamp_type),
		"wattage": pole.wattage,
		"status": pole.status,
		"status_th": status_th,
		"status_colour": colour,
		"open_report": open_report,
	}


def open_report_of(pole: str) -> str | None:
	"""The tracking number of the open citizen request about a pole (E-Smart Service owns the rule)."""
	if not frappe.db.exists("DocType", "Service Request"):
		return None
	from nonsaad_smart.e_smart_service.api import open_request_for_asset

	request = open_request_for_asset(POLE_DOCTYPE, pole)
	if request is None:
		return None
	return request if isinstance(request, str) else request.get("name")
