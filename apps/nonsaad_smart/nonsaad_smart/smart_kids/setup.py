"""Smart Kids setup (hook nonsaad_setup_steps): the national standard's indicators, the staff ratio rules
and the training-hour targets, from `setup_data.json`. Create-only through `smart_core.seed`: a row seeded
once is never created or updated again, so the Education Officer's edits (a new ratio, a disabled
indicator, a deleted target) survive `bench migrate`."""

import json
from pathlib import Path

import frappe

from nonsaad_smart.smart_core.seed import create_once, seeded_keys

DATA_FILE = Path(__file__).with_name("setup_data.json")
KEYS = {
	"ECD Standard Indicator": ("code",),
	"Staff Ratio Rule": ("age_group",),
	"Training Hour Target": ("fiscal_year", "position"),
}


def setup_kids() -> int:
	"""Create the seed rows not seeded before; returns how many were created."""
	data = json.loads(DATA_FILE.read_text())
	log = seeded_keys()
	created = 0
	for doctype, rows in data.items():
		for row in rows:
			filters = {field: row.get(field) or ["is", "not set"] for field in KEYS[doctype]}
			key = f"{doctype}:" + "/".join(str(row.get(field) or "") for field in KEYS[doctype])

			def exists(doctype=doctype, filters=filters):
				return bool(frappe.db.exists(doctype, filters))

			def create(doctype=doctype, row=row):
				frappe.get_doc({"doctype": doctype, **row}).insert(ignore_permissions=True)

			created += create_once(key, exists, create, log)
	return created


def remove_kids_setup() -> None:
	"""Uninstall: forget the seed log of the module (its records are the municipality's data)."""
	from nonsaad_smart.smart_core.seed import forget_seeded

	for doctype in KEYS:
		forget_seeded(f"{doctype}:")
