"""Public functions of E-Smart Service for other modules and for the citizen-facing endpoints.

Other modules call only these (never the DocType internals, never `workflow_state` or a state name):

- States: ``OPEN_STATES`` (still to be dealt with), ``IN_HAND_STATES`` (accepted, being worked on: a
  repair may start), ``CLOSED_STATES``, ``SETTLED_STATES`` (resolved, or rejected as no problem),
  ``STATES`` (all, in workflow order) and each state (``SUBMITTED`` … ``DUPLICATE``, for demo data and
  tests), ``state_label(state)`` (the Thai label citizens read). Desk
  JavaScript gets the same in ``frappe.boot.nonsaad_service_request`` (`boot_session`).
- ``is_open(name) -> bool`` – the request is in an open state.
- ``request_asset(name) -> {"asset_doctype", "asset_name"} | None`` – what a request is about (desk JS:
  the whitelisted ``get_request_asset(name)``, which checks read permission).
- ``open_requests_by_asset(asset_doctype) -> {asset_name: {name, state, state_label, submitted_on,
  creation, report_count}}`` – per asset, its oldest open request (no permission check: for reports and
  jobs that already checked the reader's access to the register).
- ``submit_report(values, photo=None) -> (tracking_number, merged)`` – file a report; when an open request
  of the same service type exists for the same asset (``asset_doctype`` + ``asset_name``) the report is
  added to it (``report_count`` + 1, a row in ``additional_reports``) and its tracking number is returned.
  The database holds at most one open request per asset and service type (unique ``open_asset_key``), so
  parallel reports about one pole make one request, whatever their timing.
- ``open_request_for_asset(asset_doctype, asset_name, service_type=None) -> name | None`` – the oldest
  open request about an asset (states Submitted, Accepted, Assigned, In Progress), of that service type
  when given.
- ``resolve_request(name, note, after_photo=None)`` – mark a request Resolved with the note (and the after
  photo, required for repair reports), e.g. when a Pole Repair is completed. The caller needs write
  permission on the request; the workflow path is skipped because the repair record is the evidence.
- ``service_performance(months=12)`` – SLA compliance, median days to resolve, ratings and reopen rates
  per service type and month and per department (counts only; `performance.py`);
  ``cached_service_performance`` the same, at most 10 minutes old (the public page /performance);
  ``team_label(department)`` a team's name as people read it.
- ``citizen_response(...)`` (whitelisted, guests with tracking number + last 4 phone digits, or the
  logged-in requester): after a resolution the citizen confirms the fix (→ Closed) or reopens the request
  with a note and a photo (→ Reopened, back to the office), and rates the service 1–5, within the
  confirmation window (`CONFIRMATION_WINDOW_DAYS` = 14 days after the resolution). The transitions are the
  workflow's own ("Confirm Fix", "Citizen Reopen", allowed for the role Citizen).
- ``public_status(tracking_number, phone_last4)`` – what anyone may see of a request: state and timeline,
  no personal data; ``None`` for any wrong pair.

A module whose register a request may be about declares it in hooks ``nonsaad_asset_registers`` and gets
its callbacks (see `assets.py`); it does not hook Service Request's document events itself.
"""

import hmac
from urllib.parse import urlencode

import frappe
from frappe import _, _lt
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate, now_datetime, today

from nonsaad_smart.e_smart_service.assets import map_layers, notify_report, register_doctypes
from nonsaad_smart.e_smart_service.doctype.service_request.service_request import (
	append_report,
	locked_open_request,
	open_asset_key,
	open_request_for_asset,
)
from nonsaad_smart.e_smart_service.performance import (
	cached_service_performance,
	service_performance,
	team_label,
)
from nonsaad_smart.e_smart_service.states import (
	ACCEPTED,
	ASSIGNED,
	CITIZEN_ACTIONS,
	CLOSED,
	CLOSED_STATES,
	DUPLICATE,
	IN_HAND_STATES,
	IN_PROGRESS,
	OPEN_STATES,
	REJECTED,
	REOPENED,
	RESOLVED,
	SETTLED_STATES,
	STATE_COLOURS,
	STATE_TH,
	STATES,
	SUBMITTED,
	TRANSFERRED,
)
from nonsaad_smart.e_smart_service.validation import (
	InvalidInputError,
	MissingFieldError,
	as_number,
	as_text,
	clean_text,
	normalize_text,
)
from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.notify import notify
from nonsaad_smart.smart_core.thai_date import format_be_date
from nonsaad_smart.smart_core.uploads import Upload, attach, photo_from_data_url, stored_photo

