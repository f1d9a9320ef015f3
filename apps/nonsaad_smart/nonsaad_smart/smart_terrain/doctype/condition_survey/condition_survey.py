"""Condition Survey: a rating of a road (segment), drain or culvert; the latest survey sets the asset's
condition and the recommended treatment follows from the Treatment Rules (data)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_terrain.condition import road_class, structure_class, treatment_for


class InvalidSurveyError(frappe.ValidationError):
	pass


class ConditionSurvey(Document):
	def validate(self):
		if getdate(self.survey_date) > getdate(today()):
			frappe.throw(_("The survey date cannot be in the future"), InvalidSurveyError)
		self.village = frappe.db.get_value(self.asset_doctype, self.asset_name, "village")
		if self.asset_doctype == "Road":
			if not self.paser:
				frappe.throw(_("Give the PASER rating (1–10) of the road"), InvalidSurveyError)
			self.condition_class = road_class(self.paser)
			self.blockage_pct = None
			self.structural_damage = None
			if self.road_segment and not frappe.db.exists(
				"Road Segment",
				{"parent": self.asset_name, "parenttype": "Road", "segment_no": cint(self.road_segment)},
			):
				frappe.throw(
					_("Road {0} has no segment {1}").format(self.asset_name, self.road_segment),
					InvalidSurveyError,
				)
		else:
			self.paser = None
			self.road_segment = None
			self.condition_class = structure_class(self.blockage_pct, self.structural_damage)
		self.treatment = treatment_for(self.asset_doctype, self.paser, self.condition_class)
		for photo in self.photos:
			validate_point(photo.latitude, photo.longitude, _("Photo {0}").format(photo.idx))

	def on_update(self):
		if self.flags.defer_asset_update:
			return  # the demo loader updates each asset once, after all its surveys
		update_asset_condition(self.asset_doctype, self.asset_name, self.road_segment)

	def after_delete(self):
		update_asset_condition(self.asset_doctype, self.asset_name, self.road_segment)


def update_asset_condition(asset_doctype: str, asset_name: str, segment_no=None) -> None:
	"""The asset (and segment) shows its latest survey."""
	from nonsaad_smart.smart_terrain.doctype.road.road import set_road_condition

	filters = {"asset_doctype": asset_doctype, "asset_name": asset_name}
	if asset_doctype == "Road":
		filters["road_segment"] = cint(segment_no)
	latest = frappe.get_all(
		"Condition Survey",
		filters=filters,
		fields=["paser", "blockage_pct", "structural_damage", "condition_class", "survey_date"],
		order_by="survey_date desc, creation desc",
		limit=1,
	)
	if not latest:
		return
	row = latest[0]
	if asset_doctype == "Road":
		set_road_condition(asset_name, row.paser, row.survey_date, cint(segment_no) or None)
	else:
		frappe.db.set_value(
			asset_doctype,
			asset_name,
			{
				"blockage_pct": row.blockage_pct,
				"structural_damage": row.structural_damage,
				"condition_class": row.condition_class,
				"last_survey_date": row.survey_date,
			},
		)
