"""The mayor's dashboard over HTTP: every card and chart of the workspace gives, to the demo mayor
(role Executive), the figure computed here independently with SQL on the test site's database; roles
without access to a service get none of its figures."""

import json
from datetime import date

import pytest
from conftest import bench_execute

DISPOSED = ("Scrapped", "Sold", "Cancelled", "Capitalized")
NUMBER_CARD_RESULT = "/api/method/frappe.desk.doctype.number_card.number_card.get_result"
BOOK_VALUE = "/api/method/nonsaad_smart.smart_karupan.dashboard.asset_book_value"
STOCK_CHECK = "/api/method/nonsaad_smart.smart_karupan.dashboard.stock_check_progress"
SLA = "/api/method/nonsaad_smart.e_smart_service.dashboard.sla_compliance"
PER_VILLAGE = (
	"/api/method/nonsaad_smart.e_smart_service.dashboard_chart_source."
	"service_requests_per_village.service_requests_per_village.get"
)


def sql(query: str) -> list:
	return json.loads(bench_execute("frappe.db.sql", query) or "[]")


def today() -> date:
	"""The site's today (its time zone, not the machine's)."""
	return date.fromisoformat(json.loads(bench_execute("frappe.utils.today")))


def fiscal_year_bounds(day: date) -> tuple[date, date]:
	"""Thai fiscal year holding `day`: 1 October – 30 September."""
	start_year = day.year if day.month >= 10 else day.year - 1
	return date(start_year, 10, 1), date(start_year + 1, 9, 30)


@pytest.fixture(scope="module")
def mayor(login):
	return login("mayor")


def doctype_card(client, name: str):
	card = client.get(f"/api/resource/Number Card/{name}").json()["data"]
	r = client.post(NUMBER_CARD_RESULT, data={"doc": json.dumps(card), "filters": card["filters_json"]})
	assert r.status_code == 200, r.text[:300]
	return r.json()["message"]


def test_karupan_assets_and_book_value(mayor):
	disposed = ", ".join(f"'{s}'" for s in DISPOSED)
	((count,),) = sql(f"select count(*) from tabAsset where docstatus = 1 and status not in ({disposed})")
	assert count > 0
	assert doctype_card(mayor, "Municipal Assets") == count
	# book value: the first finance book's value for a depreciated asset, else the asset's own
	((book,),) = sql(
		f"""select sum(coalesce(fb.value_after_depreciation, a.value_after_depreciation, 0))
		from tabAsset a left join `tabAsset Finance Book` fb
			on fb.parent = a.name and fb.parenttype = 'Asset' and fb.idx = 1 and a.calculate_depreciation = 1
		where a.docstatus = 1 and a.status not in ({disposed})"""
	)
	r = mayor.get(BOOK_VALUE)
	assert r.status_code == 200, r.text[:300]
	assert r.json()["message"]["fieldtype"] == "Currency"
	assert r.json()["message"]["value"] == pytest.approx(float(book), abs=0.01)


def test_stock_check_progress_of_the_current_check(mayor):
	((check,),) = sql(
		"select name from `tabAsset Stock Check` where docstatus < 2 order by fiscal_year desc, creation desc limit 1"
	)
	((total, checked),) = sql(
		f"""select count(*), sum(ifnull(result, '') != '') from `tabAsset Stock Check Line`
		where stock_check = '{check}'"""
	)
	result = mayor.get(STOCK_CHECK).json()["message"]
	assert result["fieldtype"] == "Percent"
	assert result["value"] == round(float(checked) * 100 / total, 1)
	assert result["route"] == ["Form", "Asset Stock Check", check]


def test_sla_compliance_this_fiscal_year(mayor):
	start, end = fiscal_year_bounds(today())
	((finished, on_time),) = sql(
		f"""select count(*), sum(date(resolved_on) <= due_date) from `tabService Request`
		where workflow_state in ('Resolved', 'Closed') and resolved_on is not null
			and submitted_on >= '{start}' and submitted_on < '{end} 23:59:59.999999'"""
	)
	assert finished > 0, "the demo has finished requests this fiscal year"
	result = mayor.get(SLA).json()["message"]
	assert result["fieldtype"] == "Percent"
	assert result["value"] == round(float(on_time) * 100 / finished, 1)


def test_requests_per_village_this_fiscal_year(mayor):
	start, end = fiscal_year_bounds(today())
	rows = sql(
		f"""select v.village_no, count(r.name) from tabVillage v left join `tabService Request` r
			on r.village = v.name and r.submitted_on >= '{start}' and r.submitted_on < '{end} 23:59:59.999999'
		group by v.name, v.village_no order by v.village_no"""
	)
	((no_village,),) = sql(
		f"""select count(*) from `tabService Request` where ifnull(village, '') = ''
		and submitted_on >= '{start}' and submitted_on < '{end} 23:59:59.999999'"""
	)
	r = mayor.get(PER_VILLAGE, params={"chart_name": "Service Requests per Village"})
	assert r.status_code == 200, r.text[:300]
	chart = r.json()["message"]
	expected = [count for _no, count in rows] + ([no_village] if no_village else [])
	assert chart["datasets"][0]["values"] == expected
	assert len(chart["labels"]) == len(expected)
	assert chart["datasets"][0]["name"].endswith(str(end.year + 543))  # named by its BE year


def test_faulty_lights_card(mayor):
	((faulty,),) = sql(
		"select count(*) from `tabStreet Light Pole` where status in ('Faulty', 'Under Repair')"
	)
	assert doctype_card(mayor, "Faulty Street Lights") == faulty


def test_workspace_has_every_service_for_the_mayor(mayor):
	r = mayor.post(
		"/api/method/frappe.desk.desktop.get_desktop_page",
		data={"page": json.dumps({"name": "Smart Government", "title": "Smart Government", "public": 1})},
	)
	assert r.status_code == 200, r.text[:300]
	page = r.json()["message"]
	cards = {c["number_card_name"] for c in page["number_cards"]["items"]}
	assert {
		"Municipal Assets",
		"Asset Book Value",
		"Stock Check Progress",
		"SLA Compliance",
		"Faulty Street Lights",
		"Open Service Requests",
	} <= cards
	assert "Service Requests per Village" in {c["chart_name"] for c in page["charts"]["items"]}
	# the map card: the mini map (a Custom HTML Block) and the shortcut to the full map
	assert "Municipal Map" in {b["custom_block_name"] for b in page["custom_blocks"]["items"]}
	assert "smart-map" in {s["link_to"] for s in page["shortcuts"]["items"]}


@pytest.mark.parametrize(
	"user, url",
	[("technician", BOOK_VALUE), ("technician", STOCK_CHECK), ("citizen", SLA), ("citizen", PER_VILLAGE)],
)
def test_figures_need_read_access(login, user, url):
	r = login(user).get(url)
	assert r.status_code == 403, r.text[:300]
