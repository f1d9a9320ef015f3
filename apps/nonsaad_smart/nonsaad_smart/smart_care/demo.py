"""Demo loader of Smart Care (hook nonsaad_demo_loaders): fixtures/care.json → 160 care persons (demo
citizens), allowance registrations over this and last fiscal year, ADL history, care plans, home visits
and the completed payment runs of the past 14 months.

Fast: persons and plans go through their controllers (insert); registrations, ADL assessments and visits
are validated by their controllers (`validate`) and then written in bulk (no workflow replay);
payment runs use the run's own bulk job. Idempotent: every stage is skipped when its rows exist."""

import json
import time
from pathlib import Path

import frappe
from frappe.utils import add_days, add_months, get_datetime, getdate, today

from nonsaad_smart.smart_care import workflows as wf
from nonsaad_smart.smart_care.doctype.adl_assessment.adl_assessment import update_person_group
from nonsaad_smart.smart_care.payment_run import execute_run, run_key
from nonsaad_smart.smart_care.rules import first_of_month, scores_for_total
from nonsaad_smart.smart_care.setup import setup_care
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
	fields = list(docs[0].get_valid_dict(convert_dates_to_str=True).keys())
	values = [tuple(doc.get_valid_dict(convert_dates_to_str=True).get(f) for f in fields) for doc in docs]
	frappe.db.bulk_insert(docs[0].doctype, fields, values, chunk_size=1000)


def load(path: Path) -> None:
	file = Path(path) / "care.json"
	if not file.exists():
		return
	data = json.loads(file.read_text())
	started = time.monotonic()
	setup_care()
	load_users(Path(path), data["users"])
	persons = load_persons(data["persons"])
	if not frappe.db.count("Allowance Registration"):
		load_registrations(data["registrations"], persons)
	if not frappe.db.count("ADL Assessment"):
		load_adl(data["adl"], persons)
	if not frappe.db.count("Care Plan"):
		load_plans(data["plans"], persons)
	if not frappe.db.count("Home Visit"):
		load_visits(data["visits"], persons)
	load_payment_runs(data["payment_months_ago"])
	print(f"smart_care demo: {len(persons)} care persons loaded in {time.monotonic() - started:.1f} s")


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
				}
			)
			user.flags.no_welcome_mail = True
			user.insert(ignore_permissions=True)
			user.add_roles(*row["roles"])
			if password:
				update_password(row["email"], password)


def load_persons(rows: list[dict]) -> dict[str, str]:
	citizens = dict(frappe.get_all("Citizen", fields=["national_id", "name"], as_list=True))
	existing = dict(frappe.get_all("Care Person", fields=["citizen", "name"], as_list=True))
	users = set(frappe.get_all("User", pluck="name"))
	persons = {}
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
		doc.insert(ignore_permissions=True)
		persons[row["national_id"]] = doc.name
	return persons


def load_registrations(rows: list[dict], persons: dict) -> None:
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
	for person in touched:
		update_person_group(person)


def load_plans(rows: list[dict], persons: dict) -> None:
	for row in rows:
		person = persons.get(row["national_id"])
		if not person:
			continue
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
		).insert(ignore_permissions=True)


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
