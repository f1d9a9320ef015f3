"""Smart Pet on the desk: the Public Health Officer opens the Smart Pet workspace (number cards, the
coverage chart), the lists and the first Pet / Bite Incident / Rabies Vaccination, and reads no English
(the check of tests/browser/conftest.py, as test_thai_desk.py); the coverage report shows the demo's villages."""

import re

import pytest

from .conftest import check_actions_menu, check_page, desk_login, open_first_row

# besides test_thai_desk's: Smart Pet's record codes, the national system's and vaccines' product names,
# the ISO standard, uploaded file names and the Guest user (who files citizens' web reports)
EXTRA_NEUTRAL = re.compile(
	r"\b(?:PET|RBV|STRAY|BITE|VIL|VCP)-\d+\b|Rabies One Data|ISO \d+(?:/\d+)?|\bGuest\b"
	r"|(?:/private)?/files/[\w./-]+|[\w-]+\.(?:jpg|png|webp)\b"
	r"|\b(?:Rabisin|Nobivac Rabies|Raksharab)\b[^)]*\)?|\b(?:Boehringer Ingelheim|MSD|Indian Immunologicals)\b"
)


pytestmark = pytest.mark.browser


def test_public_health_officer_reads_thai_on_smart_pet(page, base_url):
	problems = []
	desk_login(page, base_url, "health@nonsaad.test")
	page.goto(f"{base_url}/app/smart-pet")
	page.wait_for_selector(".workspace-main-section, .layout-main-section", timeout=30000)
	check_page(page, "health /app/smart-pet", problems, EXTRA_NEUTRAL)
	for route in ("stray-animal", "vaccination-campaign"):
		page.goto(f"{base_url}/app/{route}")
		page.wait_for_selector(".frappe-list", timeout=30000)
		check_page(page, f"health /app/{route}", problems, EXTRA_NEUTRAL)
	for route in ("pet", "bite-incident", "rabies-vaccination"):
		assert open_first_row(page, route, base_url, problems, EXTRA_NEUTRAL), route
		check_page(page, f"health {route} form", problems, EXTRA_NEUTRAL)
		check_actions_menu(page, f"health {route} form", problems, EXTRA_NEUTRAL)
	page.goto(f"{base_url}/app/query-report/Rabies Vaccination Coverage")
	page.wait_for_selector(".dt-row", timeout=30000)
	check_page(page, "health coverage report", problems, EXTRA_NEUTRAL)
	assert not problems, "\n".join(problems)
