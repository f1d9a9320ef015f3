"""Service Request: a citizen's complaint, petition, application or repair report, tracked by number.

Tracking number SR-<BE fiscal year>-NNNNN (see tracking.py), due date = submission + SLA working days,
the workflow "Service Request" (fixture) moves it; this controller enforces what each state needs.
"""

import hashlib
import json

import frappe
from frappe import _, _lt
from frappe.desk.form import assign_to
from frappe.model.document import Document
from frappe.utils import add_days, flt, getdate, now_datetime

from nonsaad_smart.e_smart_service.assets import notify_report, notify_request_update, register_doctypes
from nonsaad_smart.e_smart_service.states import (
	CONFIRMATION_WINDOW_DAYS,
	OPEN_STATES,
	REOPENED,
	RESOLVED,
	STATE_TH,
	TRANSFERRED,
)
from nonsaad_smart.e_smart_service.tracking import next_tracking_number
from nonsaad_smart.e_smart_service.validation import (
	MAX_NAME,
	MissingFieldError,
	as_text,
	clean_text,
	require,
)
from nonsaad_smart.smart_core.contact import normalize_phone
from nonsaad_smart.smart_core.doctype.village.village import village_of_point
from nonsaad_smart.smart_core.escaping import EscapedTextMixin
from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.roles import search_users_with_roles
from nonsaad_smart.smart_core.working_days import add_working_days

LOCATED_KINDS = ("Complaint", "Repair Report")
# the name of a request being validated, before it takes its tracking number (see autoname)
PROVISIONAL_PREFIX = "new-service-request-"
PUBLIC_CHANNELS = ("Web", "Open311", "LINE")
# who may be given the work of a request (the Assign dialog offers only them)
WORKER_ROLES = ("Repair Technician", "Public Works Officer")


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


class TransferIncompleteError(frappe.ValidationError):
	pass


class CitizenNoteRequiredError(frappe.ValidationError):
	pass


def confirmation_window_days() -> int:
	"""Days after the resolution during which the citizen may confirm the fix or reopen the request."""
	return int(frappe.conf.get("nonsaad_confirmation_window_days") or CONFIRMATION_WINDOW_DAYS)