__all__ = [
	"ACCEPTED",
	"ASSIGNED",
	"CLOSED",
	"CLOSED_STATES",
	"DUPLICATE",
	"IN_HAND_STATES",
	"IN_PROGRESS",
	"LOOP_FIELDS",
	"OPEN_STATES",
	"REJECTED",
	"REOPENED",
	"RESOLVED",
	"SETTLED_STATES",
	"STATES",
	"SUBMITTED",
	"TRANSFERRED",
	"answer_request",
	"cached_service_performance",
	"citizen_response",
	"get_request_asset",
	"is_open",
	"loop_of",
	"open_request_for_asset",
	"open_requests_by_asset",
	"public_status",
	"request_asset",
	"resolution_of",
	"resolve_request",
	"service_performance",
	"state_label",
	"submit_report",
	"team_label",
]


def state_label(state: str | None) -> str:
	"""The label of a state that citizens read (Thai)."""
	return STATE_TH.get(state, state or "")


def is_open(name: str) -> bool:
	"""True when the request exists and is still open."""
	return frappe.db.get_value("Service Request", name, "workflow_state") in OPEN_STATES


def request_asset(name: str) -> frappe._dict | None:
	"""What a request is about: {asset_doctype, asset_name}, or None (no request, or no asset)."""
	row = frappe.db.get_value("Service Request", name, ["asset_doctype", "asset_name"], as_dict=True)
	return row if row and row.asset_name else None


@frappe.whitelist()
def get_request_asset(name: str) -> frappe._dict | None:
	"""Desk JavaScript: what a request is about (`request_asset`), for a user who may read the request."""
	frappe.has_permission("Service Request", "read", name, throw=True)
	return request_asset(name)


def open_requests_by_asset(asset_doctype: str) -> dict[str, frappe._dict]:
	"""Per asset of a register: its oldest open request (by submission: a phoned-in report may be
	recorded later). Returns name, state, state_label, submitted_on, creation, report_count."""
	sr = frappe.qb.DocType("Service Request")
	query = (
		frappe.qb.from_(sr)
		.select(
			sr.name,
			sr.asset_name,
			sr.workflow_state.as_("state"),
			sr.submitted_on,
			sr.creation,
			sr.report_count,
		)
		.where((sr.asset_doctype == asset_doctype) & sr.workflow_state.isin(OPEN_STATES))
		.orderby(sr.creation)
	)
	result = {}
	for row in query.run(as_dict=True):
		row.state_label = state_label(row.state)
		result.setdefault(row.asset_name, row)
	return result


def boot_session(bootinfo) -> None:
	"""hooks `boot_session`: the states (and asset registers) for desk JavaScript, the one list."""
	if frappe.session.user == "Guest":
		return
	bootinfo.nonsaad_service_request = {
		"states": list(STATES),
		"open_states": list(OPEN_STATES),
		"in_hand_states": list(IN_HAND_STATES),
		"colours": STATE_COLOURS,
		"asset_doctypes": register_doctypes(),
		"asset_layers": map_layers(),
	}


# fields of a report, as the citizen web form sends them
REPORT_FIELDS = (
	"service_type",
	"description",
	"latitude",
	"longitude",
	"asset_doctype",
	"asset_name",
	"requester_name",
	"requester_phone",
)
# fields a citizen or an integrator may set on a new request; everything else is the office's
CITIZEN_FIELDS = (*REPORT_FIELDS, "channel", "open311_client")
# their labels in error messages (translated with _() when used)
FIELD_LABELS = {
	"service_type": "Service type",
	"description": "Description",
	"latitude": "Latitude",
	"longitude": "Longitude",
	"asset_doctype": "Asset type",
	"asset_name": "Asset code",
	"requester_name": "Your name",
	"requester_phone": "Phone",
	"channel": "Channel",
	"open311_client": "Open311 client",
}


class RequestNotOpenError(frappe.ValidationError):
	pass


