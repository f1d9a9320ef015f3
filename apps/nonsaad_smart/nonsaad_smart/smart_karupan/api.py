"""Whitelisted methods of the mobile scanning page (/karupan-scan). Each checks by itself that the user
sits on the committee of that stock check and that the check is running."""

import frappe
from frappe import _
from frappe.utils import cint, flt, now_datetime

from nonsaad_smart.smart_core.uploads import attach, photo_from_data_url
from nonsaad_smart.smart_karupan.asset import code_from_payload
from nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check import (
	LINE_ASSET_FIELDS,
	checks_of_member_query,
	committee_of,
)

RESULTS = ("Found In Use", "Found Unused", "Damaged", "Lost", "Not Needed")
CONDITIONS = ("Good", "Fair", "Poor", "Unusable")


class NotInScopeError(frappe.ValidationError):
	pass


class AlreadyScannedError(frappe.ValidationError):
	pass


class NotCommitteeMemberError(frappe.PermissionError):
	pass


def ensure_member(stock_check: str, running: bool = True) -> None:
	if not frappe.db.exists("Asset Stock Check", stock_check):
		frappe.throw(_("Stock check {0} not found").format(stock_check), frappe.DoesNotExistError)
	user = frappe.session.user
	if user != "Administrator" and user not in committee_of(stock_check):
		frappe.throw(
			_("You are not on the committee of {0}").format(stock_check),
			NotCommitteeMemberError,
		)
	if running:
		state = frappe.db.get_value("Asset Stock Check", stock_check, "workflow_state")
		if state != "Checking":
			frappe.throw(
				_("Stock check {0} is {1}, not Checking").format(stock_check, _(state or "Draft")),
				frappe.ValidationError,
			)


@frappe.whitelist()
def my_checks() -> list[dict]:
	"""Running checks the user sits on (the page's first choice)."""
	check = frappe.qb.DocType("Asset Stock Check")
	query = (
		frappe.qb.from_(check)
		.select(
			check.name,
			check.fiscal_year,
			check.order_no,
			check.due_date,
			check.progress,
			check.total_assets,
			check.checked_count,
		)
		.where(check.workflow_state == "Checking")
		.orderby(check.fiscal_year, order=frappe.qb.desc)
	)
	if frappe.session.user != "Administrator":
		query = query.where(check.name.isin(checks_of_member_query(frappe.session.user)))
	return query.run(as_dict=True)


def find_line(stock_check: str, code: str) -> dict:
	code = code_from_payload(code)
	if not code:
		frappe.throw(_("Scan or type an asset code"))
	line = frappe.db.get_value(
		"Asset Stock Check Line",
		{"stock_check": stock_check, "municipal_asset_code": code},
		[
			"name",
			*LINE_ASSET_FIELDS,
			"result",
			"condition",
			"scanned_at",
			"scanned_by",
			"photo",
		],
		as_dict=True,
	)
	if not line:
		known = frappe.db.exists("Asset", {"municipal_asset_code": code})
		frappe.throw(
			_("{0} is not in the scope of stock check {1}").format(code, stock_check)
			if known
			else _("No asset has the code {0}").format(code),
			NotInScopeError,
			title=_("Not in scope"),
		)
	return line


@frappe.whitelist()
def lookup(stock_check: str, code: str) -> dict:
	"""The asset of a scanned code in this check (with its current result, if any)."""
	ensure_member(stock_check)
	line = find_line(stock_check, code)
	asset = frappe.db.get_value(
		"Asset", line.asset, ["image", "custodian_name", "purchase_date", "location", "status"], as_dict=True
	)
	return {**line, **{f"asset_{k}": v for k, v in asset.items()}, "already_scanned": bool(line.result)}


@frappe.whitelist(methods=["POST"])
def scan(
	stock_check: str,
	code: str,
	result: str,
	condition: str | None = None,
	latitude: float | None = None,
	longitude: float | None = None,
	remark: str | None = None,
	location_found: str | None = None,
	photo: str | None = None,
	overwrite: int = 0,
) -> dict:
	"""Record the committee's result for one asset. A second scan of a checked asset is refused unless
	`overwrite` is set (the page asks first). `photo` is a data: URL (JPEG/PNG/WebP, at most 5 MB)."""
	ensure_member(stock_check)
	if result not in RESULTS:
		frappe.throw(_("Result must be one of {0}").format(", ".join(RESULTS)))
	if condition and condition not in CONDITIONS:
		frappe.throw(_("Condition must be one of {0}").format(", ".join(CONDITIONS)))
	line_info = find_line(stock_check, code)
	if line_info.result and not cint(overwrite):
		frappe.throw(
			_("{0} was already checked as '{1}' by {2} on {3}").format(
				line_info.municipal_asset_code,
				_(line_info.result),
				line_info.scanned_by,
				line_info.scanned_at,
			),
			AlreadyScannedError,
			title=_("Already scanned"),
		)
	# the photo is checked (type by decoding, size) and re-encoded before anything is written
	name = f"{line_info.municipal_asset_code}-{stock_check}"
	upload = photo_from_data_url(photo, _("Photo"), default_name=name) if photo else None
	line = frappe.get_doc("Asset Stock Check Line", line_info.name)
	line.update(
		{
			"result": result,
			"condition": condition or line.condition,
			"remark": remark or line.remark,
			"location_found": location_found or line.location_found or line.expected_location,
			"latitude": flt(latitude) if latitude not in (None, "") else None,
			"longitude": flt(longitude) if longitude not in (None, "") else None,
			"scanned_at": now_datetime(),
			"scanned_by": frappe.session.user,
		}
	)
	if upload:
		line.photo = attach(upload, line.doctype, line.name, "photo")
	line.save(ignore_permissions=True)  # membership checked above; the line's own rules still apply
	check = frappe.db.get_value(
		"Asset Stock Check", stock_check, ["checked_count", "total_assets", "progress"], as_dict=True
	)
	return {"line": line.name, "code": line.municipal_asset_code, "result": line.result, "check": check}
