"""Dispatch: the rule that must never break, and the nearest-ambulance suggestion.

**One ambulance is never on two active incidents, one crew member never on two ambulances at once.** It is
enforced in the database, not in the form: `dispatch` locks the incident row, then the ambulance row, then
the crew rows (sorted by name: one lock order, no deadlock) with `SELECT … FOR UPDATE`, checks them, and
writes the assignment in the same transaction. A second dispatcher pressing "dispatch" in the same second
waits on the lock, then reads the committed assignment and gets `AmbulanceBusyError` naming the incident
that holds the ambulance (or `CrewBusyError`). `back_in_service` and `stand_down` release with conditional
updates (`… WHERE current_incident = <this incident>`), so a late release never frees another incident's
ambulance.

**Suggestion**: the available ambulances (not out of service) with a valid crew on a shift now, nearest
first by straight-line (great-circle) distance from their last known position to the incident. Estimated
minutes = distance × 1.3 (road factor of the subdistrict's roads) ÷ 50 km/h, plus 1 minute to roll out.
"""

import math
import time

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, flt, get_datetime, now_datetime

from nonsaad_smart.smart_ems.chain import ACTIVE_STATUSES, AMBULANCE_STATUS, AWAITING_DISPATCH
from nonsaad_smart.smart_ems.crew import CrewCertificateError, certificate_problem

ROAD_FACTOR = 1.3
SPEED_KMH = 50
TURNOUT_MINUTES = 1
DISPATCH_ROLES = ("EMS Dispatcher", "Municipal Admin", "System Manager")


class AmbulanceBusyError(frappe.ValidationError):
	pass


class AmbulanceOutOfServiceError(frappe.ValidationError):
	pass


class CrewBusyError(frappe.ValidationError):
	pass


class NoCrewError(frappe.ValidationError):
	pass


class IncidentNotOpenError(frappe.ValidationError):
	pass


def retry_on_deadlock(fn, *args, tries: int = 3):
	"""Run `fn(*args)`; when InnoDB picks this transaction as a deadlock victim (two saves of different
	incidents take gap locks in the same child table), roll back and run it again – InnoDB's own advice.
	The rule itself never depends on it: the row locks decide who wins."""
	for attempt in range(tries):
		try:
			return fn(*args)
		except frappe.QueryDeadlockError:
			frappe.db.rollback()
			if attempt == tries - 1:
				raise
			time.sleep(0.05 * (attempt + 1))


