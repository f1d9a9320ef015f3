"""Shared by the benchmarks that fill the test site's database themselves (Smart Karupan's 100 000 assets,
Smart Care's 100 000 registrations): Frappe in this process, bulk inserts with the standard columns filled
in, and the removal of the rows afterwards.

    from bench.bulk import bulk_insert, delete_like, frappe_site

    with frappe_site() as frappe:
        bulk_insert(frappe, "Asset", ("asset_name", ...), rows, docstatus=1)   # rows: tuples, name first
        ...
        delete_like(frappe, "Asset", "municipal_asset_code", "BENCH-")
"""

import os
import time
from contextlib import contextmanager

from conftest import ROOT, SITE

# the columns every row of a DocType table has; bulk_insert fills them in front of a row's own values
BASE_COLUMNS = ("name", "creation", "modified", "owner", "modified_by", "docstatus")


@contextmanager
def frappe_site():
	"""Frappe in this process, on the test site (cwd = sites/, where frappe expects to run), as
	Administrator; whatever is not committed is rolled back at the end."""
	import frappe

	cwd = os.getcwd()
	os.chdir(ROOT / "sites")
	frappe.init(site=SITE, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		yield frappe
	finally:
		frappe.db.rollback()
		frappe.destroy()
		os.chdir(cwd)


def bulk_insert(
	frappe, doctype: str, columns: tuple, rows, docstatus: int = 0, chunk_size: int = 10000
) -> float:
	"""Insert `rows` (tuples: the name, then the values of `columns`) into `doctype` in multi-row INSERTs
	of `chunk_size`, with creation/modified now, owner Administrator and `docstatus`; commits. Returns the
	seconds it took."""
	started = time.perf_counter()
	now = frappe.utils.now_datetime()
	base = (now, now, "Administrator", "Administrator", docstatus)
	values = [(row[0], *base, *row[1:]) for row in rows]
	frappe.db.bulk_insert(doctype, (*BASE_COLUMNS, *columns), values, chunk_size=chunk_size)
	frappe.db.commit()
	return time.perf_counter() - started


def delete_like(frappe, doctype: str, field: str, prefix: str, commit: bool = True) -> None:
	"""Delete the rows of `doctype` whose `field` starts with `prefix` (the benchmark's own rows)."""
	table = frappe.qb.DocType(doctype)
	frappe.qb.from_(table).delete().where(table[field].like(f"{prefix}%")).run()
	if commit:
		frappe.db.commit()