class ServiceRequest(EscapedTextMixin, Document):
	def autoname(self):
		"""A provisional name until the row is written: the tracking number is taken in db_insert, the
		last step before the row (and commit), so its counter's row lock is held for the shortest time."""
		self.submitted_on = self.submitted_on or now_datetime()
		if not self.name or not self.name.startswith(PROVISIONAL_PREFIX):
			self.name = PROVISIONAL_PREFIX + frappe.generate_hash(length=12)

	def db_insert(self, *args, **kwargs):
		if self.name and self.name.startswith(PROVISIONAL_PREFIX):
			self.name = next_tracking_number(self.submitted_on)
			for child in self.get_all_children():
				child.parent = self.name
		return super().db_insert(*args, **kwargs)

	def before_insert(self):
		# in a web request, the front desk's Workflow Action is written after the commit (smart_core/deferred.py)
		self.flags.defer_workflow_actions = bool(getattr(frappe.local, "request", None))
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
		self.validate_public_description()
		self.set_open_asset_key()
		if self.has_value_changed("assigned_to") and self.assigned_to:
			self.validate_assignee()

	def _validate_links(self):
		"""Our named, bilingual errors for the service type and the asset before Frappe's generic link check
		(which runs first on insert)."""
		if self.is_new() and not self.flags.ignore_permissions:
			# not permitted to create: say so before any check of the values (issue 18)
			self.check_permission("create")
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
		original = open_request_for_asset(self.asset_doctype, self.asset_name, self.service_type)
		if original:
			frappe.throw(
				_("{0} {1} already has the open request {2}: add this report to it").format(
					_(self.asset_doctype), self.asset_name, original
				),
				OpenRequestExistsError,
			)

	def validate_workflow(self):
		"""Skip the transition check only for resolve_request(): a completed repair is the evidence."""
		if self.flags.ignore_workflow_transition:
			return
		super().validate_workflow()

	def after_insert(self):
		notify_report(self.asset_doctype, self.asset_name, self.name)

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
			"Resolved": _(
				"Next: the citizen confirms the fix or reopens the request; the front desk or the executive "
				"closes it, or reopens it."
			),
			REOPENED: _(
				"Next: the citizen says it is not fixed (see their note and photo): a public works officer "
				"assigns the work again."
			),
			TRANSFERRED: _("Transferred to {0}: the citizen follows it on the status page.").format(
				self.transfer_agency or _("another agency")
			),
		}
		return steps.get(self.workflow_state, "")

	def on_update(self):
		previous = self.get_doc_before_save()
		self.sync_assignment(previous)
		if self.workflow_state == "Duplicate" and (not previous or previous.workflow_state != "Duplicate"):
			self.merge_into_original()
		if previous and previous.workflow_state != self.workflow_state:
			self.tell_the_requester()
		if self.has_value_changed("workflow_state"):
			# the asset's module reacts (e.g. Smart I Pole marks the pole Faulty): hooks nonsaad_asset_registers
			notify_request_update(self, previous.workflow_state if previous else None)

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
			subject=_("Your request {0}: {1}").format(self.name, state),
			message=self.requester_message(state),
			reference_doctype=self.doctype,
			reference_name=self.name,
			delayed=True,
		)

	def requester_message(self, state: str) -> str:
		"""The e-mail to the requester on a change of state: a resolution asks them to close the loop."""
		url = frappe.utils.get_url(f"/request-status?tracking_number={self.name}")
		message = _("Your request {0} ({1}) is now: {2}. Follow it at {3}").format(
			self.name, self.service_name, state, url
		)
		if self.workflow_state == RESOLVED:
			message += "\n\n" + _(
				"Is it really fixed? Until {0} you can confirm the fix or reopen the request (with a note "
				"and a photo), and rate our service from 1 to 5, at {1} or on My requests."
			).format(frappe.utils.formatdate(self.confirmation_due, "d MMMM yyyy"), url)
		elif self.workflow_state == TRANSFERRED:
			message += "\n\n" + _("It is the responsibility of {0}: {1}").format(
				self.transfer_agency, self.transfer_note or ""
			)
		return message

	# --- validation -----------------------------------------------------------------------------
	def validate_service_type(self):
		require(self.service_type, _lt("Service type"))
		service = service_type_info(self.service_type)
		if not service or (self.channel in PUBLIC_CHANNELS and not service.is_public and self.is_new()):
			frappe.throw(
				_("Unknown service type {0}").format(frappe.bold(self.service_type)),
				UnknownServiceTypeError,
				title=_("Unknown service type"),
			)
		self.service_name, self.kind, self.department = service.name_th, service.kind, service.department
		if self.is_new() and not self.priority:
			self.priority = service.default_priority or "Normal"
		return service

	def validate_texts(self):
		# normalised first (zero-width, control and bidi characters go), then "required" is checked
		self.description = clean_text(self.description, _lt("Description"))
		require(self.description, _lt("Description"))
		self.requester_name = clean_text(self.requester_name, _lt("Requester name"), MAX_NAME)
		for field, label in (
			("resolution_note", _lt("Resolution note")),
			("reason", _lt("Reason")),
			("transfer_note", _lt("Transfer note")),
			("citizen_note", _lt("Citizen's note")),
		):
			self.set(field, clean_text(self.get(field), label))
		for row in self.additional_reports:
			row.reporter_name = clean_text(row.reporter_name, _("Reporter name"), MAX_NAME)
			row.note = clean_text(row.note, _("Note"))

	def validate_requester(self):
		self.requester_phone = normalize_phone(
			as_text(self.requester_phone, _lt("Requester phone")), _lt("Requester phone")
		)
		if self.requester:
			citizen = frappe.db.get_value("Citizen", self.requester, ["full_name", "phone"], as_dict=True)
			if citizen:
				self.requester_name = self.requester_name or citizen.full_name
				self.requester_phone = self.requester_phone or citizen.phone
			return
		if self.channel == "Web" and self.is_new():
			require(self.requester_name, _lt("Your name"))
			require(self.requester_phone, _lt("Phone"))
		elif self.channel in ("Walk-in", "Phone") and self.is_new():
			require(self.requester_name, _lt("Requester name"))

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
			validate_point(self.latitude, self.longitude, _lt("Place of the problem"))
		elif self.is_new() and service.kind in LOCATED_KINDS and self.channel in PUBLIC_CHANNELS:
			frappe.throw(
				_("Place of the problem: mark it on the map or allow GPS"),
				MissingFieldError,
				title=_("Missing information"),
			)
		if not self.village and self.has_point():
			self.village = village_of_point(flt(self.latitude), flt(self.longitude))

	def validate_asset(self, service):
		if not (self.asset_doctype and self.asset_name) or self.asset_doctype not in register_doctypes():
			frappe.throw(
				_("Asset: give both its type ({0}) and its code").format(
					", ".join(_(d) for d in register_doctypes()) or "-"
				),
				InvalidAssetError,
			)
		if service.asset_doctype and self.asset_doctype != service.asset_doctype:
			frappe.throw(
				_("{0} is about a {1}, not a {2}").format(
					service.name_th, _(service.asset_doctype), _(self.asset_doctype)
				),
				InvalidAssetError,
			)
		if not frappe.db.exists("DocType", self.asset_doctype) or not frappe.db.exists(
			self.asset_doctype, self.asset_name
		):
			frappe.throw(
				_("{0} {1} is not registered").format(_(self.asset_doctype), self.asset_name),
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

	def validate_public_description(self):
		"""Open data shows only what the office wrote for the public (open311.py); who wrote it is kept."""
		self.public_description = clean_text(self.public_description, _lt("Public description"))
		if self.public_description and (self.is_new() or self.has_value_changed("public_description")):
			self.public_reviewed_by = frappe.session.user
		elif not self.public_description:
			self.public_reviewed_by = None

	def set_open_asset_key(self):
		"""The unique key that lets the database hold one open request per asset and service type."""
		if self.workflow_state in OPEN_STATES and not self.flags.allow_duplicate_asset:
			self.open_asset_key = open_asset_key(self.asset_doctype, self.asset_name, self.service_type)
		elif self.workflow_state not in OPEN_STATES:
			self.open_asset_key = None

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
				frappe.throw(_("Choose who does the work"), AssigneeRequiredError)
		elif new_state in ("Rejected", "Duplicate"):
			if not (self.reason or "").strip():
				frappe.throw(
					_("Give the reason for {0}").format(_(new_state)),
					ReasonRequiredError,
					title=_("Reason required"),
				)
			if new_state == "Duplicate":
				self.validate_duplicate_of()
		elif new_state == "Resolved":
			if not (self.resolution_note or "").strip():
				frappe.throw(
					_("Write what was done"),
					ResolutionIncompleteError,
					title=_("Resolution note required"),
				)
			if service.kind == "Repair Report" and not self.after_photo:
				frappe.throw(
					_("Attach a photo after the repair"),
					ResolutionIncompleteError,
					title=_("After photo required"),
				)
			self.resolved_on, self.resolved_by = now, frappe.session.user
			# the citizen's window to confirm or reopen starts now
			self.confirmation_due = add_days(getdate(now), confirmation_window_days())
			self.citizen_response = self.citizen_response_on = None
		elif new_state == REOPENED:
			if not (self.citizen_note or "").strip():
				frappe.throw(_("Say what is still wrong"), CitizenNoteRequiredError)
			self.citizen_response, self.citizen_response_on = "Reopened", now
			self.reopen_count = (self.reopen_count or 0) + 1
			self.resolved_on = self.resolved_by = None
		elif new_state == TRANSFERRED:
			self.transfer_agency = clean_text(self.transfer_agency, _("Transferred To"), MAX_NAME)
			if not (self.transfer_agency or "").strip() or not (self.transfer_note or "").strip():
				frappe.throw(
					_("Name the agency the request goes to and write a note for the citizen"),
					TransferIncompleteError,
					title=_("Transfer incomplete"),
				)
			self.transferred_on = now
		elif new_state == "Closed" and self.flags.citizen_action:
			# the citizen confirms the fix: the loop is closed by the one who reported it
			self.citizen_response, self.citizen_response_on, self.closed_on = "Confirmed", now, now
		elif new_state == "Closed":
			if self.resolved_by and self.resolved_by == frappe.session.user:
				frappe.throw(
					_("The person who resolved a request cannot also close it"),
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
				_("A duplicate must link the original request"),
				InvalidDuplicateError,
			)
		if frappe.db.get_value("Service Request", original, "workflow_state") == "Duplicate":
			frappe.throw(
				_("{0} is itself a duplicate: link its original").format(original),
				InvalidDuplicateError,
			)

	def merge_into_original(self):
		"""A request marked duplicate counts as one more report on the original."""
		append_report(
			self.duplicate_of,
			{
				"reporter_name": self.requester_name,
				"reporter_phone": self.requester_phone,
				"reported_at": self.submitted_on,
				"channel": self.channel,
				"note": _("Merged from {0}").format(self.name),
			},
			only_open=False,
		)


SERVICE_TYPE_FIELDS = (
	"name",
	"name_th",
	"kind",
	"department",
	"sla_days",
	"is_public",
	"asset_doctype",
	"default_priority",
)


def service_type_info(service_type) -> frappe._dict | None:
	"""What a request copies from its Service Type, cached per process until a Service Type changes."""
	if not isinstance(service_type, str):
		return None
	from nonsaad_smart.smart_core.cache import cached

	def build():
		rows = frappe.get_all("Service Type", fields=list(SERVICE_TYPE_FIELDS))
		return {row.name: row for row in rows}

	row = cached("service_types", ("Service Type",), build).get(service_type)
	if not row:
		# a miss is read from the database (a type created in this very transaction, or by a loader that
		# bypassed the controllers, is not in the cache yet): an unknown code stays unknown, never stale
		row = frappe.db.get_value("Service Type", service_type, list(SERVICE_TYPE_FIELDS), as_dict=True)
	return frappe._dict(row) if row else None


def open_asset_key(asset_doctype: str | None, asset_name: str | None, service_type: str | None) -> str | None:
	"""A fixed-length key of (asset, service type), unique among open requests (column `open_asset_key`)."""
	if not (asset_doctype and asset_name and service_type):
		return None
	return hashlib.sha1("\x1f".join((asset_doctype, asset_name, service_type)).encode()).hexdigest()


def open_request_for_asset(
	asset_doctype: str, asset_name: str, service_type: str | None = None
) -> str | None:
	"""The oldest open request about an asset (of `service_type` when given), or None.

	No permission check: returns a name only. A report is merged only into a request of its own service
	type (a noise complaint never lands on a street-light repair), see api.submit_report.
	"""
	sr = frappe.qb.DocType("Service Request")
	query = (
		frappe.qb.from_(sr)
		.select(sr.name)
		.where(
			(sr.asset_doctype == asset_doctype)
			& (sr.asset_name == asset_name)
			& (sr.workflow_state.isin(OPEN_STATES))
		)
		.orderby(sr.creation)
		.limit(1)
	)
	if service_type:
		query = query.where(sr.service_type == service_type)
	rows = query.run()
	return rows[0][0] if rows else None


def locked_open_request(key: str) -> str | None:
	"""The open request holding `open_asset_key` = key, read with a lock (sees the latest commit)."""
	sr = frappe.qb.DocType("Service Request")
	rows = (
		frappe.qb.from_(sr)
		.select(sr.name, sr.workflow_state)
		.where(sr.open_asset_key == key)
		.for_update()
		.run()
	)
	if not rows:
		return None
	name, state = rows[0]
	if state in OPEN_STATES:
		return name
	# a request closed without a save (a data fix): give the key back
	frappe.qb.update(sr).set(sr.open_asset_key, None).where(sr.name == name).run()
	return None


def append_report(name: str, row: dict, only_open: bool = True):
	"""Add one more report to request `name` under a row lock; None when it is no longer open (unless
	`only_open` is False: a request marked duplicate counts on its original whatever its state).

	The report row is inserted by itself and the count raised in SQL: saving the whole document would
	write back the child rows this transaction has read, dropping rows added meanwhile by parallel
	reports (REPEATABLE READ shows each transaction its first snapshot).
	"""
	sr = frappe.qb.DocType("Service Request")
	locked = (
		frappe.qb.from_(sr)
		.select(sr.workflow_state, sr.report_count)
		.where(sr.name == name)
		.for_update()
		.run(as_dict=True)
	)
	if not locked or (only_open and locked[0].workflow_state not in OPEN_STATES):
		return None
	old_count = locked[0].report_count or 1
	now = now_datetime()
	child = frappe.get_doc({"doctype": "Service Request Report", **row})
	child.update(
		{
			"parent": name,
			"parenttype": "Service Request",
			"parentfield": "additional_reports",
			"idx": old_count,
			"owner": frappe.session.user,
			"modified_by": frappe.session.user,
			"creation": now,
			"modified": now,
		}
	)
	child.db_insert()
	frappe.qb.update(sr).set(sr.report_count, old_count + 1).set(sr.modified, now).where(
		sr.name == name
	).run()
	frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": "Service Request",
			"docname": name,
			"data": json.dumps(
				{
					"added": [["additional_reports", {"idx": old_count, "channel": row.get("channel")}]],
					"changed": [["report_count", old_count, old_count + 1]],
					"removed": [],
					"row_changed": [],
				}
			),
		}
	).insert(ignore_permissions=True)
	return child


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def assignee_query(doctype, txt, searchfield, start, page_len, filters):
	"""Enabled users who do the work of requests (the Assign dialog's search)."""
	return search_users_with_roles(WORKER_ROLES, txt, start, page_len)
