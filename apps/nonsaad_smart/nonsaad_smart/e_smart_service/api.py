"""Public functions of E-Smart Service for other modules and for the citizen-facing endpoints.

Other modules call only these (never the DocType internals):

- ``submit_report(values, photo=None) -> (tracking_number, merged)`` – file a report; when an open request
  exists for the same asset (``asset_doctype`` + ``asset_name``) the report is added to it
  (``report_count`` + 1, a row in ``additional_reports``) and its tracking number is returned.
- ``open_request_for_asset(asset_doctype, asset_name) -> name | None`` – the oldest open request about an
  asset (states Submitted, Accepted, Assigned, In Progress).
- ``resolve_request(name, note, after_photo=None)`` – mark a request Resolved with the note (and the after
  photo, required for repair reports), e.g. when a Pole Repair is completed. The caller needs write
  permission on the request; the workflow path is skipped because the repair record is the evidence.
- ``public_status(tracking_number, phone_last4)`` – what anyone may see of a request: state and timeline,
  no personal data; ``None`` for any wrong pair.
"""

from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import now_datetime

from nonsaad_smart.e_smart_service.doctype.service_request.service_request import (
	OPEN_STATES,
	STATE_TH,
	open_request_for_asset,
)
from nonsaad_smart.e_smart_service.validation import clean_text, decode_photo
from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.thai_date import format_be_date

__all__ = [
	"open_request_for_asset",
	"public_status",
	"resolution_of",
	"resolve_request",
	"submit_report",
]

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


class RequestNotOpenError(frappe.ValidationError):
	pass


def submit_report(values: dict, photo: str | None = None) -> tuple[str, bool]:
	"""Create a request, or add the report to the open request about the same asset.

	`photo` is a web-form file value ("name.jpg,data:image/jpeg;base64,…"), checked before anything is
	written. Runs without permission checks (guests and integrators): everything is validated.
	"""
	values = {k: values.get(k) for k in CITIZEN_FIELDS if values.get(k) not in (None, "")}
	photo_file = decode_photo(photo, _("Photo")) if photo else None
	original = None
	if values.get("asset_doctype") and values.get("asset_name"):
		original = open_request_for_asset(values["asset_doctype"], values["asset_name"])
	if original:
		add_report(original, values, photo_file)
		return original, True
	doc = frappe.get_doc({"doctype": "Service Request", **values})
	doc.insert(ignore_permissions=True)
	if photo_file:
		doc.db_set("photo", save_photo(doc.name, "photo", photo_file), update_modified=False)
	return doc.name, False


def add_report(name: str, values: dict, photo_file: tuple[str, bytes] | None = None) -> None:
	"""One more person reports the same problem: count it on the open request, keep who and when."""
	doc = frappe.get_doc("Service Request", name, for_update=True)
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
	row = doc.append(
		"additional_reports",
		{
			"reporter_name": probe.requester_name,
			"reporter_phone": probe.requester_phone,
			"reported_at": now_datetime(),
			"channel": probe.channel or "Web",
			"note": probe.description,
		},
	)
	doc.report_count = (doc.report_count or 1) + 1
	doc.flags.ignore_permissions = doc.flags.ignore_links = True  # only a report row is added
	doc.save()
	if photo_file:
		row.db_set("photo", save_photo(name, None, photo_file), update_modified=False)


def save_photo(name: str, fieldname: str | None, photo_file: tuple[str, bytes]) -> str:
	filename, content = photo_file
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": filename,
			"attached_to_doctype": "Service Request",
			"attached_to_name": name,
			"attached_to_field": fieldname,
			"is_private": 1,
			"content": content,
		}
	)
	file.save(ignore_permissions=True)
	return file.file_url


def resolve_request(name: str, note: str, after_photo: str | None = None) -> None:
	"""Resolve an open request (e.g. from a completed repair). Needs write permission on it."""
	doc = frappe.get_doc("Service Request", name)
	doc.check_permission("write")
	if doc.workflow_state not in OPEN_STATES:
		frappe.throw(
			_("{0} is {1}, not open (เรื่องนี้ไม่ได้อยู่ระหว่างดำเนินการ)").format(name, _(doc.workflow_state)),
			RequestNotOpenError,
		)
	doc.resolution_note = clean_text(note, _("Resolution note"))
	if after_photo:
		doc.after_photo = after_photo
	doc.workflow_state = "Resolved"
	doc.flags.ignore_workflow_transition = True
	doc.save()


def public_status(tracking_number: str, phone_last4: str) -> dict | None:
	"""State and public timeline of a request, when the last 4 phone digits match; else None."""
	tracking_number = (tracking_number or "").strip().upper()
	digits = "".join(c for c in (phone_last4 or "") if c.isdigit())
	if len(digits) != 4 or len(tracking_number) > 20:
		return None
	row = frappe.db.get_value(
		"Service Request",
		tracking_number,
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
		],
		as_dict=True,
	)
	if not row or not row.requester_phone or not row.requester_phone.endswith(digits):
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
		"status_th": STATE_TH.get(row.workflow_state, row.workflow_state),
		"is_open": row.workflow_state in OPEN_STATES,
		"service": row.service_name,
		"village": frappe.db.get_value("Village", row.village, "village_name") if row.village else None,
		"submitted_on": format_be_date(row.submitted_on, "medium"),
		"due_date": format_be_date(row.due_date, "medium"),
		"timeline": [
			{
				"status": t.status,
				"status_th": STATE_TH.get(t.status, t.status),
				"at": format_be_date(t.changed_at, "medium"),
			}
			for t in timeline
		],
		**resolution_of(row, phone_last4=digits),
	}


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
def resolution_photo(tracking_number: str, phone_last4: str | None = None):
	"""The after photo of a resolved request, for the same pair as the status page or for a user who may
	read the request (the citizen on /my-requests)."""
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
		raise frappe.PermissionError
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


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
@rate_limit(limit=status_lookup_limit, seconds=10 * 60)
def request_status(tracking_number: str, phone_last4: str) -> dict:
	"""Guest lookup of a request by tracking number + last 4 phone digits (10 tries per 10 minutes per IP)."""
	result = public_status(tracking_number, phone_last4)
	if result is None:
		return {"found": False, "message": _("No request matches this tracking number and phone (ไม่พบข้อมูล)")}
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
