"""Service Request: a citizen's complaint, petition, application or repair report, tracked by number.

Tracking number SR-<BE fiscal year>-NNNNN (see tracking.py), due date = submission + SLA working days,
the workflow "Service Request" (fixture) moves it; this controller enforces what each state needs.
"""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.model.document import Document
from frappe.utils import flt, getdate, now_datetime

from nonsaad_smart.e_smart_service.doctype.service_type.service_type import ASSET_DOCTYPES
from nonsaad_smart.e_smart_service.tracking import next_tracking_number
from nonsaad_smart.e_smart_service.validation import MAX_NAME, MissingFieldError, clean_text, require
from nonsaad_smart.smart_core.contact import normalize_phone
from nonsaad_smart.smart_core.doctype.village.village import village_of_point
from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.working_days import add_working_days

OPEN_STATES = ("Submitted", "Accepted", "Assigned", "In Progress")
CLOSED_STATES = ("Resolved", "Closed", "Rejected", "Duplicate")
LOCATED_KINDS = ("Complaint", "Repair Report")
PUBLIC_CHANNELS = ("Web", "Open311")
# who may be given the work of a request (the Assign dialog offers only them)
WORKER_ROLES = ("Repair Technician", "Public Works Officer")
STATE_TH = {
	"Submitted": "ยื่นเรื่องแล้ว",
	"Accepted": "รับเรื่องแล้ว",
	"Assigned": "มอบหมายผู้รับผิดชอบแล้ว",
	"In Progress": "กำลังดำเนินการ",
	"Resolved": "แก้ไขแล้ว",
	"Closed": "ปิดเรื่อง",
	"Rejected": "ไม่รับเรื่อง",
	"Duplicate": "เรื่องซ้ำกับเรื่องอื่น",
}


class UnknownServiceTypeError(frappe.ValidationError):
	pass


class InvalidAssetError(frappe.ValidationError):
	pass


class OpenRequestExistsError(frappe.ValidationError):
	pass


class ReasonRequiredError(frappe.ValidationError):
	pass


class InvalidDuplicateError(frappe.ValidationError):
	pass


class ResolutionIncompleteError(frappe.ValidationError):
	pass


class AssigneeRequiredError(frappe.ValidationError):
	pass


class SelfCloseError(frappe.ValidationError):
	pass


class AssigneeRoleError(frappe.ValidationError):
	pass


