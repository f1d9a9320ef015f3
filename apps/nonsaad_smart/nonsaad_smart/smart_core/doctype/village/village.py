"""Village (หมู่บ้าน): the address unit of the municipality and the unit of open data."""

import frappe
from frappe import _
from frappe.model.document import Document

from nonsaad_smart.smart_core.geo import point_in_geometry, validate_point


class Village(Document):
	def validate(self):
		if self.village_no is not None and self.village_no < 1:
			frappe.throw(_("Village number must be 1 or more"))
		validate_point(self.latitude, self.longitude, _("Village centre"))
		if self.boundary_geojson:
			self.validate_boundary()

	def validate_boundary(self):
		try:
			point_in_geometry(0, 0, self.boundary_geojson)
		except (ValueError, KeyError, TypeError):
			frappe.throw(_("Boundary must be a GeoJSON Polygon or MultiPolygon"))


def village_of_point(lat: float, lng: float) -> str | None:
	"""The village whose boundary holds the point, else the village with the nearest centre."""
	villages = frappe.get_all(
		"Village", fields=["name", "latitude", "longitude", "boundary_geojson"], order_by="village_no asc"
	)
	for v in villages:
		if v.boundary_geojson and point_in_geometry(lat, lng, v.boundary_geojson):
			return v.name
	located = [v for v in villages if v.latitude and v.longitude]
	if not located:
		return None
	return min(located, key=lambda v: (v.latitude - lat) ** 2 + (v.longitude - lng) ** 2).name
