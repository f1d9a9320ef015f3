"""Public API of Smart EMS: the only names other modules (and desk pages) use.

Contract:
- `ACTIVE_STATUSES`: incident statuses with an ambulance on the road.
- `dispatch(incident, ambulance, crew=None)` (whitelisted, EMS Dispatcher): the one way an ambulance and its
  crew are assigned; enforces the rule under row locks (`smart_ems.dispatch`), raises
  `AmbulanceBusyError` (naming the incident holding it), `CrewBusyError`, `CrewCertificateError`,
  `AmbulanceOutOfServiceError`, `NoCrewError`, `IncidentNotOpenError`.
- `suggest_ambulances(incident)` (whitelisted): nearest available ambulances with a valid crew, with
  straight-line distance (km) and estimated minutes.
- `stamp`, `correct_time`, `stand_down`, `incident_chain`: the time chain (`smart_ems.timechain`).
- `my_incidents()`: the active incidents of the signed-in crew member (the phone screen).
- `dispatch_map_data()`: ambulances, active incidents and the `"dispatch": 1` map layers for the dispatch map.
- `eight_minute_compliance(from_date, to_date)`: % of red cases reached within 8 minutes (overview figure).
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from nonsaad_smart.smart_core import gis
from nonsaad_smart.smart_ems import dispatch as _dispatch
from nonsaad_smart.smart_ems import metrics
from nonsaad_smart.smart_ems.chain import ACTIVE_STATUSES, AWAITING_DISPATCH, RED_TARGET_MINUTES
from nonsaad_smart.smart_ems.timechain import correct_time, incident_chain, stamp, stand_down

__all__ = [
	"ACTIVE_STATUSES",
	"active_incident_count",
	"available_ambulance_count",
	"correct_time",
	"dispatch",
	"dispatch_map_data",
	"eight_minute_card",
	"eight_minute_compliance",
	"expiring_certificate_count",
	"incident_chain",
	"my_incidents",
	"stamp",
	"stand_down",
	"suggest_ambulances",
]

STAFF_ROLES = ("EMS Dispatcher", "EMS Crew", "Municipal Admin", "System Manager", "Executive")
TRIAGE_COLOURS = {
	"Red": "#c62828",
	"Yellow": "#f9a825",
	"Green": "#2e7d32",
	"White": "#9e9e9e",
	"Black": "#212121",
}


@frappe.whitelist(methods=["POST"])
def dispatch(incident: str, ambulance: str, crew: list | str | None = None) -> dict:
	_dispatch.ensure_dispatcher()
	if isinstance(crew, str):
		crew = frappe.parse_json(crew) if crew.strip().startswith("[") else [crew]
	return _dispatch.retry_on_deadlock(_dispatch.dispatch, incident, ambulance, crew or None)


@frappe.whitelist()
def suggest_ambulances(incident: str) -> list[dict]:
	frappe.has_permission("EMS Incident", "read", incident, throw=True)
	return _dispatch.suggest(incident)


# what a list of incidents shows (the crew's own list, the dispatch map)
INCIDENT_FIELDS = [
	"name",
	"case_number",
	"triage",
	"status",
	"village",
	"landmark",
	"ambulance",
	"call_received",
]


@frappe.whitelist()
def my_incidents() -> list[dict]:
	"""Active incidents the user rides on (dispatchers: all active ones), newest first."""
	return frappe.get_list(
		"EMS Incident",
		filters={"status": ("in", ACTIVE_STATUSES)},
		fields=INCIDENT_FIELDS,
		order_by="call_received desc",
		limit_page_length=20,
	)


def ensure_staff() -> None:
	if frappe.session.user == "Guest" or not set(STAFF_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only EMS staff may see the dispatch map"), frappe.PermissionError)


def dispatch_layers() -> list[tuple[str, dict]]:
	return [(name, spec) for name, spec in gis.registered_layers().items() if spec.get("dispatch")]


@frappe.whitelist()
def dispatch_map_data() -> dict:
	"""Everything the dispatch map draws; staff only, read through each user's permissions."""
	ensure_staff()
	ambulances = frappe.get_list(
		"Ambulance",
		fields=["name", "plate", "ambulance_type", "status", "current_incident", "latitude", "longitude"],
		limit_page_length=0,
	)
	incidents = frappe.get_list(
		"EMS Incident",
		filters={"status": ("in", [AWAITING_DISPATCH, *ACTIVE_STATUSES])},
		fields=[*INCIDENT_FIELDS, "latitude", "longitude"],
		limit_page_length=200,
	)
	for row in incidents:
		row["color"] = TRIAGE_COLOURS.get(row.triage, "#e65100")
		row["triage_label"] = _(row.triage)
		row["status_label"] = _(row.status)
	for row in ambulances:
		row["status_label"] = _(row.status)
	layers = []
	for name, spec in dispatch_layers():
		if not gis._allowed(spec):
			continue
		layers.append({"info": gis.layer_info(name, spec), "data": gis.get_layer(name)})
	return {
		"ambulances": ambulances,
		"incidents": incidents,
		"layers": layers,
		"server_time": str(now_datetime()),
	}