class ServiceRequest(Document):
	def autoname(self):
		self.submitted_on = self.submitted_on or now_datetime()
		self.name = next_tracking_number(self.submitted_on)

	def before_insert(self):
		self.submitted_on = self.submitted_on or now_datetime()
		self.report_count = 1
		self.set_requester_from_session()

	def validate(self):
		service = self.validate_service_type()
		self.validate_texts()
		self.validate_requester()
		self.validate_place(service)
		if self.is_new():
			self.set_due_date(service)
		self.validate_state_change(service)
		if self.has_value_changed("assigned_to") and self.assigned_to:
			self.validate_assignee()

	def _validate_links(self):
		"""Our named, bilingual errors for the service type and the asset before Frappe's generic link check
		(which runs first on insert)."""
		if not self.flags.ignore_links:
			if self.is_new():
				self.check_open_request_for_asset()
			service = self.validate_service_type()
			if self.asset_doctype or self.asset_name:
				self.validate_asset(service)
		super()._validate_links()

	def check_open_request_for_asset(self):
		"""One open request per asset: further reports go to it (api.submit_report does that)."""
		if not (self.asset_doctype and self.asset_name) or self.flags.allow_duplicate_asset:
			return
		original = open_request_for_asset(self.asset_doctype, self.asset_name)
		if original:
			frappe.throw(
				_(
					"{0} {1} already has the open request {2}: add this report to it (มีเรื่องที่ยังไม่ปิดสำหรับทรัพย์สินนี้แล้ว)"
				).format(_(self.asset_doctype), self.asset_name, original),
				OpenRequestExistsError,
			)

	def validate_workflow(self):
		"""Skip the transition check only for resolve_request(): a completed repair is the evidence."""
		if self.flags.ignore_workflow_transition:
			return
		super().validate_workflow()

	def onload(self):
		self.set_onload("next_step", self.next_step())

	def next_step(self) -> str:
		"""Who acts next and what they must do (the form's intro)."""
		worker = frappe.utils.get_fullname(self.assigned_to) if self.assigned_to else _("the assignee")
		steps = {
			"Submitted": _("Next: the front desk accepts the request, rejects it or marks it a duplicate."),
			"Accepted": _("Next: a public works officer assigns the work to a technician (Assign)."),
			"Assigned": _("Next: {0} starts the work (Start Work).").format(worker),
			"In Progress": _(
				"Next: {0} resolves it with a note on what was done and a photo after (Resolve)."
			).format(worker),
			"Resolved": _("Next: the front desk or the executive closes the request, or reopens it."),
		}
		return steps.get(self.workflow_state, "")

	def on_update(self):
		previous = self.get_doc_before_save()
		self.sync_assignment(previous)
		if self.workflow_state == "Duplicate" and (not previous or previous.workflow_state != "Duplicate"):
			self.merge_into_original()
		if previous and previous.workflow_state != self.workflow_state:
			self.tell_the_requester()

	def sync_assignment(self, previous):
		"""The assignee gets a ToDo and a notification through Frappe's assignment; a new one replaces it."""
		old = previous.assigned_to if previous else None
		if self.assigned_to == old or self.workflow_state not in OPEN_STATES:
			return
		if old:
			for todo in assign_to.get({"doctype": self.doctype, "name": self.name}):
				if todo.owner == old:
					assign_to.remove(self.doctype, self.name, old, ignore_permissions=True)
		if self.assigned_to:
			assign_to.add(
				{
					"assign_to": [self.assigned_to],
					"doctype": self.doctype,
					"name": self.name,
					"description": frappe.utils.escape_html(
						_("{0}: {1}").format(self.service_name or self.service_type, self.description)
					),
					"date": self.due_date,
					"priority": "High" if self.priority in ("High", "Urgent") else "Medium",
				},
				ignore_permissions=True,
			)
			# assign_to.add stamps the row again: keep the returned document in step (no false "modified")
			self.modified = frappe.db.get_value(self.doctype, self.name, "modified")

	def tell_the_requester(self):
		"""The status flows back: a registered citizen with an e-mail gets the new state (Email Queue)."""
		if not self.requester:
			return
		email = frappe.db.get_value("Citizen", self.requester, "email")
		if not email or not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
			return
		state = STATE_TH.get(self.workflow_state, self.workflow_state)
		frappe.sendmail(
			recipients=[email],
			subject=_("{0}: {1} (สถานะเรื่องของท่าน)").format(self.name, state),
			message=_("Your request {0} ({1}) is now: {2}. Follow it at {3}").format(
				self.name,
				self.service_name,
				state,
				frappe.utils.get_url(f"/request-status?tracking_number={self.name}"),
			),
			reference_doctype=self.doctype,
			reference_name=self.name,
			delayed=True,
		)

	# --- validation -----------------------------------------------------------------------------
	def validate_service_type(self):
		require(self.service_type, _("Service type"))
		service = frappe.db.get_value(
			"Service Type",
			self.service_type,
			[
				"name",
				"name_th",
				"kind",
				"department",
				"sla_days",
				"is_public",
				"asset_doctype",
				"default_priority",
			],
			as_dict=True,
		)
		if not service or (self.channel in PUBLIC_CHANNELS and not service.is_public and self.is_new()):
			frappe.throw(
				_("Unknown service type {0} (ไม่พบประเภทบริการนี้)").format(frappe.bold(self.service_type)),
				UnknownServiceTypeError,
				title=_("Unknown service type"),
			)
		self.service_name, self.kind, self.department = service.name_th, service.kind, service.department
		if self.is_new() and not self.priority:
			self.priority = service.default_priority or "Normal"
		return service

	def validate_texts(self):
		require(self.description, _("Description"))
		self.description = clean_text(self.description, _("Description"))
		self.requester_name = clean_text(self.requester_name, _("Requester name"), MAX_NAME)
		for field, label in (("resolution_note", _("Resolution note")), ("reason", _("Reason"))):
			self.set(field, clean_text(self.get(field), label))
		for row in self.additional_reports:
			row.reporter_name = clean_text(row.reporter_name, _("Reporter name"), MAX_NAME)
			row.note = clean_text(row.note, _("Note"))

	def validate_requester(self):
		self.requester_phone = normalize_phone(self.requester_phone, _("Requester phone"))
		if self.requester:
			citizen = frappe.db.get_value("Citizen", self.requester, ["full_name", "phone"], as_dict=True)
			if citizen:
				self.requester_name = self.requester_name or citizen.full_name
				self.requester_phone = self.requester_phone or citizen.phone
			return
		if self.channel == "Web" and self.is_new():
			require(self.requester_name, _("Your name"))
			require(self.requester_phone, _("Phone"))
		elif self.channel in ("Walk-in", "Phone") and self.is_new():
			require(self.requester_name, _("Requester name"))

	def has_point(self) -> bool:
		"""Float fields store "no place" as 0, 0 (far outside Thailand anyway)."""
		return bool(flt(self.latitude) or flt(self.longitude))

	def validate_place(self, service):
		asset_changed = (
			self.is_new() or self.has_value_changed("asset_doctype") or self.has_value_changed("asset_name")
		)
		if (self.asset_doctype or self.asset_name) and asset_changed and not self.flags.ignore_links:
			self.validate_asset(service)
		if self.has_point():
			validate_point(self.latitude, self.longitude, _("Place of the problem"))
		elif self.is_new() and service.kind in LOCATED_KINDS and self.channel in PUBLIC_CHANNELS:
			frappe.throw(
				_("Place of the problem: mark it on the map or allow GPS (กรุณาระบุตำแหน่งบนแผนที่)"),
				MissingFieldError,
				title=_("Missing information"),
			)
		if not self.village and self.has_point():
			self.village = village_of_point(flt(self.latitude), flt(self.longitude))

	def validate_asset(self, service):
		if not (self.asset_doctype and self.asset_name) or self.asset_doctype not in ASSET_DOCTYPES:
			frappe.throw(
				_("Asset: give both its type ({0}) and its code (ระบุประเภทและรหัสทรัพย์สิน)").format(
					", ".join(ASSET_DOCTYPES)
				),
				InvalidAssetError,
			)
		if service.asset_doctype and self.asset_doctype != service.asset_doctype:
			frappe.throw(
				_("{0} is about a {1}, not a {2} (ประเภททรัพย์สินไม่ตรงกับประเภทเรื่อง)").format(
					service.name_th, _(service.asset_doctype), _(self.asset_doctype)
				),
				InvalidAssetError,
			)
		if not frappe.db.exists("DocType", self.asset_doctype) or not frappe.db.exists(
			self.asset_doctype, self.asset_name
		):
			frappe.throw(
				_("{0} {1} is not registered (ไม่พบทรัพย์สินรหัสนี้)").format(
					_(self.asset_doctype), self.asset_name
				),
				InvalidAssetError,
			)
		if not self.has_point():
			meta = frappe.get_meta(self.asset_doctype)
			if meta.has_field("latitude") and meta.has_field("longitude"):
				self.latitude, self.longitude = frappe.db.get_value(
					self.asset_doctype, self.asset_name, ["latitude", "longitude"]
				)

	def set_requester_from_session(self):
		"""A citizen logged in on the website files as themselves (never as someone else)."""
		user = frappe.session.user
		if (
			user in ("Guest", "Administrator")
			or frappe.get_cached_value("User", user, "user_type") != "Website User"
		):
			return
		citizen = frappe.db.get_value("Citizen", {"user": user}, "name")
		self.requester = citizen or None

	def set_due_date(self, service):
		self.due_date = add_working_days(getdate(self.submitted_on), service.sla_days or 0)

	# --- workflow ---------------------------------------------------------------------------------
	def validate_state_change(self, service):
		previous = self.get_doc_before_save()
		old_state = previous.workflow_state if previous else None
		if not previous and not self.workflow_state:
			self.workflow_state = "Submitted"
		new_state = self.workflow_state
		if old_state == new_state:
			return
		now = now_datetime() if previous else self.submitted_on
		if new_state == "Accepted" and not self.accepted_on:
			self.accepted_on = now
		elif new_state == "Assigned":
			if not self.assigned_to:
				frappe.throw(_("Choose who does the work (กรุณาเลือกผู้รับผิดชอบ)"), AssigneeRequiredError)
		elif new_state in ("Rejected", "Duplicate"):
			if not (self.reason or "").strip():
				frappe.throw(
					_("Give the reason for {0} (กรุณาระบุเหตุผล)").format(_(new_state)),
					ReasonRequiredError,
					title=_("Reason required"),
				)
			if new_state == "Duplicate":
				self.validate_duplicate_of()
		elif new_state == "Resolved":
			if not (self.resolution_note or "").strip():
				frappe.throw(
					_("Write what was done (กรุณาบันทึกผลการแก้ไข)"),
					ResolutionIncompleteError,
					title=_("Resolution note required"),
				)
			if service.kind == "Repair Report" and not self.after_photo:
				frappe.throw(
					_("Attach a photo after the repair (กรุณาแนบรูปหลังซ่อม)"),
					ResolutionIncompleteError,
					title=_("After photo required"),
				)
			self.resolved_on, self.resolved_by = now, frappe.session.user
		elif new_state == "Closed":
			if self.resolved_by and self.resolved_by == frappe.session.user:
				frappe.throw(
					_("The person who resolved a request cannot also close it (ผู้แก้ไขปิดเรื่องเองไม่ได้)"),
					SelfCloseError,
				)
			self.closed_on = now
		elif new_state == "In Progress" and old_state == "Resolved":
			self.resolved_on = self.resolved_by = None
		self.append("status_log", {"status": new_state, "changed_at": now})

	def validate_assignee(self):
		if not frappe.db.get_value("User", self.assigned_to, "enabled") or not set(WORKER_ROLES) & set(
			frappe.get_roles(self.assigned_to)
		):
			frappe.throw(
				_(
					"{0} cannot be given the work: choose a repair technician or a public works officer"
				).format(frappe.bold(self.assigned_to)),
				AssigneeRoleError,
				title=_("Not a worker"),
			)

	def validate_duplicate_of(self):
		original = self.duplicate_of
		if not original or original == self.name or not frappe.db.exists("Service Request", original):
			frappe.throw(
				_("A duplicate must link the original request (ระบุเลขที่เรื่องเดิม)"),
				InvalidDuplicateError,
			)
		if frappe.db.get_value("Service Request", original, "workflow_state") == "Duplicate":
			frappe.throw(
				_("{0} is itself a duplicate: link its original (เรื่องเดิมเป็นเรื่องซ้ำ)").format(original),
				InvalidDuplicateError,
			)

	def merge_into_original(self):
		"""A request marked duplicate counts as one more report on the original."""
		original = frappe.get_doc("Service Request", self.duplicate_of)
		original.append(
			"additional_reports",
			{
				"reporter_name": self.requester_name,
				"reporter_phone": self.requester_phone,
				"reported_at": self.submitted_on,
				"channel": self.channel,
				"note": _("Merged from {0}").format(self.name),
			},
		)
		original.report_count = (original.report_count or 1) + 1
		original.flags.ignore_permissions = original.flags.ignore_links = True
		original.save()


