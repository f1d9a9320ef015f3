"""Insert many new documents in bulk after the controller has checked each one (demo loaders).

`insert_checked(docs)` runs, for each document, what `Document.insert` runs before it writes the row –
defaults, link checks, before_insert, naming, validate/before_save, mandatory/length/type checks – so a row
the controller would reject raises exactly as an insert would; then writes the rows (and child rows)
with one multi-row INSERT per table. What it skips is what follows the write: after_insert/on_update
hooks, the Version row, notifications, realtime. Use it only for DocTypes whose controllers and hooks do
nothing after the write (e.g. Street Light Pole); the caller clears caches of bulk-written DocTypes.
"""

import frappe
from frappe.model.naming import set_new_name


def checked_rows(doc) -> list[tuple[str, dict]]:
	"""(doctype, row) of the document and its children, checked like Document.insert checks them."""
	doc.flags.ignore_permissions = True
	doc.set("__islocal", True)
	doc._set_defaults()
	doc.set_user_and_timestamp()
	doc.set_docstatus()
	doc.check_if_latest()
	doc._validate_links()
	doc.run_method("before_insert")
	set_new_name(doc)
	doc.set_parent_in_children()
	doc.flags.in_insert = True
	doc.run_before_save_methods()
	doc._validate()
	doc.set_docstatus()
	doc.flags.in_insert = False
	doc.set_parent_in_children()  # rows validate added (e.g. a plan's team copied from the person) too
	for child in doc.get_all_children():  # Frappe names a child row when it writes it: name it here
		if not child.name:
			set_new_name(child)
	rows = [(doc.doctype, doc.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True))]
	for child in doc.get_all_children():
		rows.append((child.doctype, child.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)))
	return rows


def insert_checked(docs, chunk_size: int = 500) -> int:
	"""Check every document (see checked_rows), then write them in bulk; the number of documents."""
	tables: dict[str, list[dict]] = {}
	count = 0
	for doc in docs:
		for doctype, row in checked_rows(doc):
			tables.setdefault(doctype, []).append(row)
		count += 1
	for doctype, rows in tables.items():
		fields = sorted({key for row in rows for key in row})
		frappe.db.bulk_insert(
			doctype, fields, [[row.get(f) for f in fields] for row in rows], chunk_size=chunk_size
		)
	return count
