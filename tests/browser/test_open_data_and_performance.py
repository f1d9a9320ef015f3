"""The public's open data and performance pages in a real browser, as a guest (issue 17):

- /open-data: the guest picks a dataset, downloads its CSV and its JSON by clicking the page's buttons; the
  content is the aggregated data of the database (poles per village, counted here over REST as the
  Administrator), only the declared columns, no personal field, no row under k;
- /performance: the guest reads SLA compliance per service type and month, with BE month labels, and the
  figures equal those counted here from the Service Requests in the database."""

import csv
import io
import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from conftest import bench_execute

pytestmark = pytest.mark.browser

K = 5  # smart_core/open_data.py K_ANONYMITY, documented in docs/open-data.md
PERSONAL = {
	"name",
	"full_name",
	"first_name",
	"last_name",
	"national_id",
	"citizen",
	"requester_name",
	"requester_phone",
	"phone",
	"mobile_no",
	"email",
	"address",
	"birth_date",
	"latitude",
	"longitude",
}
THAI_MONTHS_SHORT = "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split()


def all_rows(admin, doctype: str, fields: list, filters: list) -> list[dict]:
	r = admin.get(
		f"/api/resource/{doctype}",
		params={"fields": json.dumps(fields), "filters": json.dumps(filters), "limit_page_length": 0},
	)
	assert r.status_code == 200, r.text[:300]
	return r.json()["data"]


def click_and_download(page, selector: str) -> bytes:
	"""Click a download button as the user does; the file the browser saved."""
	with page.expect_download(timeout=90000) as info:
		page.click(selector)
	return Path(info.value.path()).read_bytes()


def click_and_open(page, selector: str, url_end: str) -> str:
	"""Click a link the browser shows (JSON): the text it shows."""
	with page.expect_response(lambda r: r.url.endswith(url_end), timeout=90000) as info:
		page.click(selector)
	assert info.value.status == 200
	page.wait_for_url(f"**{url_end}", timeout=90000)
	return page.locator("body").inner_text()


def test_guest_downloads_a_dataset_as_csv_and_json(page, base_url, admin):
	page.goto(f"{base_url}/open-data", wait_until="domcontentloaded", timeout=90000)
	section = page.locator("#dataset-street-lights")
	section.wait_for()
	declared = [c.strip() for c in section.locator("tbody tr td:first-child code").all_inner_texts()]
	assert declared[:2] == ["village_no", "village"]

	text = click_and_download(page, "#dataset-street-lights a:text-is('CSV')").decode("utf-8-sig")
	rows = list(csv.DictReader(io.StringIO(text)))
	assert rows and list(rows[0]) == declared  # exactly the declared columns
	assert not set(declared) & PERSONAL

	data = json.loads(
		click_and_open(page, "#dataset-street-lights a:text-is('JSON')", "/open-data/street-lights.json")
	)
	assert [f["name"] for f in data["dictionary"]["fields"]] == declared
	assert data["licence"]["id"] == "CC-BY-4.0"
	assert len(data["rows"]) == len(rows)
	for row_csv, row_json in zip(rows, data["rows"], strict=True):
		assert set(row_json) <= set(declared)
		assert int(row_csv["poles"]) == row_json["poles"] >= K  # no row under k

	# the aggregate is the database's: poles in service per village, counted over REST
	villages = {v["name"]: v["village_no"] for v in all_rows(admin, "Village", ["name", "village_no"], [])}
	poles = all_rows(admin, "Street Light Pole", ["village", "status"], [["status", "!=", "Removed"]])
	per_village = Counter(villages.get(p["village"]) for p in poles)
	working = Counter(villages.get(p["village"]) for p in poles if p["status"] == "Working")
	published = {int(r["village_no"]): r for r in rows if r["village_no"]}
	expected = {no: n for no, n in per_village.items() if no is not None and n >= K}
	assert {no: int(r["poles"]) for no, r in published.items()} == expected
	for no, r in published.items():
		assert int(r["working"]) == working[no]


def test_guest_reads_sla_per_service_type_and_month(page, base_url, admin):
	bench_execute("nonsaad_smart.e_smart_service.performance.clear_performance_cache")
	page.goto(f"{base_url}/performance")
	table = page.locator("#performance-by-month")
	table.wait_for()
	shown = {}
	for row in table.locator("tbody tr[data-month]").all():
		month, code = row.get_attribute("data-month"), row.get_attribute("data-service-type")
		cells = row.locator("td").all_inner_texts()
		shown[(month, code)] = cells
	assert shown, "no month on the performance page"

	# the database: requests resolved (or closed) since the first day of the month 11 months ago
	today = date.today()
	first = date(today.year - (1 if today.month < 12 else 0), (today.month % 12) + 1, 1)
	requests = all_rows(
		admin,
		"Service Request",
		["service_type", "resolved_on", "due_date"],
		[["workflow_state", "in", ["Resolved", "Closed"]], ["resolved_on", ">=", str(first)]],
	)
	groups = defaultdict(list)
	for r in requests:
		groups[(r["resolved_on"][:7], r["service_type"])].append(r)
	assert set(shown) == set(groups)
	for (month, code), group in groups.items():
		cells = shown[(month, code)]
		year, number = (int(x) for x in month.split("-"))
		assert cells[0] == f"{THAI_MONTHS_SHORT[number - 1]} {year + 543}"  # BE month label
		assert int(cells[2]) == len(group)
		on_time = sum(1 for r in group if r["due_date"] and r["resolved_on"][:10] <= r["due_date"])
		assert cells[3] == f"{round(100.0 * on_time / len(group), 1)}%"
