"""Smart Pet on the desk: the Public Health Officer opens the Smart Pet workspace (number cards, the
coverage chart), the lists and the first Pet / Bite Incident / Rabies Vaccination, and reads no English
(the same check as test_thai_desk.py); the coverage report shows the demo's villages."""

import re

import pytest

from . import test_thai_desk as thai
from .conftest import desk_login

# besides test_thai_desk's: Smart Pet's record codes, the national system's and vaccines' product names,
# the ISO standard, uploaded file names and the Guest user (who files citizens' web reports)
EXTRA_NEUTRAL = re.compile(
	r"\b(?:PET|RBV|STRAY|BITE|VIL|VCP)-\d+\b|Rabies One Data|ISO \d+(?:/\d+)?|\bGuest\b"
	r"|(?:/private)?/files/[\w./-]+|[\w-]+\.(?:jpg|png|webp)\b"
	r"|\b(?:Rabisin|Nobivac Rabies|Raksharab)\b[^)]*\)?|\b(?:Boehringer Ingelheim|MSD|Indian Immunologicals)\b"
)


def check_page(page, where: str, problems: list):
	thai.settle(page)
	texts = [EXTRA_NEUTRAL.sub(" ", t) for t in page.evaluate(thai.VISIBLE_TEXTS)]
	problems += [f"{where}: {p}" for p in thai.english_or_bad(texts)]


def check_actions_menu(page, where: str, problems: list):
	actions = page.locator(".page-actions .actions-btn-group > button:visible")
	if actions.count():
		actions.first.click()
		page.wait_for_selector(".actions-btn-group .dropdown-menu.show", timeout=10000)
		check_page(page, f"{where} (actions menu)", problems)
		page.keyboard.press("Escape")


def open_first_row(page, list_route: str, base_url: str, problems: list) -> bool:
	page.goto(f"{base_url}/app/{list_route}")
	rows = page.locator(".list-row-container .list-subject a.ellipsis")
	try:
		rows.first.wait_for(timeout=20000)
	except Exception:
		return False
	check_page(page, f"/app/{list_route}", problems)
	rows.first.click()
	page.wait_for_selector(".form-layout", timeout=30000)
	return True


pytestmark = pytest.mark.browser


def test_public_health_officer_reads_thai_on_smart_pet(page, base_url):
	problems = []
	desk_login(page, base_url, "health@nonsaad.test")
	page.goto(f"{base_url}/app/smart-pet")
	page.wait_for_selector(".workspace-main-section, .layout-main-section", timeout=30000)
	check_page(page, "health /app/smart-pet", problems)
	for route in ("stray-animal", "vaccination-campaign"):
		page.goto(f"{base_url}/app/{route}")
		page.wait_for_selector(".frappe-list", timeout=30000)
		check_page(page, f"health /app/{route}", problems)
	for route in ("pet", "bite-incident", "rabies-vaccination"):
		assert open_first_row(page, route, base_url, problems), route
		check_page(page, f"health {route} form", problems)
		check_actions_menu(page, f"health {route} form", problems)
	page.goto(f"{base_url}/app/query-report/Rabies Vaccination Coverage")
	page.wait_for_selector(".dt-row", timeout=30000)
	check_page(page, "health coverage report", problems)
	assert not problems, "\n".join(problems)
