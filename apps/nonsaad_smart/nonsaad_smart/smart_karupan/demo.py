"""Demo loader of Smart Karupan (hook nonsaad_demo_loaders): fixtures/assets.json → custodians,
≈ 320 submitted Assets, last year's (FY 2568) stock check reported and acknowledged with a disposal
request of its damaged assets awaiting the Executive, and the FY 2569 stock check in progress.
Idempotent (keyed by the municipal asset code and the appointing order number).

The demo assets are existing assets brought onto the register (is_existing_asset): their depreciation
booked before today is the opening accumulated depreciation, and ERPNext schedules the rest, one row per
Thai fiscal year end. Assets past their useful life keep a book value of 1 baht (the Thai government's
practice for fully depreciated assets) and no schedule.
"""

import json
import time
from contextlib import contextmanager
from pathlib import Path

import erpnext
import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import flt, getdate, today

from nonsaad_smart.smart_karupan import demo_once
from nonsaad_smart.smart_karupan.asset import first_depreciation_date
from nonsaad_smart.smart_karupan.setup import cost_center_of, department_of, setup_karupan, setup_locations

FULLY_DEPRECIATED_BOOK_VALUE = 1.0


def load(path: Path) -> None:
	file = Path(path) / "assets.json"
	if not file.exists():
		return
	data = json.loads(file.read_text())
	setup_karupan()
	setup_locations(demo=True)  # Non Sa-at's own places of the demo data (a village's child centre)
	started = time.monotonic()
	company = erpnext.get_default_company()
	with demo_once.no_realtime():  # nobody listens while the demo loads
		with demo_once.site_cache_cleared_once():  # ERPNext clears it on every new employee
			employees = load_employees(data["employees"], company)
		created = load_assets(data["assets"], employees, company)
		if data.get("last_stock_check"):
			load_reported_check(data["last_stock_check"], company)
		load_stock_check(data["stock_check"], company)
	print(f"smart_karupan demo: {created} assets created in {time.monotonic() - started:.1f} s")


def load_employees(rows: list[dict], company: str) -> dict[str, str]:
	keys = {}
	for row in rows:
		name = frappe.db.get_value(
			"Employee", {"first_name": row["first_name"], "last_name": row["last_name"]}
		)
		if not name:
			doc = frappe.get_doc(
				{
					"doctype": "Employee",
					"first_name": row["first_name"],
					"last_name": row["last_name"],
					"gender": row["gender"],
					"date_of_birth": row["date_of_birth"],
					"date_of_joining": row["date_of_joining"],
					"company": company,
					"department": department_of(row["department"], company),
					"status": "Active",
				}
			)
			doc.flags.ignore_mandatory = True
			name = doc.insert(ignore_permissions=True).name
		keys[row["key"]] = name
	return keys


def load_assets(rows: list[dict], employees: dict[str, str], company: str) -> int:
	existing = set(
		frappe.get_all("Asset", filters={"municipal_asset_code": ("is", "set")}, pluck="municipal_asset_code")
	)
	item_names = dict(
		frappe.get_all("Item", filters={"is_fixed_asset": 1}, fields=["name", "item_name"], as_list=True)
	)
	created, departments = 0, {}
	frappe.flags.mute_messages = True
	try:
		with assets_written_once():
			for row in rows:
				if row["municipal_asset_code"] in existing:
					continue
				make_existing_asset(row, employees, company, item_names, departments)
				created += 1
	finally:
		frappe.flags.mute_messages = False
	return created


@contextmanager
def assets_written_once():
	"""While the demo assets load, ERPNext's documents of each asset are written once, not written and then
	written again (the same documents with the same values; every controller check still runs):

	- the receipt Asset Movement that `Asset.on_submit` makes (`insert()` then `submit()`) and the Asset
	  Depreciation Schedule that `Asset.after_insert` makes as a draft and `Asset.on_submit` submits are
	  inserted as submitted (the asset itself is: see make_existing_asset): validate, before_submit and
	  on_submit run once, as for insert + submit, without reading the document back and updating it and
	  its rows (≈ 15 queries per asset, and each validation twice). A schedule's `before_save` has nothing
	  to do for these (its finance book row is set, no shift-based depreciation);
	- the Asset Activity rows (3 per asset: created, received at a location, submitted) are built as ERPNext
	  builds them and checked like an insert checks them, then written in one multi-row INSERT per 500 when
	  the assets are done (smart_core.bulk; an Asset Activity's controller does nothing after the write).
	  The only reader while loading, `Asset.after_insert`'s "has this asset an activity yet?", asks about
	  a new asset, which has none either way;
	- what each asset asks again with the same answer is asked once (asked_once)."""
	from erpnext.assets.doctype.asset_activity.asset_activity import AssetActivity
	from erpnext.assets.doctype.asset_depreciation_schedule.asset_depreciation_schedule import (
		AssetDepreciationSchedule,
	)
	from erpnext.assets.doctype.asset_movement.asset_movement import AssetMovement

	from nonsaad_smart.smart_core.bulk import insert_checked

	activities = []

	def activity_insert(self, ignore_permissions=None, ignore_links=None, **kwargs):
		self.flags.ignore_links = ignore_links
		activities.append(self)
		return self

	restore = [
		*submitted_on_insert(AssetMovement, lambda doc: doc.purpose == "Receipt"),
		*submitted_on_insert(AssetDepreciationSchedule, lambda doc: doc.status == "Draft" and doc.asset),
		demo_once.patched(AssetActivity, "insert", activity_insert),
	]
	try:
		with asked_once():
			yield
			insert_checked(activities)
	finally:
		for undo in restore:
			undo()


