"""Thai users read and type Buddhist-era dates in the desk: lists, forms, reports, the workspace chart.

The database keeps CE; what the officer sees is BE (year + 543) and what they type in BE is stored CE.
"""

import json
import re

import pytest
from conftest import bench_execute

from .conftest import desk_login

pytestmark = pytest.mark.browser

CE_YEAR = re.compile(r"(?<!\d)20[0-4]\d(?!\d)")  # 2000–2049 as a year in a date
BE_DATE = re.compile(r"\d{2}-\d{2}-25\d\d")  # the site's dd-mm-yyyy with a BE year


def assert_be(texts: list[str], what: str):
	texts = [t.strip() for t in texts if t and t.strip()]
	assert texts, f"no {what} shown"
	for text in texts:
		assert BE_DATE.search(text), f"{what}: {text!r} is not a BE date"
		assert not CE_YEAR.search(text), f"{what}: {text!r} shows a CE year"


def column_texts(page, fieldname: str) -> list[str]:
	"""Texts of one column of the list's report view (Frappe DataTable), found by its fieldname."""
	return page.evaluate(
		"""(fieldname) => {
			const columns = cur_list.datatable.getColumns();
			const index = columns.findIndex((c) => c.docfield && c.docfield.fieldname === fieldname);
			if (index < 0) return [];
			return [...document.querySelectorAll(`.dt-cell--col-${index}[class*='dt-cell--row-']`)]
				.map((e) => e.innerText);
		}""",
		fieldname,
	)


def test_service_request_list_and_form_show_be(page, base_url):
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	# the list (report view shows every list column, dates included)
	page.goto(f"{base_url}/app/service-request/view/report")
	page.wait_for_function("window.cur_list && cur_list.datatable && cur_list.data.length > 0", timeout=30000)
	page.wait_for_function(
		"(() => { const c = cur_list.datatable.getColumns();"
		" return c.some((x) => x.docfield && x.docfield.fieldname === 'due_date'); })()",
		timeout=30000,
	)
	assert_be(column_texts(page, "due_date"), "due date column")
	# what the desk does with typed text and chart labels (thai_date.js)
	cases = {
		"02-12-2569": "2026-12-02",
		"02-12-69": "2026-12-02",
		"02-12-2026": "2026-12-02",
		"02-12-2569 10:30:00": "2026-12-02 10:30:00",
	}
	for typed, stored in cases.items():
		assert page.evaluate("(v) => frappe.datetime.user_to_str(v)", typed) == stored, typed
	assert page.evaluate("frappe.datetime.str_to_user('2026-12-02')") == "02-12-2569"
	assert page.evaluate("nonsaad.be_chart_label('Dec 2025')") == "ธ.ค. 2568"
	assert page.evaluate("nonsaad.be_chart_label('Quarter 1 2026')") == "ไตรมาส 1 2569"
	# the form: read-only dates (Date and Datetime)
	name = page.evaluate("cur_list.data[0].name")
	page.goto(f"{base_url}/app/service-request/{name}")
	page.wait_for_selector("[data-fieldname='due_date'] .control-value", timeout=30000)
	due = page.locator("[data-fieldname='due_date'] .control-value").first.inner_text()
	submitted = page.locator("[data-fieldname='submitted_on'] .control-value").first.inner_text()
	assert_be([due, submitted], "Service Request dates")
	# no BE hint line under the field any more: the field itself is BE
	assert page.locator(".nonsaad-be-hint").count() == 0


def test_pole_repair_form_shows_be_in_edit_mode(page, base_url):
	# a draft repair of the demo with its start recorded (other tests save drafts without one)
	repair = json.loads(
		bench_execute(
			"frappe.db.get_value",
			"Pole Repair",
			{"docstatus": 0, "start_datetime": ("is", "set")},
			"name",
		)
	)
	desk_login(page, base_url, "works@nonsaad.test")
	page.goto(f"{base_url}/app/pole-repair/{repair}")
	page.wait_for_selector("[data-fieldname='start_datetime'] input", timeout=30000)
	value = page.locator("[data-fieldname='start_datetime'] input").first.input_value()
	assert_be([value], "Pole Repair start (edit mode)")
	name = page.evaluate("cur_frm.doc.name")
	assert re.match(r"^PRP-25\d\d-\d{5}$", name), name