def report_values(values: dict) -> dict:
	"""The citizen fields of a report, each of the right shape (text as text, coordinates finite)."""
	if not isinstance(values, dict):
		frappe.throw(_("The report must be a JSON object of fields"), InvalidInputError)
	shaped = {}
	for key in CITIZEN_FIELDS:
		value = values.get(key)
		label = _lt(FIELD_LABELS[key])  # translated only when a message shows it
		value = as_number(value, label) if key in ("latitude", "longitude") else as_text(value, label)
		if value not in (None, ""):
			shaped[key] = value
	return shaped


def submit_report(values: dict, photo: str | None = None) -> tuple[str, bool]:
	"""Create a request, or add the report to the open request of its type about the same asset.

	`photo` is a web-form file value ("name.jpg,data:image/jpeg;base64,…"), checked before anything is
	written. Runs without permission checks (guests and integrators): everything is validated.
	"""
	values = report_values(values)
	photo = as_text(photo, _lt("Photo"))
	photo_file = photo_from_data_url(photo, _("Photo")) if photo else None
	asset = (values.get("asset_doctype"), values.get("asset_name"), values.get("service_type"))
	if asset[0] and asset[1]:
		original = open_request_for_asset(*asset)
		if original and add_report(original, values, photo_file):
			return original, True
	doc = frappe.get_doc({"doctype": "Service Request", **values})
	if not (asset[0] and asset[1]):
		# no asset, no open-request key that a parallel report could take first: no savepoint needed
		doc.insert(ignore_permissions=True)
		return attach_photo(doc, photo_file), False
	frappe.db.savepoint("nonsaad_new_request")
	try:
		doc.insert(ignore_permissions=True)
	except frappe.UniqueValidationError:
		# a parallel report about the same asset committed its request first: join it
		frappe.db.rollback(save_point="nonsaad_new_request")
		frappe.local.message_log = []
		original = locked_open_request(open_asset_key(*asset))
		if not (original and add_report(original, values, photo_file)):
			raise
		return original, True
	return attach_photo(doc, photo_file), False


def attach_photo(doc, photo_file: Upload | None) -> str:
	"""The checked photo of a new request as its private File (before the commit: the citizen's answer
	promises it is kept); the request's name."""
	if photo_file:
		doc.db_set("photo", attach(photo_file, "Service Request", doc.name, "photo"), update_modified=False)
	return doc.name


def add_report(name: str, values: dict, photo_file: Upload | None = None) -> bool:
	"""One more person reports the same problem: count it on the open request, keep who and when.

	False (nothing written) when the request was closed meanwhile: the caller opens a new one.
	"""
	probe = frappe.get_doc(
		{"doctype": "Service Request", **values, "asset_doctype": None, "asset_name": None}
	)
	# the same checks as a new request (service type, phone, place, text), without writing it
	probe.validate_service_type()
	probe.validate_texts()
	probe.set_requester_from_session()
	probe.validate_requester()
	if probe.has_point():
		validate_point(probe.latitude, probe.longitude, _("Place of the problem"))
	row = append_report(
		name,
		{
			"reporter_name": probe.requester_name,
			"reporter_phone": probe.requester_phone,
			"reported_at": now_datetime(),
			"channel": probe.channel or "Web",
			"note": probe.description,
		},
	)
	if row is None:
		return False
	if photo_file:
		row.db_set("photo", attach(photo_file, "Service Request", name), update_modified=False)
	asset = request_asset(name)
	if asset:
		notify_report(asset.asset_doctype, asset.asset_name, name)
	return True


def resolve_request(name: str, note: str, after_photo: str | None = None) -> None:
	"""Resolve an open request (e.g. from a completed repair). Needs write permission on it."""
	doc = frappe.get_doc("Service Request", name)
	doc.check_permission("write")
	if doc.workflow_state not in OPEN_STATES:
		frappe.throw(
			_("Request {0} is {1}, not open").format(name, _(doc.workflow_state)),
			RequestNotOpenError,
		)
	doc.resolution_note = clean_text(note, _("Resolution note"))
	if after_photo:
		doc.after_photo = stored_photo(after_photo, _("After Photo"))
	doc.workflow_state = RESOLVED
	doc.flags.ignore_workflow_transition = True
	doc.save()


