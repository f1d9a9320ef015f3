"""Demo loader of Smart Care (hook nonsaad_demo_loaders): fixtures/care.json → 160 care persons (demo
citizens), allowance registrations over this and last fiscal year, ADL history, care plans, home visits
and the completed payment runs of the past 14 months.

Fast: every row is checked by its controller and then written in bulk – care persons and care plans through
`smart_core.bulk.insert_checked` (everything `insert` checks, then one multi-row INSERT per table; what a
plan's on_update does, its care manager becoming the person's, is one UPDATE here), registrations, ADL
assessments and visits validated by their controllers (`validate`) and written in bulk (no workflow
replay), the persons' ADL group from their latest assessment in one UPDATE; payment runs use the run's own
bulk job. Nothing is mailed or notified (the demo framework mutes e-mails; no document event runs after a
bulk write). The time of each stage is printed. Idempotent: every stage is skipped when its rows exist."""

import functools
import json
import time
from contextlib import contextmanager
from pathlib import Path

import frappe
from frappe.utils import add_days, add_months, get_datetime, getdate, today

from nonsaad_smart.smart_care import workflows as wf
from nonsaad_smart.smart_care.payment_run import execute_run, run_key
from nonsaad_smart.smart_care.rules import first_of_month, scores_for_total
from nonsaad_smart.smart_care.setup import setup_care
from nonsaad_smart.smart_core.bulk import insert_checked
from nonsaad_smart.smart_core.thai_date import fiscal_year

SUBMITTED = (wf.APPROVED, wf.ACTIVE, wf.SUSPENDED, wf.ENDED)


def bulk_insert(docs: list) -> None:
	"""Write documents their controllers have validated, in one multi-row INSERT per 1 000."""
	if not docs:
		return
	now = frappe.utils.now()
	for doc in docs:
		doc.creation = doc.modified = now
		doc.owner = doc.owner or frappe.session.user
		doc.modified_by = doc.owner
	rows = [doc.get_valid_dict(convert_dates_to_str=True) for doc in docs]  # once per document
	fields = list(rows[0])
	values = [tuple(row.get(f) for f in fields) for row in rows]
	frappe.db.bulk_insert(docs[0].doctype, fields, values, chunk_size=1000)


def load(path: Path) -> None:
	file = Path(path) / "care.json"
	if not file.exists():
		return
	data = json.loads(file.read_text())
	started = time.monotonic()
	stages = []

	def stage(label, fn, *args):
		begun = time.monotonic()
		result = fn(*args)
		stages.append(f"{label} {time.monotonic() - begun:.1f} s")
		return result

	stage("setup", setup_care)
	stage("users", load_users, Path(path), data["users"])
	persons = stage("persons", load_persons, data["persons"])
	if not frappe.db.count("Allowance Registration"):
		stage("registrations", load_registrations, data["registrations"], persons)
	if not frappe.db.count("ADL Assessment"):
		stage("ADL", load_adl, data["adl"], persons)
	if not frappe.db.count("Care Plan"):
		stage("plans", load_plans, data["plans"], persons)
	if not frappe.db.count("Home Visit"):
		stage("visits", load_visits, data["visits"], persons)
	stage("payment runs", load_payment_runs, data["payment_months_ago"])
	print(
		f"smart_care demo: {len(persons)} care persons loaded in {time.monotonic() - started:.1f} s"
		f" ({', '.join(stages)})"
	)


def load_users(path: Path, rows: list[dict]) -> None:
	from frappe.utils.password import update_password

	users = json.loads((path / "users.json").read_text()) if (path / "users.json").exists() else []
	password = next((u["password"] for u in users if u["email"] == "caregiver@nonsaad.test"), None)
	for row in rows:
		if not frappe.db.exists("User", row["email"]):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": row["email"],
					"first_name": row["first_name"],
					"language": "th",
					"send_welcome_email": 0,
					"user_type": "System User",
					"default_workspace": "Smart Care",
					"roles": [{"role": role} for role in row["roles"]],  # one save, not insert + add_roles
				}
			)
			user.flags.no_welcome_mail = True
			user.insert(ignore_permissions=True)
			if password:
				update_password(row["email"], password)


