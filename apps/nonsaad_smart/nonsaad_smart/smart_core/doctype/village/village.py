"""Village (หมู่บ้าน): the address unit of the municipality and the unit of open data."""

import frappe
from frappe import _
from frappe.model.document import Document

from nonsaad_smart.smart_core.cache import cached
from nonsaad_smart.smart_core.geo import (
	point_in_geometry,
	point_in_prepared,
	prepare_geometry,
	validate_point,
)


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


def prepared_villages() -> list[tuple]:
	"""(name, latitude, longitude, prepared boundary or None) of every village, in village order; cached
	per process until a Village changes (smart_core/cache.py)."""

	def build():
		villages = frappe.get_all(
			"Village", fields=["name", "latitude", "longitude", "boundary_geojson"], order_by="village_no asc"
		)
		return [
			(
				v.name,
				v.latitude,
				v.longitude,
				prepare_geometry(v.boundary_geojson) if v.boundary_geojson else None,
			)
			for v in villages
		]

	return cached("villages", ("Village",), build)


def village_of_point(lat: float, lng: float) -> str | None:
	"""The village whose boundary holds the point, else the village with the nearest centre."""
	villages = prepared_villages()
	for name, _lat, _lng, boundary in villages:
		if boundary and point_in_prepared(lat, lng, boundary):
			return name
	located = [v for v in villages if v[1] and v[2]]
	if not located:
		return None
	return min(located, key=lambda v: (v[1] - lat) ** 2 + (v[2] - lng) ** 2)[0]
