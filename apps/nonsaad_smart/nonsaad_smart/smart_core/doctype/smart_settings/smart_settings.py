"""Smart Settings: the municipality's names, DOPA codes, map, boundary, working days and alerts."""

import json

import frappe
from frappe import _
from frappe.model.document import Document

from nonsaad_smart.smart_core.geo import point_in_geometry

# what the website/desk brand and the letter head are made of (setup/brand.py apply_brand)
BRAND_FIELDS = (
	"municipality_name_th",
	"municipality_name_en",
	"app_title",
	"logo",
	"district",
	"province",
	"postcode",
	"phone",
	"email",
	"website",
)


class SmartSettings(Document):
	def validate(self):
		if self.boundary_geojson:
			try:
				inside = point_in_geometry(
					self.map_center_lat, self.map_center_lng, json.loads(self.boundary_geojson)
				)
			except (ValueError, KeyError, TypeError):
				frappe.throw(_("Municipal boundary must be a GeoJSON Polygon or MultiPolygon"))
			if not inside:
				frappe.throw(_("The map centre must lie inside the municipal boundary"))
		if self.postcode and (len(self.postcode) != 5 or not self.postcode.isdigit()):
			frappe.throw(_("Postcode must be 5 digits"))

	def on_update(self):
		frappe.clear_document_cache("Smart Settings", "Smart Settings")
		if any(self.has_value_changed(f) for f in BRAND_FIELDS):
			# the website, desk and e-mail brand follow the names, the logo and the app title at once
			from nonsaad_smart.setup.brand import apply_brand

			apply_brand()
