"""Smart Karupan benchmarks (bin/nonsaad benchmark): figures are printed, nothing is asserted on time.

1. The Municipal Asset Register report on 100 000 assets against raw SQL of the same columns (ratio).
2. Generating the stock-check lines for 100 000 assets: time, peak Python memory, progress per chunk.

The 100 000 assets are inserted in bulk (frappe.db.bulk_insert) into the test site's database by this
file, in a department of their own, and removed afterwards.
"""

import os
import time
import tracemalloc

import pytest

from .bulk import bulk_insert, delete_like, frappe_site

N_ASSETS = int(os.environ.get("KARUPAN_BENCH_ASSETS", "100000"))
BENCH_DEPARTMENT = "หน่วยทดสอบสมรรถนะ (benchmark)"
CODE_PREFIX = "BENCH-"


def timed(fn, repeat=3):
	best = None
	for _ in range(repeat):
		started = time.perf_counter()
		result = fn()
		elapsed = time.perf_counter() - started
		best = elapsed if best is None else min(best, elapsed)
	return best, result


def insert_assets(frappe, n: int) -> str:
	from erpnext import get_default_company as default_company

	company = default_company()
	if not frappe.db.exists("Department", {"department_name": BENCH_DEPARTMENT}):
		frappe.get_doc(
			{"doctype": "Department", "department_name": BENCH_DEPARTMENT, "company": company}
		).insert()
	department = frappe.db.get_value("Department", {"department_name": BENCH_DEPARTMENT})
	items = frappe.get_all("Item", {"is_fixed_asset": 1}, ["name", "item_name", "asset_category"])
	locations = frappe.get_all("Location", {"is_group": 0}, pluck="name")[:10]
	columns = (
		"naming_series",
		"asset_name",
		"item_code",
		"item_name",
		"asset_category",
		"company",
		"location",
		"department",
		"purchase_date",
		"available_for_use_date",
		"gross_purchase_amount",
		"value_after_depreciation",
		"status",
		"municipal_asset_code",
		"calculate_depreciation",
		"is_existing_asset",
		"asset_quantity",
	)
	rows = []
	for i in range(n):
		item = items[i % len(items)]
		cost = 1000 + (i * 37) % 50000
		rows.append(
			(
				f"BENCH-AST-{i:07d}",
				"ACC-ASS-.YYYY.-",
				item.item_name,
				item.name,
				item.item_name,
				item.asset_category,
				company,
				locations[i % len(locations)],
				department,
				"2024-01-15",
				"2024-01-15",
				cost,
				cost * 0.6,
				"Partially Depreciated",
				f"{CODE_PREFIX}{i:07d}",
				0,
				1,
				1,
			)
		)
	seconds = bulk_insert(frappe, "Asset", columns, rows, docstatus=1)
	print(f"\n  inserted {n} assets in bulk in {seconds:.1f} s")
	return department


def cleanup(frappe, department):
	line = frappe.qb.DocType("Asset Stock Check Line")
	check = frappe.qb.DocType("Asset Stock Check")
	checks = frappe.get_all("Asset Stock Check", {"order_no": ("like", "BENCH%")}, pluck="name")
	for name in checks:
		frappe.qb.from_(line).delete().where(line.stock_check == name).run()
		frappe.db.delete("Asset Stock Check Committee Member", {"parent": name})
		frappe.db.delete("Asset Stock Check Department", {"parent": name})
		frappe.db.delete("Asset Stock Check Summary", {"parent": name})
		frappe.qb.from_(check).delete().where(check.name == name).run()
	delete_like(frappe, "Asset", "municipal_asset_code", CODE_PREFIX, commit=False)
	if department:
		frappe.db.delete("Department", {"name": department})
	frappe.db.commit()


