"""Asset Disposal Request: assets a stock check found damaged, lost or not needed are disposed of by
sale, auction, exchange, transfer to another agency, destruction or write-off (MoF regulation 2560,
clauses 215–216), approved by the Executive and completed within 60 days.

Completing the request performs ERPNext's own disposal so the books are right:
- Sale, Auction → one Sales Invoice with `is_fixed_asset` items (ERPNext books the gain/loss and marks
  each asset Sold);
- Exchange, Transfer to Another Agency, Destruction, Write-off → `scrap_asset` (depreciation up to today,
  then a Journal Entry that removes cost and accumulated depreciation; the asset becomes Scrapped).
The request, its items, the stock-check lines and the assets link to each other.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import add_days, flt, today

from nonsaad_smart.smart_karupan.asset import book_value
from nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check import validate_committee

DISPOSABLE_RESULTS = ("Damaged", "Lost", "Not Needed")
SALE_METHODS = ("Sale", "Auction")
DEADLINE_DAYS = 60
CLOSED_ASSET_STATUSES = ("Scrapped", "Sold", "Cancelled", "Capitalized")


class AssetNotInCheckError(frappe.ValidationError):
	pass


class DoubleDisposalError(frappe.ValidationError):
	pass


class DisposalStateError(frappe.ValidationError):
	pass


class AssetDisposalRequest(Document):
	def autoname(self):
		self.name = make_autoname("ADR-.BEFY.-.####", doc=self)

	def validate(self):
		validate_committee(self.committee, forbid_supplies_officer=False)
		self.validate_stock_check()
		self.validate_items()
		self.validate_sale()
		self.total_book_value = sum(flt(i.book_value) for i in self.items)
		self.total_sale_amount = sum(flt(i.sale_amount) for i in self.items)

	def validate_stock_check(self):
		state, docstatus = frappe.db.get_value(
			"Asset Stock Check", self.stock_check, ["workflow_state", "docstatus"]
		) or (
			None,
			None,
		)
		if docstatus == 2 or state not in ("Reported to Executive", "Acknowledged"):
			frappe.throw(
				_("Stock check {0} is {1}: disposal follows the committee's report to the Executive").format(
					self.stock_check, _(state or "Draft")
				),
				DisposalStateError,
			)

	def validate_items(self):
		seen = set()
		for item in self.items:
			line = frappe.db.get_value(
				"Asset Stock Check Line",
				item.stock_check_line,
				["stock_check", "asset", "result", "municipal_asset_code", "asset_name"],
				as_dict=True,
			)
			if not line or line.stock_check != self.stock_check:
				frappe.throw(
					_("Row {0}: the asset is not in stock check {1}").format(item.idx, self.stock_check),
					AssetNotInCheckError,
				)
			if line.result not in DISPOSABLE_RESULTS:
				frappe.throw(
					_(
						"Row {0}: {1} was found '{2}'; only damaged, lost or not needed assets are "
						"disposed of"
					).format(item.idx, line.municipal_asset_code, _(line.result or "Unchecked")),
					AssetNotInCheckError,
				)
			item.asset, item.result = line.asset, line.result
			item.municipal_asset_code, item.asset_name = line.municipal_asset_code, line.asset_name
			if line.asset in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice").format(item.idx, line.municipal_asset_code),
					DoubleDisposalError,
				)
			seen.add(line.asset)
			self.validate_not_disposed(item)
			if self.docstatus == 0:
				item.book_value = book_value(line.asset)

	def validate_not_disposed(self, item):
		status, request = frappe.db.get_value("Asset", item.asset, ["status", "disposal_request"])
		if status in CLOSED_ASSET_STATUSES and self.workflow_state != "Completed":
			frappe.throw(
				_("Asset {0} is already {1}").format(item.municipal_asset_code, _(status)),
				DoubleDisposalError,
			)
		if request and request != self.name:
			frappe.throw(
				_("{0} is already disposed of by {1}").format(item.municipal_asset_code, request),
				DoubleDisposalError,
			)
		other = other_open_request(item.asset, self.name)
		if other:
			frappe.throw(
				_("{0} is already in disposal request {1}").format(item.municipal_asset_code, other),
				DoubleDisposalError,
			)

	def validate_sale(self):
		if self.method in SALE_METHODS:
			if not self.buyer:
				frappe.throw(_("A sale or auction needs the buyer"))
			for item in self.items:
				if flt(item.sale_amount) <= 0:
					frappe.throw(_("Row {0}: enter the sale amount").format(item.idx))

	# --- workflow ------------------------------------------------------------------------------------
	def on_submit(self):
		"""Approved by the Executive: the 60-day clock starts."""
		self.db_set(
			{
				"approved_by": frappe.session.user,
				"approved_on": today(),
				"deadline": add_days(today(), DEADLINE_DAYS),
			}
		)

	def on_update_after_submit(self):
		previous = self.get_doc_before_save()
		if self.workflow_state == "Completed" and previous and previous.workflow_state != "Completed":
			self.complete_disposal()

	def on_cancel(self):
		if self.completed_on:
			frappe.throw(_("A completed disposal cannot be cancelled; reverse it in the books"))

	def complete_disposal(self):
		"""ERPNext disposal of every asset, then the links; an error anywhere undoes all of it.

		The Supplies Officer has no rights on accounting vouchers (Journal Entry, Sales Invoice): the
		entries are posted by the system on the officer's behalf, once the Executive has approved."""
		for item in self.items:
			self.validate_not_disposed(item)
		self.post_disposal()
		for item in self.items:
			frappe.db.set_value("Asset", item.asset, "disposal_request", self.name, update_modified=False)
			frappe.db.set_value(
				"Asset Stock Check Line", item.stock_check_line, "disposal_request", self.name
			)
		self.db_set("completed_on", today())

	def post_disposal(self):
		if self.method in SALE_METHODS:
			invoice = self.make_sales_invoice()
			for item in self.items:
				item.db_set("sales_invoice", invoice)
			self.db_set("sales_invoice", invoice)
		else:
			from erpnext.assets.doctype.asset.depreciation import scrap_asset

			for item in self.items:
				scrap_asset(item.asset)
				item.db_set(
					"journal_entry", frappe.db.get_value("Asset", item.asset, "journal_entry_for_scrap")
				)

	def make_sales_invoice(self) -> str:
		from erpnext.assets.doctype.asset.asset import make_sales_invoice

		first = self.items[0]
		item_code = frappe.db.get_value("Asset", first.asset, "item_code")
		invoice = make_sales_invoice(first.asset, item_code, self.company)
		invoice.items[0].rate = flt(first.sale_amount)
		for item in self.items[1:]:
			row = frappe.copy_doc(invoice.items[0])
			row.update(
				{
					"asset": item.asset,
					"item_code": frappe.db.get_value("Asset", item.asset, "item_code"),
					"rate": flt(item.sale_amount),
				}
			)
			invoice.append("items", row)
		invoice.customer = self.buyer
		invoice.posting_date = today()
		invoice.set_posting_time = 1
		invoice.remarks = _("Disposal {0} ({1}) of stock check {2}").format(
			self.name, _(self.method), self.stock_check
		)
		invoice.set_missing_values()
		for row in invoice.items:
			row.item_name = frappe.db.get_value("Item", row.item_code, "item_name")
		invoice.flags.ignore_permissions = True
		invoice.insert()
		invoice.submit()
		return invoice.name