def load_persons(rows: list[dict]) -> dict[str, str]:
	citizens = dict(frappe.get_all("Citizen", fields=["national_id", "name"], as_list=True))
	existing = dict(frappe.get_all("Care Person", fields=["citizen", "name"], as_list=True))
	users = set(frappe.get_all("User", pluck="name"))
	persons, new = {}, []
	for row in rows:
		citizen = citizens.get(row["national_id"])
		if not citizen:
			continue
		if citizen in existing:
			persons[row["national_id"]] = existing[citizen]
			continue
		values = {
			k: v
			for k, v in row.items()
			if k not in ("national_id", "consent_days_ago", "disability_card_expiry_days", "caregivers")
		}
		values["consent_date"] = add_days(today(), -row["consent_days_ago"])
		if row.get("disability_card_expiry_days"):
			values["disability_card_expiry"] = add_days(today(), row["disability_card_expiry_days"])
		if values.get("care_manager") not in users:
			values.pop("care_manager", None)
		doc = frappe.get_doc(
			{
				"doctype": "Care Person",
				"citizen": citizen,
				**values,
				"caregivers": [{"user": u} for u in row["caregivers"] if u in users],
			}
		)
		new.append((row["national_id"], doc))
	insert_checked([doc for _national_id, doc in new])
	persons.update({national_id: doc.name for national_id, doc in new})
	return persons


@contextmanager
def rate_table_read_once():
	"""While the demo's registrations are validated, the rate table (which nothing changes meanwhile) is
	read once per kind and fiscal year instead of twice per registration."""
	from nonsaad_smart.smart_care import allowance

	framework = allowance.rates_in_force
	allowance.rates_in_force = functools.lru_cache(maxsize=None)(framework)
	try:
		yield
	finally:
		allowance.rates_in_force = framework


def load_registrations(rows: list[dict], persons: dict) -> None:
	with rate_table_read_once():
		_load_registrations(rows, persons)


def _load_registrations(rows: list[dict], persons: dict) -> None:
	current = fiscal_year(today())
	docs, keys = [], set()
	for row in rows:
		person = persons.get(row["national_id"])
		if not person:
			continue
		fy = current + row["fy_offset"]
		state = row["state"]
		start = add_days(getdate(f"{fy - 544}-10-01"), -30)
		doc = frappe.get_doc(
			{
				"doctype": "Allowance Registration",
				"care_person": person,
				"allowance_kind": row["allowance_kind"],
				"fiscal_year": fy,
				"application_date": start,
				"workflow_state": state,
				"docstatus": 1 if state in SUBMITTED else 0,
			}
		)
		try:
			doc.run_method("validate")
		except frappe.ValidationError:
			frappe.clear_last_message()
			continue  # e.g. not 60 yet in last fiscal year
		if state != wf.APPLIED:
			doc.verified_by, doc.verified_on = "welfare@nonsaad.test", add_days(start, 7)
		if state in SUBMITTED:
			doc.approved_by, doc.approved_on = "mayor@nonsaad.test", add_days(start, 14)
			doc.active_from = add_days(start, 30)
		if state == wf.SUSPENDED:
			doc.end_reason, doc.end_date = "Other", add_days(today(), -20)
			doc.end_note = "ระงับชั่วคราวระหว่างตรวจสอบสิทธิ์ซ้ำซ้อน"
		if doc.active_key:
			if doc.active_key in keys:
				continue  # the controller's one-active check cannot see the rows not written yet
			keys.add(doc.active_key)
		doc.set_new_name()
		doc.owner = "welfare@nonsaad.test"
		docs.append(doc)
	bulk_insert(docs)


def load_adl(rows: list[dict], persons: dict) -> None:
	touched, docs = set(), []
	for row in rows:
		person = persons.get(row["national_id"])
		if not person:
			continue
		doc = frappe.get_doc(
			{
				"doctype": "ADL Assessment",
				"care_person": person,
				"assessment_date": add_days(today(), -row["days_ago"]),
				"assessor": "caremanager@nonsaad.test",
				**scores_for_total(row["total"]),
			}
		)
		doc.run_method("validate")
		doc.set_new_name()
		docs.append(doc)
		touched.add(person)
	bulk_insert(docs)
	set_adl_groups(touched)