def ensure_dispatcher() -> None:
	if not set(DISPATCH_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only an EMS Dispatcher may dispatch an ambulance"), frappe.PermissionError)


def shift_crew(ambulance: str, at=None) -> list[str]:
	"""The crew on the ambulance's shift at `at` (default now)."""
	at = at or now_datetime()
	shift = frappe.get_all(
		"EMS Shift",
		filters={"ambulance": ambulance, "shift_start": ("<=", at), "shift_end": (">", at)},
		pluck="name",
		order_by="shift_start desc",
		limit=1,
	)
	if not shift:
		return []
	return frappe.get_all(
		"EMS Shift Crew", filters={"parent": shift[0], "parenttype": "EMS Shift"}, pluck="crew_member"
	)


def lock_incident(incident: str):
	"""Lock the incident's own row (its primary key only: `get_doc(for_update=True)` would also lock the
	gaps of its child tables, and two dispatches would deadlock inserting their crew rows), then load it."""
	inc = DocType("EMS Incident")
	if not frappe.qb.from_(inc).select(inc.name).where(inc.name == incident).for_update().run():
		frappe.throw(_("Incident {0} not found").format(incident), frappe.DoesNotExistError)
	return frappe.get_doc("EMS Incident", incident)


def lock_ambulance(ambulance: str) -> dict:
	amb = DocType("Ambulance")
	rows = (
		frappe.qb.from_(amb)
		.select(
			amb.name,
			amb.plate,
			amb.status,
			amb.current_incident,
			amb.check_failed,
			amb.latitude,
			amb.longitude,
		)
		.where(amb.name == ambulance)
		.for_update()
		.run(as_dict=True)
	)
	if not rows:
		frappe.throw(_("Ambulance {0} not found").format(ambulance), frappe.DoesNotExistError)
	return rows[0]


def lock_crew(names: list[str]) -> list[dict]:
	crew = DocType("EMS Crew Member")
	return (
		frappe.qb.from_(crew)
		.select(
			crew.name,
			crew.full_name,
			crew.active,
			crew.certificate_number,
			crew.certificate_expiry,
			crew.current_incident,
		)
		.where(crew.name.isin(sorted(names)))
		.orderby(crew.name)
		.for_update()
		.run(as_dict=True)
	)


def dispatch(incident: str, ambulance: str, crew: list[str] | None = None) -> dict:
	"""Assign `ambulance` (and its shift's crew, or `crew`) to `incident` under row locks; see the module."""
	doc = lock_incident(incident)
	if doc.status != AWAITING_DISPATCH or doc.ambulance:
		frappe.throw(
			_("Incident {0} is already {1} (ambulance {2})").format(
				doc.name, _(doc.status), doc.ambulance or "-"
			),
			IncidentNotOpenError,
		)
	amb = lock_ambulance(ambulance)
	if amb.current_incident or amb.status in ACTIVE_STATUSES:
		frappe.throw(
			_("Ambulance {0} is already on incident {1}").format(amb.plate, amb.current_incident),
			AmbulanceBusyError,
			title=_("Ambulance busy"),
		)
	if amb.status == "Out of Service" or amb.check_failed:
		frappe.throw(
			_("Ambulance {0} is out of service (last vehicle check failed or under repair)").format(
				amb.plate
			),
			AmbulanceOutOfServiceError,
		)
	names = sorted(set(crew or shift_crew(ambulance)))
	if not names:
		frappe.throw(_("Ambulance {0} has no crew on shift now").format(amb.plate), NoCrewError)
	rows = lock_crew(names)
	if len(rows) != len(names):
		frappe.throw(_("Unknown crew member in {0}").format(", ".join(names)), frappe.DoesNotExistError)
	for row in rows:
		problem = certificate_problem(row)
		if problem:
			frappe.throw(problem, CrewCertificateError, title=_("Crew cannot be assigned"))
		if row.current_incident:
			frappe.throw(
				_("{0} is already on incident {1}").format(row.full_name, row.current_incident),
				CrewBusyError,
				title=_("Crew busy"),
			)
	now = now_datetime()
	table = DocType("Ambulance")
	frappe.qb.update(table).set(table.status, AMBULANCE_STATUS["dispatched"]).set(
		table.current_incident, doc.name
	).where(table.name == ambulance).run()
	crew_table = DocType("EMS Crew Member")
	frappe.qb.update(crew_table).set(crew_table.current_incident, doc.name).where(
		crew_table.name.isin(names)
	).run()
	distance = distance_to(amb, doc)
	doc.ambulance = ambulance
	doc.set("crew", [{"crew_member": n} for n in names])
	doc.dispatched = max(now, get_datetime(doc.call_received))
	doc.status = "Dispatched"
	if distance is not None:
		doc.distance_km = round(distance, 1)
		doc.estimated_minutes = estimated_minutes(distance)
	doc.flags.time_chain_update = True
	doc.save(ignore_permissions=True)
	return {"incident": doc.name, "ambulance": ambulance, "crew": names, "dispatched": str(doc.dispatched)}


def set_ambulance_status(ambulance: str, incident: str, status: str) -> None:
	table = DocType("Ambulance")
	frappe.qb.update(table).set(table.status, status).where(
		(table.name == ambulance) & (table.current_incident == incident)
	).run()


def release(incident: str, ambulance: str | None) -> None:
	"""Free the ambulance and crew held by `incident` (only if it still holds them)."""
	if ambulance:
		table = DocType("Ambulance")
		failed = cint(frappe.db.get_value("Ambulance", ambulance, "check_failed"))
		frappe.qb.update(table).set(table.status, "Out of Service" if failed else "Available").set(
			table.current_incident, None
		).where((table.name == ambulance) & (table.current_incident == incident)).run()
	# by primary key (a scan on current_incident would lock every crew row)
	names = frappe.get_all(
		"EMS Incident Crew", filters={"parent": incident, "parenttype": "EMS Incident"}, pluck="crew_member"
	)
	if names:
		crew = DocType("EMS Crew Member")
		frappe.qb.update(crew).set(crew.current_incident, None).where(
			crew.name.isin(names) & (crew.current_incident == incident)
		).run()


def haversine_km(lat1, lng1, lat2, lng2) -> float:
	r = 6371.0088
	p1, p2 = math.radians(flt(lat1)), math.radians(flt(lat2))
	dp, dl = p2 - p1, math.radians(flt(lng2) - flt(lng1))
	a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
	return 2 * r * math.asin(math.sqrt(a))


def incident_point(doc) -> tuple[float, float] | None:
	if doc.get("latitude") and doc.get("longitude"):
		return flt(doc.latitude), flt(doc.longitude)
	if doc.get("village"):
		row = frappe.db.get_value("Village", doc.village, ["latitude", "longitude"], as_dict=True)
		if row and row.latitude and row.longitude:
			return flt(row.latitude), flt(row.longitude)
	return None


def distance_to(amb: dict, doc) -> float | None:
	point = incident_point(doc)
	if not point or not amb.get("latitude") or not amb.get("longitude"):
		return None
	return haversine_km(amb["latitude"], amb["longitude"], *point)


def estimated_minutes(distance_km: float) -> float:
	return round(TURNOUT_MINUTES + distance_km * ROAD_FACTOR / SPEED_KMH * 60, 1)


def suggest(incident: str) -> list[dict]:
	"""Available ambulances with a valid crew on shift now, nearest first (see the module docstring)."""
	doc = frappe.get_doc("EMS Incident", incident)
	rows = frappe.get_all(
		"Ambulance",
		filters={"status": "Available", "check_failed": 0},
		fields=["name", "plate", "ambulance_type", "latitude", "longitude"],
	)
	suggestions = []
	for amb in rows:
		names = shift_crew(amb.name)
		if not names:
			continue
		crew = frappe.get_all(
			"EMS Crew Member",
			filters={"name": ("in", names)},
			fields=[
				"name",
				"full_name",
				"level",
				"active",
				"certificate_number",
				"certificate_expiry",
				"current_incident",
			],
		)
		if any(certificate_problem(c) or c.current_incident for c in crew):
			continue
		distance = distance_to(amb, doc)
		suggestions.append(
			{
				"ambulance": amb.name,
				"plate": amb.plate,
				"ambulance_type": amb.ambulance_type,
				"crew": [{"name": c.name, "full_name": c.full_name, "level": c.level} for c in crew],
				"distance_km": None if distance is None else round(distance, 1),
				"estimated_minutes": None if distance is None else estimated_minutes(distance),
			}
		)
	suggestions.sort(key=lambda s: (s["distance_km"] is None, s["distance_km"] or 0))
	return suggestions
