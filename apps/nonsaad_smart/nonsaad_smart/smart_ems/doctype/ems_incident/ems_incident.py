"""EMS Incident: a 1669 emergency call – triage, patient, place, ambulance and crew, and the time chain
(`smart_ems.chain`). The time stamps are written only by the dispatch rule (`smart_ems.dispatch`), the
crew's buttons and the logged corrections (`smart_ems.timechain`); intervals are computed on save."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, get_datetime, now_datetime

from nonsaad_smart.smart_core.contact import normalize_phone
from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_ems.chain import STEPS, check_order, compute_intervals


class TimeChainEditError(frappe.ValidationError):
	pass


class InvalidIncidentError(frappe.ValidationError):
	pass


class EMSIncident(Document):
	def validate(self):
		self.case_number = (self.case_number or "").strip() or None
		if flt(self.latitude) or flt(self.longitude):  # a Float column reads back 0 when no place was given
			validate_point(self.latitude, self.longitude, _("Place of the incident"))
		if self.caller_phone:
			self.caller_phone = normalize_phone(self.caller_phone, _("Caller Phone"))
		if self.patient_age is not None and not 0 <= cint(self.patient_age) <= 130:
			frappe.throw(_("The patient's age must be between 0 and 130"), InvalidIncidentError)
		if self.call_received and get_datetime(self.call_received) > now_datetime():
			frappe.throw(_("The call cannot be received in the future"), InvalidIncidentError)
		self.guard_time_chain()
		check_order(self)
		compute_intervals(self)

	def guard_time_chain(self):
		"""Stamps change only through dispatch, the buttons and logged corrections."""
		if self.is_new() or self.flags.time_chain_update:
			return
		before = self.get_doc_before_save()
		if not before:
			return
		for step in STEPS:
			if step == "call_received" and not before.dispatched:
				continue  # the dispatcher may fix the call time until the ambulance is sent
			if str(get_datetime(before.get(step)) if before.get(step) else "") != str(
				get_datetime(self.get(step)) if self.get(step) else ""
			):
				frappe.throw(
					_("Time stamps are recorded with the buttons; a change needs a correction with a reason"),
					TimeChainEditError,
				)
