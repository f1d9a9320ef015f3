"""Smart EMS setup (hook nonsaad_setup_steps): the vehicle check list (EMS Check Item) and the chief
complaints (close to the national criteria-based dispatch codes) from `seed_data.json`. Create-only through
`smart_core.seed`: an item the unit renamed, disabled or deleted is never written again on migrate."""

import json
from pathlib import Path

import frappe

from nonsaad_smart.smart_core.seed import create_once, forget_seeded, seeded_keys

DATA_FILE = Path(__file__).with_name("seed_data.json")
KEYS = {"EMS Check Item": "item_name", "Chief Complaint": "code"}


def setup_ems() -> int:
	"""Create the seed rows not seeded before; returns how many were created."""
	data = json.loads(DATA_FILE.read_text())
	log = seeded_keys()
	created = 0
	for doctype, rows in data.items():
		field = KEYS[doctype]
		for row in rows:

			def exists(doctype=doctype, field=field, row=row):
				return bool(frappe.db.exists(doctype, {field: row[field]}))

			def create(doctype=doctype, row=row):
				frappe.get_doc({"doctype": doctype, **row}).insert(ignore_permissions=True)

			created += create_once(f"{doctype}:{row[field]}", exists, create, log)
	return created


def remove_ems_setup() -> None:
	"""Uninstall: forget the seed log of the module (its records are the unit's data)."""
	for doctype in KEYS:
		forget_seeded(f"{doctype}:")