def eight_minute_compliance(from_date=None, to_date=None) -> float:
	return metrics.eight_minute_compliance(from_date, to_date)


@frappe.whitelist()
def active_incident_count() -> dict:
	value = len(frappe.get_list("EMS Incident", filters={"status": ("in", ACTIVE_STATUSES)}, pluck="name"))
	return {"value": value, "fieldtype": "Int"}


@frappe.whitelist()
def available_ambulance_count() -> dict:
	value = len(frappe.get_list("Ambulance", filters={"status": "Available"}, pluck="name"))
	return {"value": value, "fieldtype": "Int"}


@frappe.whitelist()
def eight_minute_card() -> dict:
	value = metrics.eight_minute_compliance(*metrics.this_month()) if _reads("EMS Incident") else 0
	return {"value": value, "fieldtype": "Percent", "route": ["query-report", "EMS Eight Minute Compliance"]}


@frappe.whitelist()
def expiring_certificate_count() -> dict:
	from frappe.utils import add_days, today

	value = 0
	if _reads("EMS Crew Member"):
		value = frappe.db.count(
			"EMS Crew Member",
			{"active": 1, "certificate_expiry": ("<=", add_days(today(), 90))},
		)
	return {"value": value, "fieldtype": "Int"}


def _reads(doctype: str) -> bool:
	return bool(frappe.has_permission(doctype, "read"))


RED_TARGET = RED_TARGET_MINUTES


VILLAGE_LAYER_ROLES = ["EMS Dispatcher", "Executive", "Municipal Admin", "System Manager"]


def village_incident_layer(bbox=None) -> dict:
	"""Map layer "ems_incidents_by_village" (staff with VILLAGE_LAYER_ROLES only, never public): per village,
	the incidents and red cases of the last 12 months at the village's centre – counts only, no person."""
	from nonsaad_smart.smart_core.geo import feature_collection, rows_to_features

	if frappe.session.user == "Guest" or not set(VILLAGE_LAYER_ROLES) & set(frappe.get_roles()):
		frappe.throw(
			_("You are not allowed to see the map layer {0}").format("ems_incidents_by_village"),
			frappe.PermissionError,
		)
	from_date, to_date = metrics.last_twelve_months()
	counts: dict[str, dict] = {}
	inc = frappe.qb.DocType("EMS Incident")
	rows = (
		frappe.qb.from_(inc)
		.select(inc.village, inc.triage)
		.where(inc.village.isnotnull() & (inc.status != "Cancelled") & (inc.call_received >= from_date))
		.run(as_dict=True)
	)
	for row in rows:
		entry = counts.setdefault(row.village, {"incidents": 0, "red_cases": 0})
		entry["incidents"] += 1
		entry["red_cases"] += int(row.triage == "Red")
	villages = frappe.get_all(
		"Village",
		filters=[["name", "in", list(counts) or [""]], *gis.bbox_filters(bbox)],
		fields=["name", "village_no", "village_name", "latitude", "longitude"],
	)
	for v in villages:
		v.update(counts[v.name], title=f"หมู่ {v.village_no} {v.village_name}")
	return feature_collection(
		rows_to_features(villages), layer="ems_incidents_by_village", to_date=str(to_date)
	)
