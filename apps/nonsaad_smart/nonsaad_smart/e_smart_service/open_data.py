"""Open data of E-Smart Service (hooks `nonsaad_open_datasets`, served by smart_core/open_data.py):
requests per village, month, service type and state – counts only, never a request or a person."""

import frappe
from frappe.query_builder.functions import Count, DateFormat

from nonsaad_smart.e_smart_service.states import STATE_TH


def requests_by_village_and_month() -> list[dict]:
	"""One row per (month of submission, village, service type, state) with the number of requests."""
	sr = frappe.qb.DocType("Service Request")
	village = frappe.qb.DocType("Village")
	month = DateFormat(sr.submitted_on, "%Y-%m")
	rows = (
		frappe.qb.from_(sr)
		.left_join(village)
		.on(village.name == sr.village)
		.select(
			month.as_("month"),
			village.village_no,
			village.village_name,
			sr.service_type,
			sr.service_name,
			sr.workflow_state,
			Count(sr.name).as_("requests"),
		)
		.groupby(month, village.village_no, village.village_name, sr.service_type, sr.service_name)
		.groupby(sr.workflow_state)
		.orderby(month)
		.orderby(village.village_no)
		.orderby(sr.service_type)
		.run(as_dict=True)
	)
	return [
		{
			"month": r.month,
			"village_no": r.village_no,
			"village": r.village_name,
			"service_type": r.service_type,
			"service_name": r.service_name,
			"state": r.workflow_state,
			"state_th": STATE_TH.get(r.workflow_state, r.workflow_state),
			"requests": int(r.requests),
		}
		for r in rows
	]


def requests_by_type_and_month() -> list[dict]:
	"""Coarser, so that small villages still show: one row per (month, service type), all villages."""
	sr = frappe.qb.DocType("Service Request")
	month = DateFormat(sr.submitted_on, "%Y-%m")
	rows = (
		frappe.qb.from_(sr)
		.select(month.as_("month"), sr.service_type, sr.service_name, Count(sr.name).as_("requests"))
		.groupby(month, sr.service_type, sr.service_name)
		.orderby(month)
		.orderby(sr.service_type)
		.run(as_dict=True)
	)
	return [
		{
			"month": r.month,
			"service_type": r.service_type,
			"service_name": r.service_name,
			"requests": int(r.requests),
		}
		for r in rows
	]


def requests_by_village_per_month() -> list[dict]:
	"""One row per (month, village), all service types and states."""
	sr = frappe.qb.DocType("Service Request")
	village = frappe.qb.DocType("Village")
	month = DateFormat(sr.submitted_on, "%Y-%m")
	rows = (
		frappe.qb.from_(sr)
		.left_join(village)
		.on(village.name == sr.village)
		.select(month.as_("month"), village.village_no, village.village_name, Count(sr.name).as_("requests"))
		.groupby(month, village.village_no, village.village_name)
		.orderby(month)
		.orderby(village.village_no)
		.run(as_dict=True)
	)
	return [
		{"month": r.month, "village_no": r.village_no, "village": r.village_name, "requests": int(r.requests)}
		for r in rows
	]
