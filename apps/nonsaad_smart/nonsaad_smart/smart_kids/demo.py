"""Demo loader of Smart Kids (hook nonsaad_demo_loaders): fixtures/kids.json → 4 centres, 25 staff (demo
citizens), trainings over two fiscal years, certificates (dates relative to the load day, so some always
expire soon) and submitted evaluations. Idempotent: keyed by centre code, citizen and certificate number."""

import json
import time
from pathlib import Path

import frappe
from frappe.utils import add_days, today

from nonsaad_smart.smart_kids.setup import setup_kids


def load(path: Path) -> None:
	file = Path(path) / "kids.json"
	if not file.exists():
		return
	data = json.loads(file.read_text())
	started = time.monotonic()
	setup_kids()
	villages = {v.village_no: v.name for v in frappe.get_all("Village", fields=["name", "village_no"])}
	for row in data["centres"]:
		load_centre(row, villages)
	staff = {row["key"]: load_staff(row) for row in data["staff"]}
	set_heads(data["staff"], staff)
	for row in data["trainings"]:
		load_training(row, staff)
	for row in data["certificates"]:
		load_certificate(row, staff)
	for row in data["evaluations"]:
		load_evaluation(row)
	print(f"smart_kids demo: {len(staff)} staff loaded in {time.monotonic() - started:.1f} s")


def load_centre(row: dict, villages: dict) -> None:
	if frappe.db.exists("Child Development Centre", row["code"]):
		return
	values = {k: v for k, v in row.items() if k not in ("village_no", "enrolment")}
	doc = frappe.get_doc(
		{"doctype": "Child Development Centre", **values, "village": villages[row["village_no"]]}
	)
	for line in row["enrolment"]:
		doc.append("enrolment", line)
	doc.insert(ignore_permissions=True)


def load_staff(row: dict) -> str:
	citizen = frappe.db.get_value("Citizen", {"national_id": row["national_id"]})
	name = frappe.db.get_value("Centre Staff", {"citizen": citizen})
	if name:
		return name
	values = {k: v for k, v in row.items() if k not in ("key", "national_id")}
	if values.get("user") and not frappe.db.exists("User", values["user"]):
		values.pop("user")
	doc = frappe.get_doc({"doctype": "Centre Staff", **values, "citizen": citizen})
	doc.insert(ignore_permissions=True)
	return doc.name


def set_heads(rows: list[dict], staff: dict) -> None:
	for row in rows:
		if row["position"] != "Head of Centre":
			continue
		centre = frappe.get_doc("Child Development Centre", row["centre"])
		if centre.head != staff[row["key"]]:
			centre.head = staff[row["key"]]
			centre.save(ignore_permissions=True)


def load_training(row: dict, staff: dict) -> None:
	values = {**row, "staff": staff[row["staff"]]}
	if frappe.db.exists("Staff Training", {k: values[k] for k in ("staff", "course", "start_date")}):
		return
	frappe.get_doc({"doctype": "Staff Training", **values}).insert(ignore_permissions=True)


def load_certificate(row: dict, staff: dict) -> None:
	if frappe.db.exists(
		"Staff Certificate", {"kind": row["kind"], "certificate_number": row["certificate_number"]}
	):
		return
	frappe.get_doc(
		{
			"doctype": "Staff Certificate",
			"staff": staff[row["staff"]],
			"kind": row["kind"],
			"certificate_number": row["certificate_number"],
			"issued_on": add_days(today(), -row["issued_days_ago"]),
			"expires_on": add_days(today(), row["expires_in_days"]),
		}
	).insert(ignore_permissions=True)


def load_evaluation(row: dict) -> None:
	from nonsaad_smart.smart_core.thai_date import fiscal_year

	if frappe.db.exists(
		"Centre Evaluation",
		{"centre": row["centre"], "fiscal_year": fiscal_year(row["evaluation_date"]), "docstatus": 1},
	):
		return
	doc = frappe.get_doc(
		{
			"doctype": "Centre Evaluation",
			"centre": row["centre"],
			"evaluation_date": row["evaluation_date"],
			"evaluator": row["evaluator"],
			"scores": [{"indicator": code, "score": score} for code, score in row["scores"].items()],
		}
	)
	doc.insert(ignore_permissions=True)
	doc.submit()