def public_status(tracking_number: str, phone_last4: str) -> dict | None:
	"""State and public timeline of a request, when the last 4 phone digits match; else None.

	An unknown number and wrong digits take the same path (one row read, one constant-time compare
	against a stand-in phone when there is no row), so neither the answer nor its timing tells them apart.
	"""
	tracking_number = normalize_text(as_text(tracking_number, _("Tracking number")) or "").upper()[:20]
	digits = "".join(c for c in (as_text(phone_last4, _("Phone")) or "") if c in "0123456789")
	row = frappe.db.get_value(
		"Service Request",
		tracking_number or "-",
		[
			"name",
			"requester_phone",
			"workflow_state",
			"service_name",
			"village",
			"submitted_on",
			"due_date",
			"resolution_note",
			"after_photo",
			*LOOP_FIELDS,
		],
		as_dict=True,
	)
	phone_end = ((row.requester_phone if row else None) or "no phone")[-4:]
	matches = hmac.compare_digest(phone_end.encode(), digits.encode()) and len(digits) == 4
	if not (row and matches):
		return None
	timeline = frappe.get_all(
		"Service Request Status Log",
		filters={"parent": row.name, "parenttype": "Service Request"},
		fields=["status", "changed_at"],
		order_by="idx asc",
	)
	return {
		"tracking_number": row.name,
		"status": row.workflow_state,
		"status_th": state_label(row.workflow_state),
		"is_open": row.workflow_state in OPEN_STATES,
		"service": row.service_name,
		"village": frappe.db.get_value("Village", row.village, "village_name") if row.village else None,
		"submitted_on": format_be_date(row.submitted_on, "medium"),
		"due_date": format_be_date(row.due_date, "medium"),
		"timeline": [
			{
				"status": t.status,
				"status_th": state_label(t.status),
				"at": format_be_date(t.changed_at, "medium"),
			}
			for t in timeline
		],
		**resolution_of(row, phone_last4=digits),
		**loop_of(row),
	}


def loop_of(row) -> dict:
	"""What the citizen sees of closing the loop: may they still confirm or reopen (and until when), their
	answer and rating; for a transferred request, the agency and the note."""
	due = row.get("confirmation_due")
	can_respond = row.workflow_state == RESOLVED and bool(due) and getdate(due) >= getdate(today())
	transfer = None
	if row.workflow_state == TRANSFERRED:
		transfer = {
			"agency": row.get("transfer_agency"),
			"reference": row.get("transfer_reference"),
			"note": row.get("transfer_note"),
		}
	return {
		"can_respond": can_respond,
		"confirmation_due": format_be_date(due, "medium") if can_respond else None,
		"citizen_response": row.get("citizen_response"),
		"rating": row.get("rating"),
		"transfer": transfer,
	}


LOOP_FIELDS = (
	"confirmation_due",
	"citizen_response",
	"rating",
	"transfer_agency",
	"transfer_reference",
	"transfer_note",
)


def resolution_of(row, phone_last4: str | None = None) -> dict:
	"""The office's note and the after photo of a resolved request (what the citizen sees of the result).
	The photo (often a private file) is served by `resolution_photo`, which checks the same right."""
	if row.workflow_state not in ("Resolved", "Closed"):
		return {"resolution_note": None, "after_photo_url": None}
	url = None
	if row.after_photo:
		query = {"tracking_number": row.name}
		if phone_last4:
			query["phone_last4"] = phone_last4
		url = "/api/method/nonsaad_smart.e_smart_service.api.resolution_photo?" + urlencode(query)
	return {"resolution_note": row.resolution_note, "after_photo_url": url}


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=60, seconds=10 * 60)
def resolution_photo(tracking_number: str | None = None, phone_last4: str | None = None):
	"""The after photo of a resolved request, for the same pair as the status page or for a user who may
	read the request (the citizen on /my-requests)."""
	if not tracking_number or not isinstance(tracking_number, str):
		frappe.throw(_("Please enter the tracking number"), frappe.ValidationError)
	if phone_last4:
		allowed = public_status(tracking_number, phone_last4) is not None
	else:
		allowed = frappe.session.user != "Guest" and frappe.has_permission(
			"Service Request", "read", doc=tracking_number
		)
	row = (
		frappe.db.get_value(
			"Service Request", tracking_number, ["workflow_state", "after_photo"], as_dict=True
		)
		if allowed
		else None
	)
	if not row or not row.after_photo or row.workflow_state not in ("Resolved", "Closed"):
		frappe.throw(
			_("No photo of the result for this tracking number and phone number"), frappe.PermissionError
		)
	name = frappe.db.get_value("File", {"file_url": row.after_photo}, "name")
	try:
		file = frappe.get_doc("File", name)
		content = file.get_content()
	except (frappe.DoesNotExistError, OSError):
		raise frappe.DoesNotExistError(_("The photo is no longer available")) from None
	frappe.local.response.update(
		{"type": "binary", "filename": file.file_name, "filecontent": content, "display_content_as": "inline"}
	)


