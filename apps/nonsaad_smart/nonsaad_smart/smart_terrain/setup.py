"""Smart Terrain setup (hook nonsaad_setup_steps): unit rates and treatment rules from `seed_data.json`.
Create-only through `smart_core.seed`: a row seeded once is never created or updated again, so the Public
Works Officer's edits (a new price, a changed PASER band) survive `bench migrate`."""

import json
from pathlib import Path

import frappe

from nonsaad_smart.smart_core.seed import create_once, forget_seeded, seeded_keys

DATA_FILE = Path(__file__).with_name("seed_data.json")
KEYS = {"Unit Rate": "work_item", "Treatment Rule": "treatment"}


def setup_terrain() -> int:
	"""Create the seed rows not seeded before (unit rates first: rules link them); returns how many."""
	data = json.loads(DATA_FILE.read_text())
	log = seeded_keys()
	created = 0
	for doctype, key_field in KEYS.items():
		for row in data[doctype]:
			name = row[key_field]

			def exists(doctype=doctype, name=name):
				return bool(frappe.db.exists(doctype, name))

			def create(doctype=doctype, row=row):
				frappe.get_doc({"doctype": doctype, **row}).insert(ignore_permissions=True)

			created += create_once(f"{doctype}:{name}", exists, create, log)
	return created


def remove_terrain_setup() -> None:
	"""Uninstall: forget the seed log of the module (its records are the municipality's data)."""
	for doctype in KEYS:
		forget_seeded(f"{doctype}:")