def open_request_for_asset(asset_doctype: str, asset_name: str) -> str | None:
	"""The oldest open request about an asset, or None (no permission check: returns a name only)."""
	sr = frappe.qb.DocType("Service Request")
	rows = (
		frappe.qb.from_(sr)
		.select(sr.name)
		.where(
			(sr.asset_doctype == asset_doctype)
			& (sr.asset_name == asset_name)
			& (sr.workflow_state.isin(OPEN_STATES))
		)
		.orderby(sr.creation)
		.limit(1)
		.run()
	)
	return rows[0][0] if rows else None


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def assignee_query(doctype, txt, searchfield, start, page_len, filters):
	"""Enabled users who do the work of requests (the Assign dialog's search)."""
	user = frappe.qb.DocType("User")
	has_role = frappe.qb.DocType("Has Role")
	return (
		frappe.qb.from_(user)
		.join(has_role)
		.on(has_role.parent == user.name)
		.select(user.name, user.full_name)
		.where(
			(has_role.role.isin(WORKER_ROLES))
			& (has_role.parenttype == "User")
			& (user.enabled == 1)
			& ((user.name.like(f"%{txt}%")) | (user.full_name.like(f"%{txt}%")))
		)
		.distinct()
		.orderby(user.full_name)
		.limit(page_len)
		.offset(start)
		.run()
	)
