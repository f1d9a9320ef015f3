"""Maintenance Work (งานซ่อมบำรุง): Planned → Approved → In Progress → Done (submitted).

Above Terrain Settings' `executive_approval_above` only the Executive approves. Done updates the asset's
condition and resolves the linked Service Request through E-Smart Service's API, like Pole Repair.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate, today

from nonsaad_smart.smart_core.thai_date import fiscal_year
from nonsaad_smart.smart_terrain.condition import road_class
from nonsaad_smart.smart_terrain.workflows import APPROVED, DONE, EXECUTIVE, IN_PROGRESS, PLANNED

TECHNICIAN_ROLE = "Repair Technician"
UNIT_QUANTITY = {"Square Metre": "area", "Metre": "length", "Structure": "count"}


class ExecutiveApprovalRequiredError(frappe.ValidationError):
	pass


class RequestAssetMismatchError(frappe.ValidationError):
	pass


class WorkNotReadyError(frappe.ValidationError):
	pass


class NotATechnicianError(frappe.ValidationError):
	pass


def approval_limit() -> float:
	return flt(frappe.db.get_single_value("Terrain Settings", "executive_approval_above") or 100000)


def default_quantity(asset_doctype: str, asset_name: str, unit: str | None) -> float:
	"""What a whole-asset work measures: road area (length × width), drain length, one culvert."""
	if unit == "Structure" or asset_doctype == "Culvert":
		return 1.0
	row = frappe.db.get_value(asset_doctype, asset_name, ["length_m", "width_m"], as_dict=True) or {}
	if unit == "Square Metre":
		return round(flt(row.get("length_m")) * (flt(row.get("width_m")) or 1), 2)
	return round(flt(row.get("length_m")), 2)


class MaintenanceWork(Document):
	def validate(self):
		self.village = frappe.db.get_value(self.asset_doctype, self.asset_name, "village")
		if not self.fiscal_year_be:
			self.fiscal_year_be = fiscal_year(getdate(self.planned_start or today()))
		self.validate_technician()
		self.validate_service_request()
		self.set_cost()
		self.check_approval()

	def validate_technician(self):
		if self.technician and TECHNICIAN_ROLE not in frappe.get_roles(self.technician):
			frappe.throw(_("{0} is not a Repair Technician").format(self.technician), NotATechnicianError)

	def validate_service_request(self):
		if not self.service_request:
			return
		from nonsaad_smart.e_smart_service.api import request_asset

		self.source = "Service Request"
		request = request_asset(self.service_request)
		if request and (request.asset_doctype != self.asset_doctype or request.asset_name != self.asset_name):
			frappe.throw(
				_("Service Request {0} is about {1} {2}, not {3} {4}").format(
					self.service_request,
					_(request.asset_doctype or ""),
					request.asset_name,
					_(self.asset_doctype),
					self.asset_name,
				),
				RequestAssetMismatchError,
			)

	def set_cost(self):
		rule = frappe.db.get_value(
			"Treatment Rule", self.treatment, ["applies_to", "unit_rate"], as_dict=True
		)
		if rule and rule.applies_to != self.asset_doctype:
			frappe.throw(_("Treatment {0} is not for a {1}").format(self.treatment, _(self.asset_doctype)))
		rate = (
			frappe.db.get_value("Unit Rate", rule.unit_rate, ["unit", "rate"], as_dict=True)
			if rule and rule.unit_rate
			else None
		)
		if rate:
			self.unit = rate.unit
			if not flt(self.unit_rate):
				self.unit_rate = rate.rate
		if not flt(self.quantity):
			self.quantity = default_quantity(self.asset_doctype, self.asset_name, self.unit)
		if flt(self.quantity) <= 0:
			frappe.throw(_("The quantity must be more than 0"), frappe.ValidationError)
		self.estimated_cost = round(flt(self.quantity) * flt(self.unit_rate), 2)

	def check_approval(self):
		"""Above the settings' amount, approval is the Executive's (whatever path the change comes by)."""
		if self.workflow_state != APPROVED or not self.has_value_changed("workflow_state"):
			return
		if flt(self.estimated_cost) > approval_limit() and EXECUTIVE not in frappe.get_roles():
			frappe.throw(
				_("Works estimated above {0} baht are approved by the Executive").format(
					frappe.format_value(approval_limit(), {"fieldtype": "Currency"})
				),
				ExecutiveApprovalRequiredError,
			)

	def before_submit(self):
		if self.workflow_state != DONE:
			frappe.throw(_("Only a work in progress can be completed"), WorkNotReadyError)
		if self.service_request and not self.after_photo:
			frappe.throw(
				_("Attach an after photo: the citizen's request is resolved with it"), WorkNotReadyError
			)
		if self.asset_doctype == "Road" and not self.condition_after:
			frappe.throw(_("Give the road's PASER rating after the work"), WorkNotReadyError)
		self.completed_on = self.completed_on or today()
		if not flt(self.actual_cost):
			self.actual_cost = self.estimated_cost

	def on_submit(self):
		self.update_asset()
		self.resolve_service_request()

	def update_asset(self):
		from nonsaad_smart.smart_terrain.doctype.road.road import set_road_condition

		if self.asset_doctype == "Road":
			set_road_condition(
				self.asset_name,
				cint(self.condition_after),
				self.completed_on,
				cint(self.road_segment) or None,
			)
		else:
			frappe.db.set_value(
				self.asset_doctype,
				self.asset_name,
				{
					"condition_class": "Good",
					"blockage_pct": 0,
					"structural_damage": "None",
					"last_survey_date": self.completed_on,
				},
			)

	def resolve_service_request(self):
		if not self.service_request:
			return
		from nonsaad_smart.e_smart_service.api import is_open, resolve_request

		if not is_open(self.service_request):
			return
		note = self.work_done or _("Repaired by maintenance work {0}").format(self.name)
		resolve_request(self.service_request, f"ซ่อมแล้ว: {note} ({self.name})", self.after_photo)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def technician_query(doctype, txt, searchfield, start, page_len, filters):
	"""Enabled users with the Repair Technician role (the Crew Lead field's search)."""
	from nonsaad_smart.smart_core.roles import search_users_with_roles

	return search_users_with_roles((TECHNICIAN_ROLE,), txt, start, page_len)
