"""A checksum of a site's data, table by table, to compare two loads of the demo data set (issue 11: a
faster loader must load the same documents with the same states and values).

    cd sites && ../env/bin/python ../tests/bench/demo_checksum.py <site> > /tmp/sums-<tag>.txt

Prints one line per table: `<table> <rows> <hash>`, then `total <hash>`; `diff` two outputs. What differs
between two identical loads is masked: random names (any 10-character token of lower-case letters and
digits: Frappe's hash names, and the `parent` of child rows that points at one), the `name` of child rows,
and the time of day of every date-time (the demo dates records relative to the time it is loaded): dates
are compared, so two loads on the same day compare equal. Tables of the session, logs of jobs and caches
are left out.
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
HASH_NAME = re.compile(r"\b[0-9a-z]{10}\b")


TIME_OF_DAY = re.compile(r"(\d{4}-\d\d-\d\d)[ T]\d\d:\d\d:\d\d(\.\d+)?")


def _masked(value) -> str:
	text = TIME_OF_DAY.sub(r"\1 T", str(value))
	return HASH_NAME.sub("HASH", text)


def table_checksums() -> dict[str, tuple[int, str]]:
	result = {}
	child_tables = {f"tab{name}" for name in frappe.get_all("DocType", filters={"istable": 1}, pluck="name")}
	for table in sorted(frappe.db.sql("show tables", pluck=True)):
		if table in SKIPPED or not table.startswith("tab"):
			continue
		ignored = {"creation", "modified", "lft", "rgt"} | ({"name"} if table in child_tables else set())
		rows = frappe.db.sql(f"select * from `{table}`", as_dict=True)
		lines = []
		for row in rows:
			parts = [
				f"{k}={_masked(v)}"
				for k, v in sorted(row.items())
				if k not in ignored and v not in (None, "")
			]
			lines.append("|".join(parts))
		digest = hashlib.sha1("\n".join(sorted(lines)).encode()).hexdigest()[:12]
		result[table] = (len(rows), digest)
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
		demo_checksum()
	finally:
		frappe.destroy()
