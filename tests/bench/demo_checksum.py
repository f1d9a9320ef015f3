"""A checksum of a site's data, table by table, to compare two loads of the demo data set (issue 11: a
faster loader must load the same documents with the same states and values).

    cd sites && ../env/bin/python ../tests/bench/demo_checksum.py <site> > /tmp/sums-<tag>.txt
    cd sites && ../env/bin/python ../tests/bench/demo_checksum.py <site> "tabVersion" ...   # masked rows

Prints one line per table: `<table> <rows> <hash>`, then `total <hash>`; `diff` two outputs. What differs
between two identical loads is masked: random names (any token of 10 to 20 lower-case letters and digits:
Frappe's hash names, a stock-check line's name, a social login id, and the `parent` or link pointing at
one), the `name` of child rows, the time of day of every date-time, also as the desk formats it in Version
rows (the demo dates records relative to the time it is loaded: dates are compared, so two loads on the
same day compare equal), the site's name and object addresses in Error Log tracebacks. Tables of the
session, logs of jobs and caches are left out. A row order that a set decides (e.g. the permitted roles of
a Workflow Action) still differs between two loads.
"""

import hashlib
import re

import frappe

SKIPPED = {
	"__global_search",
	"__UserSettings",
	"tabSessions",
	"tabAccess Log",
	"tabRoute History",
	"tabScheduled Job Log",
	"tabScheduled Job Type",
	"tabRQ Job",
	"tabRQ Worker",
	"tabSuccess Action",
	"tabPrepared Report",
}
HASH_NAME = re.compile(r"\b[0-9a-z]{10,20}\b")


TIME_OF_DAY = re.compile(r"(\d{4}-\d\d-\d\d)[ T]\d\d:\d\d:\d\d(\.\d+)?")
# a date-time as the desk formats it (Version rows: "03-12-2026 18:02")
FORMATTED_TIME = re.compile(r"(\d\d-\d\d-\d{4}) \d\d:\d\d(:\d\d)?")
# a Python object's address in an Error Log's traceback
ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _masked(value) -> str:
	text = TIME_OF_DAY.sub(r"\1 T", str(value))
	text = FORMATTED_TIME.sub(r"\1 T", text)
	text = ADDRESS.sub(" at 0x", text).replace(frappe.local.site, "SITE")
	return HASH_NAME.sub("HASH", text)


def masked_lines(table: str, child_tables: set[str]) -> list[str]:
	"""The rows of a table as sorted text lines, masked as the module's docstring says."""
	ignored = {"creation", "modified", "lft", "rgt"} | ({"name"} if table in child_tables else set())
	lines = []
	for row in frappe.db.sql(f"select * from `{table}`", as_dict=True):
		parts = [
			f"{k}={_masked(v)}" for k, v in sorted(row.items()) if k not in ignored and v not in (None, "")
		]
		lines.append("|".join(parts))
	return sorted(lines)


def child_tables() -> set[str]:
	return {f"tab{name}" for name in frappe.get_all("DocType", filters={"istable": 1}, pluck="name")}


def table_checksums() -> dict[str, tuple[int, str]]:
	result = {}
	children = child_tables()
	for table in sorted(frappe.db.sql("show tables", pluck=True)):
		if table in SKIPPED or not table.startswith("tab"):
			continue
		lines = masked_lines(table, children)
		result[table] = (len(lines), hashlib.sha1("\n".join(lines).encode()).hexdigest()[:12])
	return result


def demo_checksum() -> str:
	sums = table_checksums()
	for table, (count, digest) in sums.items():
		print(f"{table} {count} {digest}")
	total = hashlib.sha1(repr(sorted(sums.items())).encode()).hexdigest()[:16]
	print(f"total {total}")
	return total


if __name__ == "__main__":
	import sys

	frappe.init(sys.argv[1], sites_path=".")
	frappe.connect()
	try:
		if len(sys.argv) > 2:  # the masked rows of these tables, to diff where two checksums differ
			for table in sys.argv[2:]:
				print("\n".join(f"{table}: {line}" for line in masked_lines(table, child_tables())))
		else:
			demo_checksum()
	finally:
		frappe.destroy()