def other_open_request(asset: str, current: str | None) -> str | None:
	request = frappe.qb.DocType("Asset Disposal Request")
	item = frappe.qb.DocType("Asset Disposal Item")
	query = (
		frappe.qb.from_(item)
		.join(request)
		.on(request.name == item.parent)
		.select(request.name)
		.where(item.asset == asset)
		.where(item.parenttype == "Asset Disposal Request")
		.where(request.docstatus < 2)
		.where(request.workflow_state != "Rejected")
	)
	if current:
		query = query.where(request.name != current)
	rows = query.limit(1).run(pluck=True)
	return rows[0] if rows else None


@frappe.whitelist()
def lines_to_dispose(stock_check: str) -> list[dict]:
	"""Lines of a check found damaged, lost or not needed and not yet in a disposal request (form button)."""
	frappe.has_permission("Asset Stock Check", "read", stock_check, throw=True)
	line = frappe.qb.DocType("Asset Stock Check Line")
	return (
		frappe.qb.from_(line)
		.select(line.name, line.asset, line.municipal_asset_code, line.asset_name, line.result)
		.where(line.stock_check == stock_check)
		.where(line.result.isin(DISPOSABLE_RESULTS))
		.where(line.disposal_request.isnull() | (line.disposal_request == ""))
		.orderby(line.municipal_asset_code)
		.run(as_dict=True)
	)
