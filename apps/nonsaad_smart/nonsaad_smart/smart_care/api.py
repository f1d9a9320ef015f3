"""Public API of Smart Care: the only names other modules (and hooks.py) use.

- `vulnerable_homes_layer(bbox=None)`: GeoJSON of the homes of bedbound and homebound persons for Smart
  EMS's dispatch map (map layer "vulnerable_homes", contract 4). Served to EMS Dispatcher, EMS Crew,
  Social Welfare Officer and Care Manager (the method checks the roles itself); properties are the ADL
  group, village, house number and the person's first name only: never ID, phone or health detail.
- `adl_village_layer(bbox=None)`: staff map layer "care_adl_by_village", persons per ADL group per village,
  counted through `frappe.get_list` (each user's row rules: a caregiver counts only their persons).
- `VULNERABLE_GROUPS`: the ADL groups EMS treats as vulnerable.
- `allowance_counts()`: open dataset "allowance-counts" (per village and month, never per person).
- `overview_*`: figures for the executive overview.
"""

import frappe
from frappe import _

from nonsaad_smart.smart_care.rules import BEDBOUND, HOMEBOUND, SOCIAL, VULNERABLE_GROUPS
from nonsaad_smart.smart_core.geo import feature_collection, rows_to_features
from nonsaad_smart.smart_core.gis import bbox_filters

__all__ = [
	"VULNERABLE_GROUPS",
	"VULNERABLE_HOMES_ROLES",
	"adl_village_layer",
	"allowance_counts",
	"overview_visits_on_time",
	"own_allowance",
	"vulnerable_homes_layer",
]

VULNERABLE_HOMES_ROLES = (
	"EMS Dispatcher",
	"EMS Crew",
	"Social Welfare Officer",
	"Care Manager",
	"System Manager",
)


def vulnerable_homes_layer(bbox=None) -> dict:
	"""Homes of active bedbound/homebound persons (minimal data, for the roles above only)."""
	if frappe.session.user != "Administrator" and not set(frappe.get_roles()) & set(VULNERABLE_HOMES_ROLES):
		frappe.throw(
			_("You are not allowed to see the map layer {0}").format("vulnerable_homes"),
			frappe.PermissionError,
		)
	rows = frappe.get_all(
		"Care Person",
		filters=[
			["adl_group", "in", VULNERABLE_GROUPS],
			["status", "=", "Active"],
			["latitude", "is", "set"],
			*bbox_filters(bbox),
		],
		fields=["first_name", "adl_group", "village", "house_no", "latitude", "longitude"],
		order_by="village asc, house_no asc",
	)
	for row in rows:
		row["title"] = f"{row.first_name} ({_(row.adl_group)})"
	return feature_collection(rows_to_features(rows), layer="vulnerable_homes")


def adl_village_layer(bbox=None) -> dict:
	"""Per village: active persons by ADL group (the user's readable persons only), at the village centre."""
	counts = frappe.get_list(
		"Care Person",
		filters={"status": "Active"},
		fields=["village", "adl_group", "count(name) as persons"],
		group_by="village, adl_group",
		limit=0,
	)
	by_village: dict[str, dict] = {}
	for row in counts:
		if not row.village:
			continue
		entry = by_village.setdefault(row.village, {SOCIAL: 0, HOMEBOUND: 0, BEDBOUND: 0, "Not assessed": 0})
		entry[row.adl_group or "Not assessed"] = entry.get(row.adl_group or "Not assessed", 0) + row.persons
	if not by_village:
		return feature_collection([], layer="care_adl_by_village")
	villages = frappe.get_all(
		"Village",
		filters=[["name", "in", list(by_village)], *bbox_filters(bbox)],
		fields=["name", "village_no", "village_name", "latitude", "longitude"],
	)
	rows = []
	for v in villages:
		entry = by_village[v.name]
		rows.append(
			{
				"name": v.name,
				"doctype": "Village",
				"title": f"หมู่ {v.village_no} {v.village_name}",
				"latitude": v.latitude,
				"longitude": v.longitude,
				"social": entry[SOCIAL],
				"homebound": entry[HOMEBOUND],
				"bedbound": entry[BEDBOUND],
				"not_assessed": entry["Not assessed"],
				"dominant": BEDBOUND if entry[BEDBOUND] else (HOMEBOUND if entry[HOMEBOUND] else SOCIAL),
			}
		)
	return feature_collection(rows_to_features(rows), layer="care_adl_by_village")