def test_report_date_columns_are_be(page, base_url):
	desk_login(page, base_url, "supplies@nonsaad.test")
	page.goto(f"{base_url}/app/query-report/Municipal Asset Register")
	page.wait_for_function(
		"window.frappe && frappe.query_report && frappe.query_report.datatable"
		" && frappe.query_report.data && frappe.query_report.data.length > 0",
		timeout=60000,
	)
	texts = page.evaluate(
		"""(fieldtype) => {
			const columns = frappe.query_report.datatable.getColumns();
			const index = columns.findIndex((c) => (c.docfield || c).fieldtype === fieldtype);
			return [...document.querySelectorAll(`.dt-cell--col-${index}[class*='dt-cell--row-']`)]
				.map((e) => e.innerText).slice(0, 20);
		}""",
		"Date",
	)
	assert_be(texts, "register report date column")
	# the register's asset numbers are BE too (ACC-ASS-2569-00001: ERPNext's series, set BE in code)
	names = page.evaluate(
		"""() => [...document.querySelectorAll(".dt-cell--col-1[class*='dt-cell--row-']")]
			.map((e) => e.innerText).slice(0, 20)"""
	)
	assert names and not any(CE_YEAR.search(n) for n in names), names


# a month (Thai or English abbreviation) or a four-digit year: a label of a time series
DATE_LABEL = (
	r"\d{4}|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
	r"|ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\."
)


def test_workspace_chart_labels_are_be(page, base_url):
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	page.goto(f"{base_url}/app/smart-government")
	page.wait_for_selector(".widget.dashboard-widget-box .chart-container svg .x.axis text", timeout=60000)
	labels = page.evaluate(
		"[...document.querySelectorAll('.dashboard-widget-box .chart-container svg .x.axis text')]"
		".map((e) => e.textContent.trim()).filter(Boolean)"
	)
	# the time-series charts (per month); other charts on the page label villages, services…
	dated = [label for label in labels if re.search(DATE_LABEL, label)]
	assert dated, labels
	for label in dated:
		assert re.search(r"25\d\d", label), f"chart label {label!r} has no BE year"
		assert not CE_YEAR.search(label), f"chart label {label!r} shows a CE year"
		assert not re.search(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec", label), label


def test_typing_a_be_date_stores_the_ce_date(page, base_url):
	"""The front desk types a birth date in BE (02-12-2512); the database keeps 1969-12-02."""
	name = json.loads(bench_execute("frappe.db.get_value", "Citizen", {"birth_date": ("is", "set")}, "name"))
	original = json.loads(bench_execute("frappe.db.get_value", "Citizen", name, "birth_date"))
	desk_login(page, base_url, "frontdesk@nonsaad.test")
	try:
		page.goto(f"{base_url}/app/citizen/{name}")
		field = page.locator("[data-fieldname='birth_date'] input").first
		field.wait_for(timeout=30000)
		field.click()
		field.fill("02-12-2512")
		page.keyboard.press("Escape")
		page.locator(".page-head .page-title").first.click()  # blur: the control parses what was typed
		page.wait_for_function("cur_frm.doc.birth_date === '1969-12-02'", timeout=10000)
		assert field.input_value() == "02-12-2512"  # shown back in BE
		page.keyboard.press("Control+s")
		page.wait_for_function("!cur_frm.is_dirty()", timeout=30000)
		stored = json.loads(bench_execute("frappe.db.get_value", "Citizen", name, "birth_date"))
		assert stored == "1969-12-02", stored
	finally:
		bench_execute("frappe.db.set_value", "Citizen", name, "birth_date", original)
