"""The Executive overview (issue 17): every service's figures on one page, this month against last month and
the same month last year, and a weekly summary e-mail in Thai.

Each service registers its figures in hook ``nonsaad_overview_figures`` (COMMON contract 2)::

    {
        "service": "Smart Pet",
        "label": "Rabies vaccinations",
        "doctype": "Rabies Vaccination",
        "date_field": "vaccination_date",
        "filters": {"docstatus": 1},
        "route": "/app/rabies-vaccination",
    }
    {"service": "Smart Pet", "label": "Dog vaccination coverage %", "method": "dotted.path", "route": "..."}

A count figure counts the DocType's rows whose ``date_field`` falls in the month, read through
``frappe.get_list`` (the viewer's permissions and row rules): a figure of a DocType the viewer cannot read
is left out. A method figure is ``method(from_date, to_date) -> float``; it checks the reader itself (a
``frappe.PermissionError`` leaves the figure out) and may name a ``doctype`` whose read right it needs.
A figure whose DocType or method is not installed is left out, so a module that lands later appears by itself.
"""

import frappe
from frappe import _
from frappe.utils import add_months, add_years, get_first_day, get_last_day, getdate, today
from frappe.utils.user import get_users_with_role

from nonsaad_smart.smart_core import municipality, notify
from nonsaad_smart.smart_core.thai_date import MONTHS_TH, format_be_date

PERIODS = ("this_month", "last_month", "last_year")
WEEKLY_RECIPIENT_ROLE = "Executive"


def figure_specs() -> list[frappe._dict]:
	return [
		frappe._dict(entry)
		for entry in frappe.get_hooks("nonsaad_overview_figures") or []
		if isinstance(entry, dict) and entry.get("service") and entry.get("label")
	]


def periods(month=None) -> dict[str, tuple]:
	"""(first day, last day) of the month of `month` (today by default), the month before, and the same
	month a year before."""
	first = get_first_day(getdate(month or today()))
	months = {"this_month": first, "last_month": add_months(first, -1), "last_year": add_years(first, -1)}
	return {key: (start, get_last_day(start)) for key, start in months.items()}


def _count(spec, start, end) -> float:
	filters = dict(spec.get("filters") or {})
	filters[spec.date_field] = ["between", [start, end]]
	rows = frappe.get_list(spec.doctype, filters=filters, fields=["count(name) as n"])
	return rows[0].n if rows else 0


def _readable(spec) -> bool:
	if spec.get("doctype"):
		return bool(frappe.db.exists("DocType", spec.doctype) and frappe.has_permission(spec.doctype, "read"))
	return True


def figure_values(spec, month=None) -> dict | None:
	"""{period: value} of one figure for this user, or None when the user may not see it."""
	if not _readable(spec):
		return None
	values = {}
	for key, (start, end) in periods(month).items():
		if spec.get("method"):
			try:
				method = frappe.get_attr(spec.method)
			except (AttributeError, ImportError):
				return None
			try:
				values[key] = method(start, end)
			except frappe.PermissionError:
				frappe.clear_last_message()
				return None
		elif spec.get("doctype") and spec.get("date_field"):
			values[key] = _count(spec, start, end)
		else:
			return None
	return values


def _change(now, before) -> float | None:
	if before in (None, 0) or now is None:
		return None
	return round((now - before) * 100.0 / before, 1)


@frappe.whitelist()
def overview_figures(month=None) -> dict:
	"""Every figure this user may see, per service, for the month of `month` (today by default)."""
	if frappe.session.user == "Guest" or frappe.get_cached_value(
		"User", frappe.session.user, "user_type"
	) != ("System User"):
		frappe.throw(_("Dashboards are for the municipality's staff"), frappe.PermissionError)
	bounds = periods(month)
	services: dict[str, dict] = {}
	for spec in figure_specs():
		values = figure_values(spec, month)
		if values is None:
			continue
		service = services.setdefault(
			spec.service, {"service": spec.service, "label": _(spec.service), "figures": []}
		)
		service["figures"].append(
			{
				"label": _(spec.label),
				"route": spec.get("route"),
				"percent": "%" in spec.label or bool(spec.get("percent")),
				**values,
				"vs_last_month": _change(values["this_month"], values["last_month"]),
				"vs_last_year": _change(values["this_month"], values["last_year"]),
			}
		)
	return {
		"periods": {
			key: {"from": str(start), "to": str(end), "label": month_label(start)}
			for key, (start, end) in bounds.items()
		},
		"services": list(services.values()),
	}


def month_label(day) -> str:
	"""The month in Thai with its BE year: พฤศจิกายน 2569."""
	day = getdate(day)
	return f"{MONTHS_TH[day.month - 1]} {day.year + 543}"


# --- the weekly summary e-mail ------------------------------------------------------------------------
def _number(value, percent: bool) -> str:
	if value is None:
		return "-"
	text = f"{value:,.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
	return f"{text}%" if percent else text


def summary_html(data: dict) -> str:
	"""The overview as an e-mail body, in Thai (the caller has set the language)."""
	p = data["periods"]
	head = "".join(
		f"<th style='text-align:right;padding:4px 8px'>{frappe.utils.escape_html(p[k]['label'])}</th>"
		for k in PERIODS
	)
	rows = []
	for service in data["services"]:
		rows.append(
			f"<tr><td colspan='4' style='padding:8px 4px 2px'><b>{frappe.utils.escape_html(service['label'])}"
			"</b></td></tr>"
		)
		for fig in service["figures"]:
			cells = "".join(
				f"<td style='text-align:right;padding:4px 8px'>{_number(fig[k], fig['percent'])}</td>"
				for k in PERIODS
			)
			rows.append(
				f"<tr><td style='padding:4px 8px'>{frappe.utils.escape_html(fig['label'])}</td>{cells}</tr>"
			)
	url = frappe.utils.get_url("/app/executive-overview")
	intro = _("Summary of every service of the municipality, as of {0}").format(
		format_be_date(today(), "long")
	)
	link = _("Open the Executive overview")
	return (
		f"<p>{frappe.utils.escape_html(intro)}</p>"
		f"<table style='border-collapse:collapse'><tr><th></th>{head}</tr>{''.join(rows)}</table>"
		f"<p><a href='{url}'>{frappe.utils.escape_html(link)}</a></p>"
	)


def send_weekly_summary() -> list[str]:
	"""Scheduled weekly: each Executive gets the overview as they may see it, in Thai (mail queue)."""
	sent = []
	for user in sorted(set(get_users_with_role(WEEKLY_RECIPIENT_ROLE)) - set(notify.NOT_NOTIFIED)):
		if not frappe.db.get_value("User", user, "enabled"):
			continue
		previous_user, previous_lang = frappe.session.user, frappe.local.lang
		try:
			frappe.set_user(user)
			frappe.local.lang = "th"
			data = overview_figures()
			subject = _("Weekly summary of {0}: {1}").format(
				municipality.name(), data["periods"]["this_month"]["label"]
			)
			body = summary_html(data)
		finally:
			frappe.set_user(previous_user)
			frappe.local.lang = previous_lang
		notify.send_email([user], subject, body, "Workspace", "Executive Overview")
		sent.append(user)
	return sent
