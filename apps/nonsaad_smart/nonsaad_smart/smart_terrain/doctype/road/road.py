"""Road (ทะเบียนทางหลวงท้องถิ่น): code, surface, geometry drawn on the map; length and ends computed."""

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from nonsaad_smart.smart_core import municipality
from nonsaad_smart.smart_terrain.condition import road_class
from nonsaad_smart.smart_terrain.geometry import apply_line

# นภ (Nong Bua Lamphu) . ถ (road) . 2-digit register number of the municipality - 3-digit serial
ROAD_CODE_RE = re.compile(r"^นภ\.ถ\.\d{2}-\d{3}$")


class InvalidRoadCodeError(frappe.ValidationError):
	pass


class InvalidSegmentsError(frappe.ValidationError):
	pass


def normalize_road_code(code: str | None) -> str:
	return (code or "").strip().replace(" ", "")


class Road(Document):
	def before_naming(self):
		self.road_code = normalize_road_code(self.road_code)

	def validate(self):
		self.road_code = normalize_road_code(self.road_code)
		if not self.owner_agency:  # the municipality's own road unless another agency is named
			self.owner_agency = municipality.profile()["municipality_name_en"]
		if not ROAD_CODE_RE.match(self.road_code):
			frappe.throw(
				_("Road code {0} does not follow the register pattern {1}").format(
					self.road_code, "นภ.ถ.NN-NNN"
				),
				InvalidRoadCodeError,
			)
		if flt(self.width_m) <= 0:
			frappe.throw(_("The width must be more than 0 m"), frappe.ValidationError)
		apply_line(self, _("Road {0}").format(self.road_code))
		self.validate_segments()
		if self.village and not any(v.village == self.village for v in self.villages):
			self.append("villages", {"village": self.village})

	def validate_segments(self):
		previous_end = 0.0
		for i, seg in enumerate(sorted(self.segments, key=lambda s: flt(s.chainage_from_m)), start=1):
			seg.segment_no = seg.segment_no or i
			if flt(seg.chainage_to_m) <= flt(seg.chainage_from_m):
				frappe.throw(
					_("Segment {0}: the end chainage must be after the start").format(seg.segment_no),
					InvalidSegmentsError,
				)
			if flt(seg.chainage_from_m) < previous_end - 0.5:
				frappe.throw(
					_("Segment {0} overlaps the previous segment").format(seg.segment_no),
					InvalidSegmentsError,
				)
			if flt(seg.chainage_to_m) > flt(self.length_m) + 1:
				frappe.throw(
					_("Segment {0} ends at {1} m, after the end of the road ({2} m)").format(
						seg.segment_no, flt(seg.chainage_to_m), flt(self.length_m)
					),
					InvalidSegmentsError,
				)
			previous_end = flt(seg.chainage_to_m)
		numbers = [cint(s.segment_no) for s in self.segments]
		if len(numbers) != len(set(numbers)):
			frappe.throw(_("Segment numbers must be unique"), InvalidSegmentsError)


def set_road_condition(road: str, paser: int, on_date, segment_no: int | None = None) -> None:
	"""The road's (and its segment's) latest rating; the road's rating is the length-weighted mean of its
	rated segments when it has segments."""
	doc = frappe.get_doc("Road", road)
	if segment_no:
		for seg in doc.segments:
			if cint(seg.segment_no) == cint(segment_no):
				seg.db_set(
					{"paser": paser, "condition_class": road_class(paser), "last_survey_date": on_date}
				)
		rated = [s for s in doc.segments if s.paser]
		weight = sum(flt(s.chainage_to_m) - flt(s.chainage_from_m) for s in rated)
		if weight > 0:
			paser = round(
				sum(s.paser * (flt(s.chainage_to_m) - flt(s.chainage_from_m)) for s in rated) / weight
			)
	doc.db_set({"paser": paser, "condition_class": road_class(paser), "last_survey_date": on_date})
