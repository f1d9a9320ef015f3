"""Asset Disposal Deadlines: every disposal request, its 60-day deadline and how many days are left."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import date_diff, getdate, today

from nonsaad_smart.smart_core.reporting import column


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), get_data(filters)


def columns():
	return [
		column(_("Disposal Request"), "name", "Link", 140, options="Asset Disposal Request"),
		column(_("Stock Check"), "stock_check", "Link", 120, options="Asset Stock Check"),
		column(_("Disposal Method"), "method", "Data", 140),
		column(_("Status"), "workflow_state", "Data", 120),
		column(_("Assets"), "assets", "Int", 70),
		column(_("Book Value"), "book_value", "Currency", 120),
		column(_("Sale Amount"), "sale_amount", "Currency", 120),
		column(_("Approved On"), "approved_on", "Date", 100),
		column(_("Disposal Deadline"), "deadline", "Date", 100),
		column(_("Completed On"), "completed_on", "Date", 100),
		column(_("Days Left"), "days_left", "Int", 80),
		column(_("Overdue"), "overdue", "Check", 70),
	]


def get_data(filters):
	request = frappe.qb.DocType("Asset Disposal Request")
	item = frappe.qb.DocType("Asset Disposal Item")
	query = (
		frappe.qb.from_(request)
		.left_join(item)
		.on((item.parent == request.name) & (item.parenttype == "Asset Disposal Request"))
		.select(
			request.name,
			request.stock_check,
			request.method,
			request.workflow_state,
			request.approved_on,
			request.deadline,
			request.completed_on,
			Count(item.name).as_("assets"),
			Sum(item.book_value).as_("book_value"),
			Sum(item.sale_amount).as_("sale_amount"),
		)
		.where(request.docstatus < 2)
		.groupby(request.name)
		.orderby(request.deadline)
	)
	if filters.get("stock_check"):
		query = query.where(request.stock_check == filters.stock_check)
	if filters.get("open_only"):
		query = query.where(request.completed_on.isnull())
	data = query.run(as_dict=True)
	for row in data:
		if row.deadline and not row.completed_on:
			row.days_left = date_diff(row.deadline, today())
			row.overdue = 1 if getdate(row.deadline) < getdate(today()) else 0
	return data