@contextmanager
def asked_once():
	"""While the demo assets load, what each asset asks again with the same answer is asked once
	(smart_karupan.demo_once): its naming series (and its movement's and schedule's) counted in the
	process after the first locking read, the link checks and ERPNext's checks of the same company, item,
	category, custodian, cost center and location read once, what is asked about an asset being
	inserted (its schedules, activities, code, and its name, docstatus, company once written) answered
	from the documents written, a schedule's rows written in one INSERT, and the cached copies of the new documents (which nobody has cached)
	cleared together at the end."""
	with (
		demo_once.series_counted_in_process(),
		demo_once.values_read_once(),
		demo_once.new_assets_known(),
		demo_once.schedule_rows_in_one_insert(),
		demo_once.document_cache_cleared_once(),
	):
		yield


def submitted_on_insert(cls, applies) -> list:
	"""A new document of `cls` for which `applies(doc)` is inserted with docstatus 1 (Frappe then runs
	validate, before_submit and on_submit in the insert) and its `submit()` that follows does nothing."""
	insert, submit = cls.insert, cls.submit

	def insert_submitted(self, *args, **kwargs):
		if not self.name and not self.docstatus and applies(self):  # a new draft
			self.docstatus = 1
			self.flags.nonsaad_submitted_on_insert = True
		return insert(self, *args, **kwargs)

	def submit_once(self):
		if self.flags.pop("nonsaad_submitted_on_insert", False):
			return self  # submitted by its insert
		return submit(self)

	return [demo_once.patched(cls, "insert", insert_submitted), demo_once.patched(cls, "submit", submit_once)]


def make_existing_asset(
	row: dict, employees: dict[str, str], company: str, item_names: dict, departments: dict | None = None
) -> "frappe.Document":
	departments = departments if departments is not None else {}
	if row["department"] not in departments:  # one read per department, not per asset, in load_assets
		departments[row["department"]] = department_of(row["department"], company)
	category = frappe.get_cached_value("Item", row["item_code"], "asset_category")
	life = frappe.get_cached_value("Asset Category", category, "useful_life_years")
	cost = flt(row["gross_purchase_amount"])
	bought = getdate(row["purchase_date"])
	first_end = first_depreciation_date(bought)
	booked = sum(
		1 for n in range(life + 1) if getdate(first_end.replace(year=first_end.year + n)) < getdate(today())
	)
	doc = frappe.get_doc(
		{
			"doctype": "Asset",
			"company": company,
			"item_code": row["item_code"],
			"asset_name": item_names.get(row["item_code"]),
			"asset_category": category,
			"municipal_asset_code": row["municipal_asset_code"],
			"location": row["location"],
			"department": departments[row["department"]],
			"cost_center": cost_center_of(row["department"], company),
			"custodian": employees.get(row["custodian"]),
			"purchase_date": bought,
			"available_for_use_date": bought,
			"gross_purchase_amount": cost,
			"purchase_amount": cost,
			"is_existing_asset": 1,
			"budget_source": row["budget_source"],
			"acquisition_method": row["acquisition_method"],
			"latitude": row["latitude"],
			"longitude": row["longitude"],
		}
	)
	if booked >= life:
		doc.calculate_depreciation = 0
		doc.opening_accumulated_depreciation = cost - FULLY_DEPRECIATED_BOOK_VALUE
	else:
		doc.calculate_depreciation = 1
		doc.opening_accumulated_depreciation = round(cost * booked / life, 2) if booked else 0
		doc.opening_number_of_booked_depreciations = booked
		doc.append(
			"finance_books",
			{
				"depreciation_method": "Straight Line",
				"total_number_of_depreciations": life,
				"frequency_of_depreciation": 12,
				"depreciation_start_date": first_end.replace(year=first_end.year + booked),
			},
		)
	# inserted as submitted: validate, before_submit and on_submit run as for insert + submit (the same
	# asset, depreciation schedule and receipt movement), without saving and reloading it a second time
	doc.docstatus = 1
	doc.insert(ignore_permissions=True)
	return doc


