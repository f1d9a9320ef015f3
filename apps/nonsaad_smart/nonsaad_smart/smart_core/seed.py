"""Create-only seeding: setup steps create their records once; what officers change later stays.

A seeded record is remembered under a key (e.g. ``Location:ห้องกองคลัง``) in a log of seeded keys
(DefaultValue rows of the parent ``__nonsaad_seed``). On the next install/migrate a key in the log is
skipped, whether the record still exists as seeded, was edited (a corrected coordinate), renamed (a
category) or deleted (a removed permission): the seed never writes over an officer's decision. A record
that already existed before the log (a site set up by an older version) is logged, not touched.
"""

from collections.abc import Callable

import frappe
from frappe.query_builder import DocType

SEED_PARENT = "__nonsaad_seed"


def seeded_keys() -> set[str]:
	dv = DocType("DefaultValue")
	return set(frappe.qb.from_(dv).select(dv.defkey).where(dv.parent == SEED_PARENT).run(pluck=True))


def mark_seeded(key: str) -> None:
	frappe.get_doc(
		{"doctype": "DefaultValue", "parent": SEED_PARENT, "parenttype": None, "defkey": key, "defvalue": "1"}
	).db_insert()


def create_once(key: str, exists: Callable[[], bool], create: Callable[[], object], log=None) -> bool:
	"""Run `create()` unless `key` was seeded before or `exists()`; True when it created the record.

	`log` is the set from `seeded_keys()` when a step seeds many records (one query instead of one each).
	"""
	log = seeded_keys() if log is None else log
	if key in log:
		return False
	created = False
	if not exists():
		create()
		created = True
	mark_seeded(key)
	log.add(key)
	return created


def create_records(records: list[dict], key_field: str = "name", log=None) -> list[str]:
	"""Insert documents (dicts with "doctype") create-only, keyed by `<doctype>:<key_field value>`.

	Like `frappe.desk.page.setup_wizard.setup_wizard.make_records`, but a record that was seeded once is
	never created again (nor updated). With key_field "name" the record's "name" is the expected name of
	the document (its naming rule makes it; it is not passed to insert). Returns the names created.
	"""
	log = seeded_keys() if log is None else log
	created = []
	for record in records:
		record = dict(record)
		value = record.pop("name") if key_field == "name" else record.get(key_field)
		filters = value if key_field == "name" else {key_field: value}

		def exists(record=record, filters=filters):
			return bool(frappe.db.exists(record["doctype"], filters))

		def create(record=record):
			created.append(frappe.get_doc(record).insert(ignore_permissions=True).name)

		create_once(f"{record['doctype']}:{value}", exists, create, log)
	return created


def forget_seeded(prefix: str = "") -> None:
	"""Uninstall: drop the log (of keys starting with `prefix`)."""
	dv = DocType("DefaultValue")
	frappe.qb.from_(dv).delete().where((dv.parent == SEED_PARENT) & dv.defkey.like(f"{prefix}%")).run()
