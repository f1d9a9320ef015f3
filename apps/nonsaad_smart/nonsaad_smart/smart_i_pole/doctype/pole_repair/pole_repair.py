"""Pole Repair (งานซ่อมไฟฟ้าส่องสว่าง): a technician's repair of one pole, from a citizen's request or an
inspection. Starting it puts the pole Under Repair; submitting it with a completing outcome sets the pole
Working again and resolves the linked Service Request (through the E-Smart Service module's API).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_datetime, now_datetime

from nonsaad_smart.smart_core.roles import search_users_with_roles
from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import set_pole_status

POLE_DOCTYPE = "Street Light Pole"
TECHNICIAN_ROLE = "Repair Technician"
COMPLETING_OUTCOMES = ("Repaired", "Replaced Lamp")
OUTCOME_THAI = {
	"Repaired": "ซ่อมเสร็จ",
	"Replaced Lamp": "เปลี่ยนหลอด/โคมแล้ว",
	"Needs Replacement": "ต้องเปลี่ยนเสา/อุปกรณ์",
	"Not Found": "ไม่พบจุดชำรุด",
}


class RepairDatesError(frappe.ValidationError):
	pass


class NotATechnicianError(frappe.ValidationError):
	pass


class OutcomeRequiredError(frappe.ValidationError):
	pass


class RemovedPoleError(frappe.ValidationError):
	pass


class RequestPoleMismatchError(frappe.ValidationError):
	pass


class AfterPhotoRequiredError(frappe.ValidationError):
	pass


class PoleRepair(Document):
	def validate(self):
		self.validate_pole()
		self.validate_technician()
		self.validate_dates()
		self.validate_service_request()
		self.set_costs()

	def before_submit(self):
		if not self.outcome:
			frappe.throw(
				_("Choose the outcome before completing the repair"),
				OutcomeRequiredError,
				title=_("Outcome Required"),
			)
		if not self.end_datetime:
			self.end_datetime = max(now_datetime(), get_datetime(self.start_datetime))
		self.validate_dates()
		if self.outcome in COMPLETING_OUTCOMES and self.service_request and not self.after_photo:
			frappe.throw(
				_("Attach a photo of the working light: the citizen's request is resolved with it"),
				AfterPhotoRequiredError,
				title=_("After Photo Required"),
			)

	def on_update(self):
		if self.docstatus == 0 and get_datetime(self.start_datetime) <= now_datetime():
			pole_status = frappe.db.get_value(POLE_DOCTYPE, self.pole, "status")
			if pole_status in ("Working", "Faulty"):
				set_pole_status(self.pole, "Under Repair", _("Repair {0} started").format(self.name))

	def on_submit(self):
		reason = _("Repair {0}: {1}").format(self.name, _(self.outcome))
		if self.outcome in COMPLETING_OUTCOMES:
			set_pole_status(self.pole, "Working", reason)
			self.resolve_service_request()
		elif self.outcome == "Not Found":
			# nothing wrong found on site: the lamp works; the officer decides on the request
			set_pole_status(self.pole, "Working", reason)
		else:
			set_pole_status(self.pole, "Faulty", reason)

	def on_cancel(self):
		set_pole_status(self.pole, "Faulty", _("Repair {0} cancelled").format(self.name))

	def on_trash(self):
		if self.docstatus == 0 and not other_open_repairs(self.pole, self.name):
			if frappe.db.get_value(POLE_DOCTYPE, self.pole, "status") == "Under Repair":
				set_pole_status(self.pole, "Faulty")

	def validate_pole(self):
		if self.is_new() and frappe.db.get_value(POLE_DOCTYPE, self.pole, "status") == "Removed":
			frappe.throw(
				_("Pole {0} has been removed and cannot be repaired").format(self.pole),
				RemovedPoleError,
			)

	def validate_technician(self):
		if self.technician and TECHNICIAN_ROLE not in frappe.get_roles(self.technician):
			frappe.throw(
				_("{0} is not a Repair Technician").format(frappe.bold(self.technician)),
				NotATechnicianError,
				title=_("Not a Technician"),
			)

	def validate_dates(self):
		if self.end_datetime and get_datetime(self.end_datetime) < get_datetime(self.start_datetime):
			frappe.throw(
				_("The repair cannot end before it starts"),
				RepairDatesError,
				title=_("Invalid Repair Times"),
			)
		if self.end_datetime and get_datetime(self.end_datetime) > now_datetime():
			frappe.throw(_("The repair cannot end in the future"), RepairDatesError)

	def validate_service_request(self):
		if not self.service_request:
			return
		self.source = "Service Request"
		from nonsaad_smart.e_smart_service.api import request_asset

		if not frappe.db.exists("Service Request", self.service_request):
			frappe.throw(_("Service Request {0} not found").format(self.service_request))
		request = request_asset(self.service_request)
		if request and (request.asset_doctype != POLE_DOCTYPE or request.asset_name != self.pole):
			frappe.throw(
				_("Service Request {0} is about {1} {2}, not pole {3}").format(
					self.service_request, _(request.asset_doctype or ""), request.asset_name, self.pole
				),
				RequestPoleMismatchError,
			)

	def set_costs(self):
		total = 0.0
		for part in self.parts:
			part.amount = flt(part.qty) * flt(part.unit_cost)
			total += part.amount
		self.total_cost = total

	def resolve_service_request(self):
		if not self.service_request:
			return
		from nonsaad_smart.e_smart_service.api import is_open, resolve_request

		if not is_open(self.service_request):
			return

		outcome_th = OUTCOME_THAI.get(self.outcome, self.outcome)
		note = self.work_done or _("Street light repaired by {0}").format(self.name)
		resolve_request(self.service_request, f"{outcome_th}: {note} ({self.name})", self.after_photo)


def other_open_repairs(pole: str, exclude: str | None = None) -> list[str]:
	return frappe.get_all(
		"Pole Repair",
		filters={"pole": pole, "docstatus": 0, "name": ("!=", exclude or "")},
		pluck="name",
	)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def technician_query(doctype, txt, searchfield, start, page_len, filters):
	"""Enabled users with the Repair Technician role (the Technician field's search)."""
	return search_users_with_roles((TECHNICIAN_ROLE,), txt, start, page_len)
