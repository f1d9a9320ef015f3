"""Asset Stock Check: the annual check of durable assets by a committee (MoF regulation 2560, clause 213).

The committee is appointed before the fiscal year ends, starts on the first working day of October and
reports within 30 working days; no member may be the Supplies Officer. Starting the check (workflow
Draft → Checking) creates one Asset Stock Check Line per submitted Asset in scope; the lines, updated by
the committee on the scanning page, roll up into counts and a summary by category.
"""

import datetime
import time

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.query_builder.functions import Count, Sum
from frappe.utils import cint, getdate, now_datetime, today

from nonsaad_smart.smart_core.thai_date import fiscal_year_bounds
from nonsaad_smart.smart_core.working_days import add_working_days, first_working_day_on_or_after

MIN_COMMITTEE = 3
REPORT_WORKING_DAYS = 30
RESULT_FIELDS = {
	"Found In Use": "found_in_use",
	"Found Unused": "found_unused",
	"Damaged": "damaged",
	"Lost": "lost",
	"Not Needed": "not_needed",
}
GENERATE_CHUNK = 5000
# what a line copies from its asset (generated in bulk; the scanning page shows them)
LINE_ASSET_FIELDS = (
	"asset",
	"municipal_asset_code",
	"asset_name",
	"asset_category",
	"department",
	"expected_location",
	"gross_amount",
)
LINE_COLUMNS = (
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"docstatus",
	"idx",
	"stock_check",
	*LINE_ASSET_FIELDS,
)


class CommitteeConflictError(frappe.ValidationError):
	pass


class StockCheckDateError(frappe.ValidationError):
	pass


class StockCheckStateError(frappe.ValidationError):
	pass


