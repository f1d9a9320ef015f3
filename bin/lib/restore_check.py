"""Compare a site and its restored copy: app DocTypes' counts and checksums, private files, passwords.

    env/bin/python bin/lib/restore_check.py <site> <restored-site>     (bin/nonsaad restore-check)

Prints one line per difference and a summary; exit 1 when anything differs or does not read/decrypt.
"""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def facts(site: str) -> dict:
	out = subprocess.run(
		[
			str(ROOT / "env/bin/python"),
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"--site",
			site,
			"execute",
			"nonsaad_smart.tests.reliability.print_restore_facts",
		],
		cwd=ROOT / "sites",
		capture_output=True,
		text=True,
		check=True,
	)
	return json.loads(out.stdout.strip().splitlines()[-1])


def compare(old: dict, new: dict) -> list[str]:
	problems = []
	for dt, (count, digest) in sorted(old["checksums"].items()):
		other = new["checksums"].get(dt)
		if other is None:
			problems.append(f"{dt}: missing in the restored site")
		elif other[0] != count:
			problems.append(f"{dt}: {count} rows, restored {other[0]}")
		elif other[1] != digest:
			problems.append(f"{dt}: same count ({count}), different key fields")
	for kind in ("files", "passwords"):
		if old[kind] != new[kind]:
			problems.append(f"{kind}: {old[kind]} before, {new[kind]} restored")
	f, p = new["files"], new["passwords"]
	if old["passwords"].get("login_hashes") != p.get("login_hashes"):
		problems.append("login passwords: the restored hashes differ (users could not log in as before)")
	if f["readable"] < old["files"]["readable"]:
		problems.append(
			f"private files: {f['readable']} readable in the restored site, {old['files']['readable']} before"
		)
	if p["decrypted"] != p["set"]:
		problems.append(f"passwords: {p['decrypted']} of {p['set']} decrypt in the restored site")
	return problems


def main() -> int:
	old_site, new_site = sys.argv[1], sys.argv[2]
	with ThreadPoolExecutor(max_workers=2) as pool:  # two bench processes at once
		old, new = pool.map(facts, [old_site, new_site])
	problems = compare(old, new)
	rows = sum(c for c, _ in old["checksums"].values())
	hashes = "equal" if old["passwords"]["login_hashes"] == new["passwords"]["login_hashes"] else "differ"
	print(
		f"restore check {old_site} -> {new_site}: {len(old['checksums'])} DocTypes, {rows} rows, "
		f"{new['files']['readable']}/{new['files']['private']} private files readable, "
		f"{new['passwords']['decrypted']}/{new['passwords']['set']} encrypted fields decrypt, "
		f"login password hashes {hashes}, "
		f"{len(problems)} differences"
	)
	for line in problems:
		print("  " + line)
	return 1 if problems else 0


if __name__ == "__main__":
	sys.exit(main())