def set_adl_groups(persons: set[str]) -> None:
	"""What each new assessment's on_update does (adl_assessment.update_person_group), for all at once:
	a person's ADL group and date are those of their latest assessment."""
	if not persons:
		return
	frappe.db.sql(
		"""update `tabCare Person` p join (
			select a.care_person, a.adl_group, a.assessment_date from `tabADL Assessment` a
			where a.name = (select b.name from `tabADL Assessment` b where b.care_person = a.care_person
				order by b.assessment_date desc, b.creation desc limit 1)
		) latest on latest.care_person = p.name
		set p.adl_group = latest.adl_group, p.last_adl_date = latest.assessment_date
		where p.name in %(persons)s""",
		{"persons": tuple(persons)},
	)


def load_plans(rows: list[dict], persons: dict) -> None:
	docs, seen = [], set()
	for row in rows:
		person = persons.get(row["national_id"])
		if not person or person in seen:
			continue  # one active plan per person (the check cannot see the rows not written yet)
		seen.add(person)
		docs.append(
			frappe.get_doc(
				{
					"doctype": "Care Plan",
					"care_person": person,
					"start_date": add_days(today(), -row["start_days_ago"]),
					"review_date": add_days(today(), 180 - row["start_days_ago"]),
					"goals": row["goals"],
					"services": row["services"],
					"care_manager": row["care_manager"],
				}
			)
		)
	insert_checked(docs)
	# a plan's on_update: its team becomes the person's (its caregivers are the person's, copied in
	# validate; the care manager is the plan's)
	frappe.db.sql(
		"""update `tabCare Person` p join `tabCare Plan` c on c.care_person = p.name and c.status = 'Active'
		set p.care_manager = c.care_manager
		where c.name in %(plans)s and ifnull(p.care_manager, '') != ifnull(c.care_manager, '')""",
		{"plans": tuple(doc.name for doc in docs) or ("",)},
	)


def load_visits(rows: list[dict], persons: dict) -> None:
	docs = []
	location = {
		p.name: (p.latitude, p.longitude)
		for p in frappe.get_all("Care Person", fields=["name", "latitude", "longitude"])
	}
	for row in rows:
		person = persons.get(row["national_id"])
		if not person:
			continue
		check_in = get_datetime(f"{add_days(today(), -row['days_ago'])} {row['hour']:02d}:15:00")
		lat, lng = location.get(person) or (None, None)
		values = {
			k: row[k]
			for k in (
				"caregiver",
				"bp_systolic",
				"bp_diastolic",
				"pulse",
				"temperature",
				"blood_sugar",
				"notes",
			)
		}
		doc = frappe.get_doc(
			{
				"doctype": "Home Visit",
				"care_person": person,
				"check_in_time": check_in,
				"latitude": lat,
				"longitude": lng,
				"next_visit": add_days(check_in.date(), row["next_in_days"]),
				**values,
			}
		)
		doc.run_method("validate")
		doc.set_new_name()
		doc.owner = row["caregiver"]
		docs.append(doc)
	bulk_insert(docs)
	frappe.db.sql(
		"""update `tabCare Person` p join (select care_person, max(check_in_time) as last
			from `tabHome Visit` group by care_person) v on v.care_person = p.name
		set p.last_visit_on = v.last"""
	)


def load_payment_runs(months_ago: list[int]) -> None:
	current = fiscal_year(today())
	for offset in months_ago:
		month = first_of_month(add_months(today(), -offset))
		if fiscal_year(month) < current - 1:
			continue
		for kind in ("Elderly Allowance", "Disability Allowance"):
			if frappe.db.exists("Allowance Payment Run", {"run_key": run_key(month, kind)}):
				continue
			run = frappe.get_doc(
				{
					"doctype": "Allowance Payment Run",
					"month": month,
					"allowance_kind": kind,
					"payment_date": add_days(month, 9),
				}
			).insert(ignore_permissions=True)
			execute_run(run.name, run_by="welfare@nonsaad.test", commit=False)