RAW_SQL = """
select a.name as asset, a.municipal_asset_code, a.asset_name, a.asset_category, a.department, a.location,
	a.custodian_name, a.purchase_date, a.status, a.gross_purchase_amount,
	a.gross_purchase_amount - coalesce(b.value_after_depreciation, a.value_after_depreciation, 0) as accumulated_depreciation,
	coalesce(b.value_after_depreciation, a.value_after_depreciation, 0) as book_value
from `tabAsset` a
left join `tabAsset Finance Book` b on b.parent = a.name and b.parenttype = 'Asset' and b.idx = 1 and a.calculate_depreciation = 1
where a.docstatus = 1 and a.company = %(company)s and a.status not in ('Scrapped', 'Sold', 'Cancelled', 'Capitalized')
order by a.municipal_asset_code
"""


@pytest.mark.benchmark
def test_asset_register_report_vs_raw_sql(figure):
	with frappe_site() as frappe:
		from erpnext import get_default_company as default_company
		from nonsaad_smart.smart_karupan.report.municipal_asset_register.municipal_asset_register import (
			execute,
		)

		cleanup(frappe, frappe.db.get_value("Department", {"department_name": BENCH_DEPARTMENT}))
		department = insert_assets(frappe, N_ASSETS)
		try:
			company = default_company()
			t_report, (_cols, rows) = timed(lambda: execute({"company": company}))
			t_raw, raw = timed(lambda: frappe.db.sql(RAW_SQL, {"company": company}, as_dict=True))
			assert len(rows) == len(raw) >= N_ASSETS
			figure(f"asset register, {len(rows)} rows", t_report * 1000, "ms", t_raw * 1000, "raw SQL", "~1x")
			t_group, (_c, grouped) = timed(lambda: execute({"company": company, "group_by": "Department"}))
			print(
				f"  Municipal Asset Register, {len(rows)} rows: report {t_report:.2f} s, raw SQL {t_raw:.2f} s, "
				f"ratio {t_report / t_raw:.2f}; grouped by department {t_group:.3f} s ({len(grouped)} groups)"
			)
		finally:
			cleanup(frappe, department)


@pytest.mark.benchmark
def test_stock_check_line_generation(figure):
	with frappe_site() as frappe:
		from erpnext import get_default_company as default_company

		cleanup(frappe, frappe.db.get_value("Department", {"department_name": BENCH_DEPARTMENT}))
		department = insert_assets(frappe, N_ASSETS)
		try:
			committee = [
				u
				for u in ("committee1@nonsaad.test", "committee2@nonsaad.test", "committee3@nonsaad.test")
				if frappe.db.exists("User", u)
			]
			assert len(committee) == 3, "the demo committee users are missing"
			check = frappe.get_doc(
				{
					"doctype": "Asset Stock Check",
					"fiscal_year": 2599,
					"company": default_company(),
					"order_no": "BENCH order",
					"order_date": "2056-09-01",
					"committee": [
						{"user": committee[0], "committee_role": "Chair"},
						{"user": committee[1]},
						{"user": committee[2]},
					],
					"departments": [{"department": department}],
				}
			).insert()
			frappe.db.commit()
			started = time.perf_counter()
			count = check.generate_lines()
			frappe.db.commit()
			elapsed = time.perf_counter() - started
			print(
				f"  generated {count} stock-check lines in {elapsed:.1f} s ({count / elapsed:,.0f} lines/s)"
			)
			figure(f"stock-check lines, {count} assets", elapsed, "s")
			frappe.db.delete("Asset Stock Check Line", {"stock_check": check.name})
			tracemalloc.start()
			check.generate_lines(progress=False)
			_current, peak = tracemalloc.get_traced_memory()
			tracemalloc.stop()
			frappe.db.commit()
			figure(
				f"stock-check lines, {count} assets: peak memory", peak / 1024 / 1024, "MiB", target="<= 50"
			)
			print(f"  peak Python memory while generating {count} lines: {peak / 1024 / 1024:.0f} MiB")
			assert count == N_ASSETS
		finally:
			cleanup(frappe, department)