class AssetStockCheck(Document):
	def autoname(self):
		self.name = make_autoname(f"ASC-{cint(self.fiscal_year)}-.##")

	def validate(self):
		validate_committee(self.committee, forbid_supplies_officer=True)
		self.validate_dates()
		self.validate_state_change()

	def before_save(self):
		previous = self.get_doc_before_save()
		if previous and previous.workflow_state != self.workflow_state:
			if self.workflow_state == "Reported to Executive":
				self.reported_on = today()
			if self.workflow_state == "Acknowledged":
				self.acknowledged_on = today()

	def before_submit(self):
		self.acknowledged_on = self.acknowledged_on or today()

	def on_update(self):
		previous = self.get_doc_before_save()
		if self.workflow_state == "Checking" and (not previous or previous.workflow_state != "Checking"):
			if not frappe.db.exists("Asset Stock Check Line", {"stock_check": self.name}):
				self.generate_lines()

	def on_submit(self):
		self.update_summary()

	def on_cancel(self):
		frappe.throw(_("An acknowledged stock check cannot be cancelled"))

	def on_trash(self):
		frappe.db.delete("Asset Stock Check Line", {"stock_check": self.name})

	# --- rules ---------------------------------------------------------------------------------------
	def validate_dates(self):
		fy_start, fy_end = fiscal_year_bounds(cint(self.fiscal_year))
		order_date = getdate(self.order_date)
		if not (fy_start <= order_date <= fy_end):
			frappe.throw(
				_(
					"The appointing order of {0} must be dated within fiscal year {1} ({2} – {3}), "
					"before it ends"
				).format(order_date, self.fiscal_year, fy_start, fy_end),
				StockCheckDateError,
				title=_("Dates out of order"),
			)
		self.start_date = first_working_day_on_or_after(datetime.date(fy_end.year, 10, 1))
		self.due_date = add_working_days(self.start_date, REPORT_WORKING_DAYS)

	def validate_state_change(self):
		previous = self.get_doc_before_save()
		if not previous or previous.workflow_state == self.workflow_state:
			return
		if self.workflow_state == "Reported to Executive":
			unchecked = frappe.db.count(
				"Asset Stock Check Line", {"stock_check": self.name, "result": ("is", "not set")}
			)
			if unchecked:
				frappe.throw(
					_("{0} assets are not checked yet: check every asset before reporting").format(unchecked),
					StockCheckStateError,
				)
			user = frappe.session.user
			if user != "Administrator" and user not in chairs(self) and not is_supplies_officer(user):
				frappe.throw(
					_("Only the chair of the committee reports to the Executive"),
					frappe.PermissionError,
				)

	# --- lines ---------------------------------------------------------------------------------------
	def assets_in_scope_query(self, names_only: bool = False):
		"""Submitted, not disposed assets of the company in the departments/locations of the scope,
		not already in another stock check of the same fiscal year (the line's columns, or their names)."""
		asset = frappe.qb.DocType("Asset")
		line = frappe.qb.DocType("Asset Stock Check Line")
		check = frappe.qb.DocType("Asset Stock Check")
		query = (
			frappe.qb.from_(asset)
			.select(*([asset.name] if names_only else asset_line_columns(asset)))
			.where(asset.docstatus == 1)
			.where(asset.company == self.company)
			.where(asset.status.notin(("Scrapped", "Sold", "Cancelled", "Capitalized")))
			.where(asset.purchase_date <= fiscal_year_bounds(cint(self.fiscal_year))[1])
			.orderby(asset.municipal_asset_code)
			.orderby(asset.name)
		)
		departments = [d.department for d in self.departments]
		if departments:
			query = query.where(asset.department.isin(departments))
		locations = locations_with_children([row.location for row in self.locations])
		if locations:
			query = query.where(asset.location.isin(locations))
		already = (
			frappe.qb.from_(line)
			.join(check)
			.on(check.name == line.stock_check)
			.select(line.asset)
			.where(check.fiscal_year == self.fiscal_year)
			.where(check.docstatus < 2)
			.where(line.stock_check != self.name)
		)
		return query.where(asset.name.notin(already))

	def generate_lines(self, progress: bool = True) -> int:
		"""One line per asset in scope, written in bulk (chunks of GENERATE_CHUNK) for large registers.

		Streamed: only the names of the assets in scope are held (in register order); each chunk's columns
		are read, written and dropped before the next, so memory stays flat whatever the register's size."""
		names = [row[0] for row in self.assets_in_scope_query(names_only=True).run()]
		total = len(names)
		now, user = now_datetime(), frappe.session.user
		started = time.monotonic()
		asset = frappe.qb.DocType("Asset")
		for start in range(0, total, GENERATE_CHUNK):
			chunk = names[start : start + GENERATE_CHUNK]
			rows = (
				frappe.qb.from_(asset)
				.select(*asset_line_columns(asset))
				.where(asset.name.isin(chunk))
				.orderby(asset.municipal_asset_code)
				.orderby(asset.name)
				.run()
			)
			values = [
				(frappe.generate_hash(length=12), now, now, user, user, 0, 0, self.name, *row) for row in rows
			]
			del rows
			frappe.db.bulk_insert("Asset Stock Check Line", LINE_COLUMNS, values, chunk_size=GENERATE_CHUNK)
			del values
			if progress and total > GENERATE_CHUNK:
				done = start + len(chunk)
				frappe.publish_progress(
					done * 100 / total,
					title=_("Generating stock-check lines"),
					doctype=self.doctype,
					docname=self.name,
				)
				print(f"stock check {self.name}: {done}/{total} lines ({time.monotonic() - started:.1f} s)")
		self.update_summary()
		return total

	def update_summary(self):
		"""Counts by result and a summary by category, from the lines (one grouped query)."""
		line = frappe.qb.DocType("Asset Stock Check Line")
		rows = (
			frappe.qb.from_(line)
			.select(line.asset_category, line.result, Count("*"), Sum(line.gross_amount))
			.where(line.stock_check == self.name)
			.groupby(line.asset_category, line.result)
			.run()
		)
		by_category = {}
		totals = dict.fromkeys(RESULT_FIELDS.values(), 0)
		total = 0
		for category, result, count, amount in rows:
			row = by_category.setdefault(
				category, {"asset_category": category, "total": 0, "unchecked": 0, "gross_amount": 0}
			)
			row["total"] += count
			row["gross_amount"] += amount or 0
			total += count
			field = RESULT_FIELDS.get(result)
			if field:
				row[field] = row.get(field, 0) + count
				totals[field] += count
			else:
				row["unchecked"] += count
		checked = sum(totals.values())
		self.set("summary", [by_category[c] for c in sorted(by_category, key=lambda c: c or "")])
		values = {
			"total_assets": total,
			"checked_count": checked,
			"progress": round(checked * 100 / total, 2) if total else 0,
			**totals,
		}
		self.update(values)
		if not self.is_new():
			self.db_set(values, update_modified=False)
			save_summary_rows(self)