def status_lookup_limit() -> int:
	return frappe.conf.get("nonsaad_status_rate_limit") or 10


# wrong tries per tracking number (from any address) before the number is locked for a while
STATUS_LOCKOUT_TRIES = 5
STATUS_LOCKOUT_SECONDS = 30 * 60


def _lockout_key(tracking_number: str) -> str:
	number = normalize_text(tracking_number or "").upper()[:20] or "-"
	return frappe.cache.make_key(f"nonsaad:status-wrong:{number}")


def status_lockout_tries() -> int:
	return frappe.conf.get("nonsaad_status_lockout_tries") or STATUS_LOCKOUT_TRIES


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
@rate_limit(limit=status_lookup_limit, seconds=10 * 60)
def request_status(tracking_number=None, phone_last4=None) -> dict:
	"""Guest lookup of a request by tracking number + last 4 phone digits.

	At most 10 tries per 10 minutes per client address (the proxy hop we trust, smart_core/client_ip.py),
	and a tracking number takes at most 5 wrong tries (from any address) per 30 minutes: after that it
	answers "locked" – for a number that exists and one that does not alike, so the lock tells nothing.
	The arguments are not annotated: Frappe's type check would answer a list with a bare FrappeTypeError;
	as_text() answers it with a message.
	"""
	tracking_number = as_text(tracking_number, _("Tracking number"))
	phone_last4 = as_text(phone_last4, _("Phone"))
	if not (tracking_number or "").strip() or not (phone_last4 or "").strip():
		frappe.throw(
			_("Give the tracking number and the last 4 digits of your phone"),
			MissingFieldError,
			title=_("Missing information"),
		)
	if normalize_text(tracking_number) != tracking_number.strip() or len(tracking_number) > 40:
		frappe.throw(
			_("Tracking number: only letters, digits and dashes, e.g. SR-2570-00001"), InvalidInputError
		)
	key = _lockout_key(tracking_number)
	if int(frappe.cache.get(key) or 0) >= status_lockout_tries():
		return {
			"found": False,
			"locked": True,
			"message": _("Too many wrong tries for this tracking number: try again in 30 minutes"),
		}
	result = public_status(tracking_number, phone_last4)
	if result is None:
		if not frappe.cache.get(key):
			frappe.cache.setex(key, STATUS_LOCKOUT_SECONDS, 0)
		frappe.cache.incrby(key, 1)
		return {"found": False, "message": _("No request matches this tracking number and phone")}
	return {"found": True, **result}


@frappe.whitelist()
def my_requests() -> list[dict]:
	"""A logged-in citizen's own requests (permission-checked list)."""
	return frappe.get_list(
		"Service Request",
		fields=["name", "service_name", "workflow_state", "submitted_on", "due_date"],
		order_by="creation desc",
		limit_page_length=100,
	)


# --- the citizen closes the loop ------------------------------------------------------------------------
class NotResolvedError(frappe.ValidationError):
	pass


class ConfirmationWindowClosedError(frappe.ValidationError):
	pass


class InvalidRatingError(frappe.ValidationError):
	pass


