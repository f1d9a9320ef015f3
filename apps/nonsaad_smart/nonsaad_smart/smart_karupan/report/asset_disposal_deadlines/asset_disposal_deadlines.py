"""Asset Disposal Deadlines: every disposal request, its 60-day deadline and how many days are left."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import date_diff, getdate, today


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), get_data(filters)


def columns():
	return [
		{
			"fieldname": "name",
			"label": _("Disposal Request"),
			"fieldtype": "Link",
			"options": "Asset Disposal Request",
			"width": 140,
		},
		{
			"fieldname": "stock_check",
			"label": _("Stock Check"),
			"fieldtype": "Link",
			"options": "Asset Stock Check",
			"width": 120,
		},
		{"fieldname": "method", "label": _("Disposal Method"), "fieldtype": "Data", "width": 140},
		{"fieldname": "workflow_state", "label": _("Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "assets", "label": _("Assets"), "fieldtype": "Int", "width": 70},
		{"fieldname": "book_value", "label": _("Book Value"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "sale_amount", "label": _("Sale Amount"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "approved_on", "label": _("Approved On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "deadline", "label": _("Disposal Deadline"), "fieldtype": "Date", "width": 100},
		{"fieldname": "completed_on", "label": _("Completed On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_left", "label": _("Days Left"), "fieldtype": "Int", "width": 80},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Check", "width": 70},
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
