"""The Executive overview (issue 17): every service's figures on one page, this month against last month and
the same month last year (like for like: the month so far against the same days of those months), and a
weekly summary e-mail in Thai (a Frappe Auto Email Report of the report "Executive Weekly Summary").

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
from frappe.utils import add_days, add_months, add_years, get_first_day, get_last_day, getdate, today
from frappe.utils.user import get_users_with_role

from nonsaad_smart.smart_core import notify
from nonsaad_smart.smart_core.thai_date import BE_OFFSET, MONTHS_TH

PERIODS = ("this_month", "last_month", "last_year")
WEEKLY_RECIPIENT_ROLE = "Executive"


def figure_specs() -> list[frappe._dict]:
	return [
		frappe._dict(entry)
		for entry in frappe.get_hooks("nonsaad_overview_figures") or []
		if isinstance(entry, dict) and entry.get("service") and entry.get("label")
	]


def table_specs() -> list[frappe._dict]:
	"""Breakdowns shown under a service's figures (hook `nonsaad_overview_tables`): each entry has
	`service`, `label`, `method` (called with the first and last day of this period, returning
	{"columns": [label, ...], "rows": [[value, ...], ...]}), and optionally `doctype` (shown only to
	those who read it) and `route`."""
	return [
		frappe._dict(entry)
		for entry in frappe.get_hooks("nonsaad_overview_tables") or []
		if isinstance(entry, dict) and entry.get("service") and entry.get("label") and entry.get("method")
	]


def table_values(spec, bounds: dict) -> dict | None:
	"""One breakdown for this user over this period, or None when they may not see it."""
	if not _readable(spec):
		return None
	try:
		method = frappe.get_attr(spec.method)
	except (AttributeError, ImportError):
		return None
	start, end = bounds["this_month"]
	try:
		table = method(start, end)
	except frappe.PermissionError:
		frappe.clear_last_message()
		return None
	return {
		"label": _(spec.label),
		"route": spec.get("route"),
		"columns": [_(c) for c in table.get("columns") or []],
		"rows": table.get("rows") or [],
	}


def periods(month=None, on_day=None) -> dict[str, tuple]:
	"""(first day, last day) of the compared periods, like for like.

	The current month (no `month`, or a day of the current month): the month so far, 1st to `on_day`
	(today), against the same days of the month before and of the same month a year before (a day the
	shorter month lacks is cut at its end: 1-31 March against 1-28 February). A past or future month:
	the whole month against the whole month before and the whole same month a year before."""
	day = getdate(on_day or today())
	first = get_first_day(getdate(month or day))
	starts = {"this_month": first, "last_month": add_months(first, -1), "last_year": add_years(first, -1)}
	if first != get_first_day(day):
		return {key: (start, get_last_day(start)) for key, start in starts.items()}
	return {
		key: (start, min(add_days(start, day.day - 1), get_last_day(start))) for key, start in starts.items()
	}


def is_month_to_date(bounds: dict, on_day=None) -> bool:
	"""True when the periods are of the current month (of `on_day`): the month so far, like for like."""
	return getdate(bounds["this_month"][0]) == get_first_day(getdate(on_day or today()))


def period_label(start, end) -> str:
	"""A period in Thai with its BE year: the whole month "พฤศจิกายน 2569", a part "1–15 พฤศจิกายน 2569"."""
	start, end = getdate(start), getdate(end)
	if start.day == 1 and end == getdate(get_last_day(start)):
		return month_label(start)
	return f"{start.day}–{end.day} {month_label(start)}"


def comparison_note(bounds: dict) -> str:
	"""What the page compares, said in words (Thai through th.csv)."""
	if is_month_to_date(bounds):
		return _(
			"This month so far ({0}) against the same days of last month ({1}) and of the same month last year ({2})"
		).format(*(period_label(*bounds[k]) for k in PERIODS))
	return _("Whole months: {0} against {1} and {2}").format(*(period_label(*bounds[k]) for k in PERIODS))


def _count(spec, start, end) -> float:
	filters = dict(spec.get("filters") or {})
	filters[spec.date_field] = ["between", [start, end]]
	rows = frappe.get_list(spec.doctype, filters=filters, fields=["count(name) as n"])
	return rows[0].n if rows else 0


def _readable(spec) -> bool:
	if spec.get("doctype"):
		return bool(frappe.db.exists("DocType", spec.doctype) and frappe.has_permission(spec.doctype, "read"))
	return True


def figure_values(spec, month=None, bounds=None) -> dict | None:
	"""{period: value} of one figure for this user, or None when the user may not see it."""
	if not _readable(spec):
		return None
	values = {}
	for key, (start, end) in (bounds or periods(month)).items():
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
		values = figure_values(spec, bounds=bounds)
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
	for spec in table_specs():
		table = table_values(spec, bounds)
		if table is None:
			continue
		service = services.setdefault(
			spec.service, {"service": spec.service, "label": _(spec.service), "figures": []}
		)
		service.setdefault("tables", []).append(table)
	return {
		"periods": {
			key: {"from": str(start), "to": str(end), "label": period_label(start, end)}
			for key, (start, end) in bounds.items()
		},
		"month_to_date": is_month_to_date(bounds),
		"note": comparison_note(bounds),
		"services": list(services.values()),
	}


def month_label(day) -> str:
	"""The month in Thai with its BE year: พฤศจิกายน 2569."""
	day = getdate(day)
	return f"{MONTHS_TH[day.month - 1]} {day.year + BE_OFFSET}"


# --- the weekly summary e-mail: a Frappe Auto Email Report ------------------------------------------
# The report "Executive Weekly Summary" (smart_core/report/executive_weekly_summary) lists the overview's
# figures; every enabled Executive gets their own Auto Email Report of it (weekly, Monday, HTML, in Thai),
# run with the figures that Executive may see (the report's `viewer` filter, honoured only for the system).
# Kept in step on install and every migrate (setup step "executive_weekly_summary") and when a User is
# saved (roles given or taken, disabled).
WEEKLY_REPORT = "Executive Weekly Summary"
WEEKLY_DAY = "Monday"


def weekly_report_name(user: str) -> str | None:
	return frappe.db.get_value("Auto Email Report", {"report": WEEKLY_REPORT, "user": user}, "name")


def _wants_weekly(user: str) -> bool:
	if user in notify.NOT_NOTIFIED:
		return False
	row = frappe.db.get_value("User", user, ["enabled", "email", "user_type"], as_dict=True)
	return bool(
		row
		and row.enabled
		and row.email
		and row.user_type == "System User"
		and WEEKLY_RECIPIENT_ROLE in frappe.get_roles(user)
	)


def sync_weekly_report(user: str) -> str | None:
	"""Create, update or disable `user`'s weekly Auto Email Report (idempotent); its name or None."""
	name = weekly_report_name(user)
	if not _wants_weekly(user):
		if name:
			frappe.db.set_value("Auto Email Report", name, "enabled", 0)
		return None
	values = {
		"report": WEEKLY_REPORT,
		"user": user,
		"enabled": 1,
		"frequency": "Weekly",
		"day_of_week": WEEKLY_DAY,
		"format": "HTML",
		"send_if_data": 0,
		"no_of_rows": 500,
		"email_to": frappe.db.get_value("User", user, "email"),
		"filters": frappe.as_json({"viewer": user}, indent=None),
	}
	previous = frappe.local.lang
	frappe.local.lang = "th"  # the name (the e-mail's subject) and description in Thai
	try:
		values["description"] = "<p>{}</p>".format(
			frappe.utils.escape_html(
				_(
					"Summary of every service of the municipality: this month so far against the same days of "
					"last month and of the same month last year"
				)
			)
		)
		if name:
			doc = frappe.get_doc("Auto Email Report", name)
			if any(str(doc.get(k) or "") != str(v) for k, v in values.items()):
				doc.update(values)
				doc.save(ignore_permissions=True)
			return name
		doc = frappe.get_doc({"doctype": "Auto Email Report", **values})
		doc.insert(ignore_permissions=True)
		return doc.name
	finally:
		frappe.local.lang = previous


