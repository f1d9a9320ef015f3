"""Smart Care setup (hook nonsaad_setup_steps): the allowance tier table from `seed_data.json`, create-only
through `smart_core.seed` (a rate the Social Welfare Officer corrected or retired is never written again)."""

import json
from pathlib import Path

import frappe

from nonsaad_smart.smart_core.seed import create_once, forget_seeded, seeded_keys

DATA_FILE = Path(__file__).with_name("seed_data.json")
RATE = "Allowance Rate"


def rate_key(row: dict) -> str:
	return f"{RATE}:{row['allowance_kind']}/{row['valid_from_fiscal_year']}/{row['age_from']}"


def setup_care() -> int:
	"""Create the seed rates not seeded before; returns how many were created."""
	log = seeded_keys()
	created = 0
	for row in json.loads(DATA_FILE.read_text())[RATE]:
		filters = {k: row[k] for k in ("allowance_kind", "valid_from_fiscal_year", "age_from")}

		def exists(filters=filters):
			return bool(frappe.db.exists(RATE, filters))

		def create(row=row):
			frappe.get_doc({"doctype": RATE, **row}).insert(ignore_permissions=True)

		created += create_once(rate_key(row), exists, create, log)
	return created


def remove_care_setup() -> None:
	"""Uninstall: forget the seed log of the module (its records are the municipality's data)."""
	forget_seeded(f"{RATE}:")