def _citizen_may_answer(name: str, phone_last4: str | None) -> bool:
	"""The pair of the status page (with its lock-out), or the logged-in citizen who filed the request."""
	if phone_last4:
		key = _lockout_key(name)
		if int(frappe.cache.get(key) or 0) >= status_lockout_tries():
			return False
		if public_status(name, phone_last4) is not None:
			return True
		if not frappe.cache.get(key):
			frappe.cache.setex(key, STATUS_LOCKOUT_SECONDS, 0)
		frappe.cache.incrby(key, 1)
		return False
	user = frappe.session.user
	if user == "Guest":
		return False
	citizen = frappe.db.get_value("Citizen", {"user": user}, "name")
	return bool(citizen) and frappe.db.get_value("Service Request", name, "requester") == citizen


def _citizen_transition(action: str) -> str:
	"""The next state of the workflow's transition from Resolved by `action` for the role Citizen."""
	next_state = frappe.db.get_value(
		"Workflow Transition",
		{"parent": "Service Request", "state": RESOLVED, "action": action, "allowed": "Citizen"},
		"next_state",
	)
	if not next_state:
		frappe.throw(_("The workflow has no citizen action {0}").format(_(action)), NotResolvedError)
	return next_state


def answer_request(name: str, response: str, rating=None, note: str | None = None, photo_file=None) -> str:
	"""Apply the citizen's answer to a resolved request (no permission check: callers checked who it is).
	Returns the new state."""
	if response not in CITIZEN_ACTIONS:
		frappe.throw(_("Answer confirm or reopen"), InvalidInputError)
	doc = frappe.get_doc("Service Request", name)
	if doc.workflow_state != RESOLVED:
		frappe.throw(
			_("Only a resolved request can be confirmed or reopened; {0} is {1}").format(
				name, state_label(doc.workflow_state)
			),
			NotResolvedError,
		)
	if not doc.confirmation_due or getdate(doc.confirmation_due) < getdate(today()):
		frappe.throw(
			_("The time to confirm or reopen this request has passed: file a new report"),
			ConfirmationWindowClosedError,
		)
	if rating not in (None, ""):
		rating = as_number(rating, _("Rating"))
		if rating not in (1, 2, 3, 4, 5):
			frappe.throw(_("Rate the service from 1 to 5"), InvalidRatingError)
		doc.rating = int(rating)
	doc.citizen_note = clean_text(note, _("Note")) if note else None
	previous_workers = [doc.assigned_to, doc.resolved_by]
	doc.workflow_state = _citizen_transition(CITIZEN_ACTIONS[response])
	doc.flags.ignore_workflow_transition = True
	doc.flags.citizen_action = True
	if doc.workflow_state in OPEN_STATES and open_request_for_asset(
		doc.asset_doctype, doc.asset_name, doc.service_type
	):
		# a newer report about the same asset is open already: both stay open, the office merges them
		doc.flags.allow_duplicate_asset = True
	doc.save(ignore_permissions=True)
	if photo_file:
		doc.db_set(
			"citizen_photo",
			attach(photo_file, "Service Request", name, "citizen_photo"),
			update_modified=False,
		)
	if doc.workflow_state == REOPENED:
		head = frappe.db.get_value("Service Type", doc.service_type, "department_head")
		notify(
			[*previous_workers, head],
			_("{0} reopened by the citizen: {1}").format(name, doc.citizen_note or ""),
			"Service Request",
			name,
		)
	return doc.workflow_state


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=status_lookup_limit, seconds=10 * 60)
def citizen_response(
	tracking_number=None, phone_last4=None, response=None, rating=None, note=None, photo=None
) -> dict:
	"""The requester confirms the fix or reopens a resolved request (with a note and a photo), and rates it.

	Who: the status page's pair (tracking number + last 4 phone digits, the same lock-out) or the
	logged-in citizen who filed it. Returns the request's public status after the answer.
	"""
	tracking_number = normalize_text(as_text(tracking_number, _("Tracking number")) or "").upper()[:20]
	phone_last4 = as_text(phone_last4, _("Phone"))
	response = as_text(response, _("Answer"))
	note = as_text(note, _("Note"))
	photo = as_text(photo, _("Photo"))
	if not tracking_number or not _citizen_may_answer(tracking_number, phone_last4):
		frappe.throw(_("No request matches this tracking number and phone"), frappe.PermissionError)
	photo_file = photo_from_data_url(photo, _("Photo")) if photo else None
	state = answer_request(tracking_number, response, rating=rating, note=note, photo_file=photo_file)
	return {"tracking_number": tracking_number, "status": state, "status_th": state_label(state)}