def allowance_counts() -> list[dict]:
	"""Open dataset: persons paid and baht paid per village, month and allowance kind (completed runs)."""
	rows = frappe.db.sql(
		"""
		select v.village_no, v.village_name, date_format(l.month, %(month_format)s) as month, l.allowance_kind,
			count(*) as persons, sum(l.amount) as amount
		from `tabAllowance Payment Line` l
		join `tabAllowance Payment Run` r on r.name = l.payment_run and r.status = 'Completed'
		left join `tabVillage` v on v.name = l.village
		group by v.village_no, v.village_name, month, l.allowance_kind
		order by month, v.village_no, l.allowance_kind
		""",
		{"month_format": "%Y-%m"},
		as_dict=True,
	)
	return [
		{
			"village": f"หมู่ {r.village_no} {r.village_name}" if r.village_no else "",
			"month": r.month,
			"allowance_kind": r.allowance_kind,
			"persons": int(r.persons),
			"amount": float(r.amount or 0),
		}
		for r in rows
	]


def overview_visits_on_time(from_date, to_date) -> float:
	"""% of homebound/bedbound persons with an active plan whose visits are not overdue on `to_date`."""
	from nonsaad_smart.smart_care.visits import overdue_visits

	planned = frappe.db.count("Care Plan", {"status": "Active", "adl_group": ("in", VULNERABLE_GROUPS)})
	if not planned:
		return 100.0
	return round(100.0 * (planned - len(overdue_visits(to_date))) / planned, 1)


def own_allowance(user: str) -> frappe._dict | None:
	"""The website user's own allowance record (the /my-allowance page): their registrations' status and
	their payments, found through the Citizen linked to the user; nobody else's rows are ever read."""
	if not user or user == "Guest":
		return None
	citizen = frappe.db.get_value("Citizen", {"user": user}, "name")
	person = citizen and frappe.db.get_value(
		"Care Person",
		{"citizen": citizen},
		["name", "full_name", "kind", "bank", "bank_account_masked"],
		as_dict=True,
	)
	if not person:
		return None
	person.registrations = frappe.get_all(
		"Allowance Registration",
		filters={"care_person": person.name, "docstatus": ("<", 2)},
		fields=[
			"name",
			"allowance_kind",
			"fiscal_year",
			"tier",
			"monthly_amount",
			"workflow_state",
			"application_date",
		],
		order_by="fiscal_year desc, allowance_kind asc",
	)
	line = frappe.qb.DocType("Allowance Payment Line")
	run = frappe.qb.DocType("Allowance Payment Run")
	person.payments = (
		frappe.qb.from_(line)
		.join(run)
		.on(run.name == line.payment_run)
		.select(
			line.month,
			line.allowance_kind,
			line.amount,
			line.bank,
			line.bank_account_masked,
			run.payment_date,
		)
		.where((line.care_person == person.name) & (run.status == "Completed"))
		.orderby(line.month, order=frappe.qb.desc)
		.limit(36)
		.run(as_dict=True)
	)
	return person


# --- workspace number cards (whitelisted: each counts through get_list, the user's own rows) ----------------
@frappe.whitelist()
def active_registrations_card() -> dict:
	from nonsaad_smart.smart_core.reporting import check_dashboard_reader
	from nonsaad_smart.smart_core.thai_date import fiscal_year

	check_dashboard_reader("Allowance Registration")
	count = frappe.get_list(
		"Allowance Registration",
		filters={
			"workflow_state": "Active",
			"docstatus": 1,
			"fiscal_year": fiscal_year(frappe.utils.today()),
		},
		fields=["count(name) as n"],
	)[0].n
	return {"value": count, "fieldtype": "Int", "route": ["List", "Allowance Registration"]}


@frappe.whitelist()
def payment_run_card() -> dict:
	"""Persons paid by this month's completed runs (0 until a run of this month completes)."""
	from nonsaad_smart.smart_care.rules import first_of_month
	from nonsaad_smart.smart_core.reporting import check_dashboard_reader

	check_dashboard_reader("Allowance Payment Run")
	runs = frappe.get_list(
		"Allowance Payment Run",
		filters={"month": first_of_month(frappe.utils.today()), "status": "Completed"},
		fields=["sum(line_count) as n"],
	)
	return {
		"value": (runs[0].n if runs else 0) or 0,
		"fieldtype": "Int",
		"route": ["List", "Allowance Payment Run"],
	}


@frappe.whitelist()
def overdue_visits_card() -> dict:
	from nonsaad_smart.smart_care.visits import overdue_visits
	from nonsaad_smart.smart_core.reporting import check_dashboard_reader

	check_dashboard_reader("Care Person")
	readable = frappe.get_list("Care Person", pluck="name", limit=0)
	return {
		"value": len(overdue_visits(persons=readable)),
		"fieldtype": "Int",
		"route": ["query-report", "Overdue Home Visits"],
	}


@frappe.whitelist()
def bedbound_card() -> dict:
	from nonsaad_smart.smart_core.reporting import check_dashboard_reader

	check_dashboard_reader("Care Person")
	count = frappe.get_list(
		"Care Person", filters={"adl_group": BEDBOUND, "status": "Active"}, fields=["count(name) as n"]
	)[0].n
	return {"value": count, "fieldtype": "Int", "route": ["List", "Care Person", {"adl_group": BEDBOUND}]}