def asset_line_columns(asset) -> list:
	"""The Asset columns a stock-check line copies, in LINE_ASSET_FIELDS order."""
	return [
		asset.name,
		asset.municipal_asset_code,
		asset.asset_name,
		asset.asset_category,
		asset.department,
		asset.location,
		asset.gross_purchase_amount,
	]


def save_summary_rows(doc):
	frappe.db.delete("Asset Stock Check Summary", {"parent": doc.name, "parenttype": doc.doctype})
	for idx, row in enumerate(doc.summary, 1):
		row.idx = idx
		row.parent, row.parenttype, row.parentfield = doc.name, doc.doctype, "summary"
		row.name = None
		row.db_insert()


def locations_with_children(locations: list[str]) -> list[str]:
	"""The locations and every location under them (a building includes its rooms)."""
	if not locations:
		return []
	loc = frappe.qb.DocType("Location")
	bounds = frappe.qb.from_(loc).select(loc.lft, loc.rgt).where(loc.name.isin(locations)).run()
	names = set(locations)
	for lft, rgt in bounds:
		names.update(
			frappe.qb.from_(loc).select(loc.name).where((loc.lft >= lft) & (loc.rgt <= rgt)).run(pluck=True)
		)
	return sorted(names)


def validate_committee(rows, forbid_supplies_officer: bool = True):
	"""At least three members, exactly one chair, no one twice; the Supplies Officer may not sit on a
	stock-check committee (clause 213)."""
	users = [row.user for row in rows if row.user]
	if len(users) < MIN_COMMITTEE:
		frappe.throw(
			_("The committee needs at least {0} members").format(MIN_COMMITTEE),
			CommitteeConflictError,
			title=_("Committee"),
		)
	if len(set(users)) != len(users):
		frappe.throw(_("A member is listed twice"), CommitteeConflictError, title=_("Committee"))
	chair_count = sum(1 for row in rows if row.committee_role == "Chair")
	if chair_count != 1:
		frappe.throw(
			_("The committee needs exactly one chair"),
			CommitteeConflictError,
			title=_("Committee"),
		)
	if forbid_supplies_officer:
		for user in users:
			if is_supplies_officer(user):
				frappe.throw(
					_("{0} is a Supplies Officer and may not sit on the stock-check committee").format(user),
					CommitteeConflictError,
					title=_("Committee"),
				)


def is_supplies_officer(user: str) -> bool:
	return "Supplies Officer" in frappe.get_roles(user)


def chairs(doc) -> list[str]:
	return [row.user for row in doc.committee if row.committee_role == "Chair"]


def committee_of(stock_check: str) -> list[str]:
	member = frappe.qb.DocType("Asset Stock Check Committee Member")
	return (
		frappe.qb.from_(member)
		.select(member.user)
		.where((member.parent == stock_check) & (member.parenttype == "Asset Stock Check"))
		.run(pluck=True)
	)


def checks_of_member_query(user: str):
	"""The stock checks `user` sits on the committee of, as a query (also usable as a subquery)."""
	member = frappe.qb.DocType("Asset Stock Check Committee Member")
	return (
		frappe.qb.from_(member)
		.select(member.parent)
		.where((member.user == user) & (member.parenttype == "Asset Stock Check"))
	)


def checks_of_member(user: str) -> list[str]:
	return checks_of_member_query(user).distinct().run(pluck=True)
