"""Smart Kids setup: the national standard's indicators, the staff ratio rules and the training-hour
targets, from `setup_data.json`. Create-only: a row that exists (by its natural key) is left as the
Education Officer edited it, so `bench migrate` never undoes an edit."""

import json
from pathlib import Path

import frappe

DATA_FILE = Path(__file__).with_name("setup_data.json")
KEYS = {
	"ECD Standard Indicator": ("code",),
	"Staff Ratio Rule": ("age_group",),
	"Training Hour Target": ("fiscal_year", "position"),
}


def setup_kids() -> int:
	"""Create the seed rows that do not exist yet; returns how many were created."""
	data = json.loads(DATA_FILE.read_text())
	created = 0
	for doctype, rows in data.items():
		for row in rows:
			key = {field: row.get(field) or ["is", "not set"] for field in KEYS[doctype]}
			if frappe.db.exists(doctype, key):
				continue
			frappe.get_doc({"doctype": doctype, **row}).insert(ignore_permissions=True)
			created += 1
	return created