def user_with_role(role: str) -> str | None:
	return frappe.db.get_value("Has Role", {"role": role, "parenttype": "User"}, "parent")


def act_as(user: str | None, doc, action: str):
	"""Apply a workflow action as the officer who would do it (the trail shows who)."""
	current = frappe.session.user
	try:
		if user:
			frappe.set_user(user)
		return apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	finally:
		frappe.set_user(current)


def load_reported_check(data: dict, company: str) -> None:
	"""Last year's check, the whole chain: checked, reported by the chair, acknowledged by the Executive,
	and a disposal request of its damaged assets submitted for approval by the Supplies Officer."""
	if frappe.db.exists("Asset Stock Check", {"order_no": data["order_no"]}):
		return
	doc = start_demo_check(data, company)
	# an asset of that year the generator did not know (none in the demo) is found in use
	line = frappe.qb.DocType("Asset Stock Check Line")
	(
		frappe.qb.update(line)
		.set(line.result, "Found In Use")
		.set(line.condition, "Good")
		.set(line.scanned_by, data["committee"][0]["user"])
		.set(line.scanned_at, f"{data['order_date']} 09:00:00")
		.where((line.stock_check == doc.name) & line.result.isnull())
		.run()
	)
	frappe.get_doc("Asset Stock Check", doc.name).update_summary()
	chair = next(row["user"] for row in data["committee"] if row["committee_role"] == "Chair")
	act_as(chair, doc, "Report to Executive")
	act_as(user_with_role("Executive"), doc, "Acknowledge")
	disposal = data.get("disposal")
	if not disposal or not disposal["items"]:
		return
	lines = frappe.get_all(
		"Asset Stock Check Line",
		filters={"stock_check": doc.name, "municipal_asset_code": ["in", disposal["items"]]},
		pluck="name",
		order_by="municipal_asset_code",
	)
	supplies = user_with_role("Supplies Officer")
	current = frappe.session.user
	try:
		if supplies:
			frappe.set_user(supplies)
		request = frappe.get_doc(
			{
				"doctype": "Asset Disposal Request",
				"stock_check": doc.name,
				"company": company,
				"method": disposal["method"],
				"reason": disposal["reason"],
				"committee": disposal["committee"],
				"items": [{"stock_check_line": name} for name in lines],
			}
		).insert()
	finally:
		frappe.set_user(current)
	act_as(supplies, request, "Submit for Approval")


def start_demo_check(data: dict, company: str):
	"""Insert a check, start it as the Supplies Officer (its lines are generated) and write the results."""
	doc = frappe.get_doc(
		{
			"doctype": "Asset Stock Check",
			"fiscal_year": data["fiscal_year"],
			"company": company,
			"order_no": data["order_no"],
			"order_date": data["order_date"],
			"committee": data["committee"],
		}
	).insert(ignore_permissions=True)
	act_as(user_with_role("Supplies Officer"), doc, "Start Check")
	write_results(doc.name, data["checked"])
	return doc


def write_results(stock_check: str, rows: list[dict]) -> None:
	"""The committee's results on the check's lines (matched by asset code; the asset was found where it
	was expected): one UPDATE per 100 lines (Frappe's bulk_update), the lines' `modified` left as it is."""
	line = frappe.qb.DocType("Asset Stock Check Line")
	lines: dict[str, list] = {}
	for name, code, expected in (
		frappe.qb.from_(line)
		.select(line.name, line.municipal_asset_code, line.expected_location)
		.where(line.stock_check == stock_check)
		.run()
	):
		lines.setdefault(code, []).append((name, expected))
	updates = {}
	for row in rows:
		for name, expected in lines.get(row["municipal_asset_code"], ()):
			updates[name] = {
				"result": row["result"],
				"condition": row["condition"],
				"remark": row["remark"],
				"scanned_by": row["scanned_by"],
				"scanned_at": row["scanned_at"],
				"latitude": row["latitude"],
				"longitude": row["longitude"],
				"location_found": expected,
			}
	frappe.db.bulk_update("Asset Stock Check Line", updates, update_modified=False)


def load_stock_check(data: dict, company: str) -> None:
	"""This year's check, in progress: part of the lines checked."""
	if frappe.db.exists("Asset Stock Check", {"order_no": data["order_no"]}):
		return
	doc = start_demo_check(data, company)
	frappe.get_doc("Asset Stock Check", doc.name).update_summary()