def setup_weekly_reports() -> None:
	"""Setup step (install and every migrate): one weekly Auto Email Report per enabled Executive."""
	users = set(get_users_with_role(WEEKLY_RECIPIENT_ROLE))
	users |= set(
		frappe.get_all(
			"Auto Email Report", filters={"report": WEEKLY_REPORT}, pluck="user"
		)  # reports of users no longer Executive are disabled
	)
	for user in sorted(users):
		sync_weekly_report(user)


def on_user_update(doc, method=None) -> None:
	"""doc_events User on_update: a new or former Executive gets or loses the weekly summary."""
	if frappe.flags.in_install or frappe.flags.in_migrate:
		return
	if doc.name in notify.NOT_NOTIFIED or not frappe.db.exists("Report", WEEKLY_REPORT):
		return
	if WEEKLY_RECIPIENT_ROLE in [r.role for r in doc.get("roles") or []] or weekly_report_name(doc.name):
		sync_weekly_report(doc.name)


def weekly_rows(data: dict) -> list[dict]:
	"""The report's rows: one per figure, under its service."""
	rows = []
	for service in data["services"]:
		for fig in service["figures"]:
			rows.append(
				{
					"service": service["label"],
					"figure": fig["label"],
					**{k: _number(fig[k], fig["percent"]) for k in PERIODS},
					"vs_last_month": _percent_change(fig["vs_last_month"]),
					"vs_last_year": _percent_change(fig["vs_last_year"]),
				}
			)
	return rows


def _number(value, percent: bool) -> str:
	if value is None:
		return "-"
	text = f"{value:,.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
	return f"{text}%" if percent else text


def _percent_change(value) -> str:
	if value is None:
		return ""
	if not value:
		return "0%"
	return f"{value:+,.1f}%".replace(".0%", "%")
