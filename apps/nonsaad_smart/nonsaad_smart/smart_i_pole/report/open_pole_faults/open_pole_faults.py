"""Open Pole Faults: every pole that is out (Faulty / Under Repair) or reported and not yet resolved, with
the outage duration since the first report or the fault, whichever came first. Dates in BE."""

import frappe
from frappe import _
from frappe.utils import flt, get_datetime, now_datetime

from nonsaad_smart.smart_core.reporting import column
from nonsaad_smart.smart_core.thai_date import format_be_date

POLE_DOCTYPE = "Street Light Pole"
OUT_STATUSES = ("Faulty", "Under Repair")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	as_of = get_datetime(filters.as_of) if filters.as_of else now_datetime()
	rows = get_rows(as_of, filters.village)
	return columns(), rows, None, None, report_summary(rows)


def columns():
	request_type = "Link" if frappe.db.exists("DocType", "Service Request") else "Data"
	return [
		column(_("Pole"), "pole", "Link", 130, options=POLE_DOCTYPE),
		column(_("Village"), "village", "Link", 150, options="Village"),
		column(_("Lamp Type"), "lamp_type", "Data", 130),
		column(_("Status"), "status", "Data", 110),
		column(_("Service Request"), "service_request", request_type, 150, options="Service Request"),
		column(_("Request State"), "request_state", "Data", 110),
		column(_("Report Count"), "report_count", "Int", 80),
		column(_("Out Since (BE)"), "since", "Data", 150),
		column(_("Outage (hours)"), "outage_hours", "Float", 120, precision=1),
		column(_("Outage (days)"), "outage_days", "Float", 110, precision=1),
	]


def open_requests() -> dict[str, dict]:
	"""Per pole: the earliest open Service Request about it (E-Smart Service's api owns the rule)."""
	if not frappe.db.exists("DocType", "Service Request"):
		return {}
	from nonsaad_smart.e_smart_service.api import open_requests_by_asset

	return open_requests_by_asset(POLE_DOCTYPE)


def get_rows(as_of, village: str | None = None) -> list[dict]:
	pole = frappe.qb.DocType(POLE_DOCTYPE)
	requests = open_requests()
	condition = pole.status.isin(OUT_STATUSES)
	if requests:
		condition = condition | pole.name.isin(list(requests))
	query = (
		frappe.qb.from_(pole)
		.select(pole.name, pole.village, pole.lamp_type, pole.status, pole.faulty_since)
		.where(condition & (pole.status != "Removed"))
	)
	if village:
		query = query.where(pole.village == village)
	rows = []
	for p in query.run(as_dict=True):
		request = requests.get(p.name) or {}
		reported = request.get("submitted_on") or request.get("creation")
		starts = [get_datetime(t) for t in (p.faulty_since, reported) if t]
		since = min(starts) if starts else None
		hours = max((as_of - since).total_seconds() / 3600, 0) if since else None
		rows.append(
			{
				"pole": p.name,
				"village": p.village,
				"lamp_type": _(p.lamp_type),
				"status": _(p.status),
				"service_request": request.get("name"),
				"request_state": _(request["state"]) if request else None,
				"report_count": request.get("report_count") or (1 if request else 0),
				"since": format_be_date(since) if since else "",
				"outage_hours": flt(hours, 1) if hours is not None else None,
				"outage_days": flt(hours / 24, 1) if hours is not None else None,
			}
		)
	rows.sort(key=lambda r: -(r["outage_hours"] or 0))
	return rows


def report_summary(rows: list[dict]) -> list[dict]:
	longest = max((r["outage_days"] or 0 for r in rows), default=0)
	return [
		{
			"label": _("Poles Out"),
			"value": len(rows),
			"indicator": "Red" if rows else "Green",
			"datatype": "Int",
		},
		{
			"label": _("Longest Outage (days)"),
			"value": f"{longest:.1f}",
			"indicator": "Orange",
			"datatype": "Data",
		},
	]
