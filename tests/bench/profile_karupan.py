"""Profile Smart Karupan's demo assets in one process (cProfile), for docs/performance.md.

    cd sites && ../env/bin/python ../tests/bench/profile_karupan.py <site> [n] [sort]

Loads `n` assets of fixtures/assets.json (their municipal codes moved to 9xxx, so a site that already holds
the demo assets takes them as new) exactly as the demo loader does (quiet_load, e-mails muted, the
loader's own batching), prints the SQL queries and Redis commands per asset, the time per asset and the
top of the profile, and rolls everything back.
"""

import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path


def main(site: str, n: int = 20, sort: str = "tottime") -> None:
	import frappe

	frappe.init(site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	from nonsaad_smart.demo import loader
	from nonsaad_smart.smart_karupan import demo

	root = Path(__file__).resolve().parents[2] / "fixtures"
	data = json.loads((root / "assets.json").read_text())
	rows = []
	for row in data["assets"][:n]:
		code = row["municipal_asset_code"]
		rows.append({**row, "municipal_asset_code": f"{code[:-4]}9{code[-3:]}"})
	frappe.flags.in_demo_load = True
	frappe.flags.mute_emails = True
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	profile = cProfile.Profile()
	queries = count_queries()
	commands = count_redis()
	try:
		with loader.quiet_load(), loader.counting_round_trips():
			employees = demo.load_employees(data["employees"], company)
			before = dict(loader.ROUND_TRIPS)
			started = time.perf_counter()
			profile.enable()
			created = demo.load_assets(rows, employees, company)
			profile.disable()
			seconds = time.perf_counter() - started
			sql, redis = (loader.ROUND_TRIPS[k] - before[k] for k in ("sql", "redis"))
	finally:
		frappe.db.rollback()
		frappe.db.__dict__.pop("sql", None)
	if os.environ.get("PROFILE_OUT"):
		profile.dump_stats(os.environ["PROFILE_OUT"])
	out = io.StringIO()
	pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(40)
	print(out.getvalue())
	print("SQL queries by kind (the first words, numbers and quoted values dropped):")
	for text, count in queries.most_common(int(os.environ.get("PROFILE_KINDS", 45))):
		print(f"{count:6d}  {text}")
	print("Redis commands by command and key (digits dropped):")
	for text, count in commands.most_common(25):
		print(f"{count:6d}  {text}")
	print(f"load average {open('/proc/loadavg').read().split()[:3]}")
	print(
		f"{created} assets in {seconds:.2f} s: {seconds / max(created, 1) * 1000:.0f} ms, "
		f"{sql / max(created, 1):.1f} SQL queries, {redis / max(created, 1):.1f} Redis commands per asset"
	)
	frappe.destroy()


def count_queries():
	"""Counts of the queries sent (frappe.db.sql), by their first words with values masked."""
	import re
	from collections import Counter

	import frappe

	counts = Counter()
	sql = frappe.db.sql

	def counted(query, *args, **kwargs):
		text = re.sub(r"'[^']*'|%s|\b\d+\b", "?", str(query))
		counts[" ".join(text.split())[:150]] += 1
		return sql(query, *args, **kwargs)

	frappe.db.sql = counted
	return counts


def count_redis():
	"""Counts of the Redis commands sent, by command and key (digits masked)."""
	import re
	from collections import Counter

	from frappe.utils.redis_wrapper import RedisWrapper

	counts = Counter()
	execute = RedisWrapper.execute_command

	def counted(self, *args, **kwargs):
		key = re.sub(r"\d+", "?", str(args[1]) if len(args) > 1 else "")[:90]
		counts[f"{args[0]} {key}"] += 1
		return execute(self, *args, **kwargs)

	RedisWrapper.execute_command = counted
	return counts


if __name__ == "__main__":
	main(sys.argv[1], *(int(a) if a.isdigit() else a for a in sys.argv[2:]))
