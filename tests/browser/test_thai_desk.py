"""Thai first on the desk (issue 10.7): each main role opens the screens it works with and reads no English.

Every visible text of the page (and the open Actions menu of a form) is checked: after removing what is
language-neutral (codes, numbers, e-mail addresses, the services' product names) no English word may be
left, and none of the framework's known machine-translation mistakes may show.
"""

import pytest

from .conftest import check_actions_menu, check_page, desk_login, english_or_bad, open_first_row

pytestmark = pytest.mark.browser

# role -> (workspace routes, list routes whose first record is opened too, list routes only listed)
SCREENS = {
	"frontdesk": (
		["smart-government", "e-smart-service"],
		["service-request", "street-light-pole"],
		["citizen"],
	),
	"technician": (["smart-i-pole"], ["pole-repair"], ["service-request"]),
	"auditor": (["smart-government"], ["service-request", "street-light-pole"], ["citizen"]),
	"supplies": (["smart-karupan"], ["asset-stock-check"], ["asset"]),
	"mayor": (["smart-government"], ["service-request"], ["street-light-pole"]),
	"dispatcher": (["smart-ems"], ["ems-incident"], ["ambulance", "ems-crew-member"]),
}


@pytest.mark.parametrize("role", list(SCREENS))
def test_role_reads_thai_on_its_screens(page, base_url, role):
	workspaces, forms, lists = SCREENS[role]
	problems = []
	desk_login(page, base_url, f"{role}@nonsaad.test")
	check_page(page, f"{role} home", problems)
	for route in workspaces:
		page.goto(f"{base_url}/app/{route}")
		page.wait_for_selector(".workspace-main-section, .layout-main-section", timeout=30000)
		check_page(page, f"{role} /app/{route}", problems)
	for route in lists:
		page.goto(f"{base_url}/app/{route}")
		page.wait_for_selector(".frappe-list", timeout=30000)
		check_page(page, f"{role} /app/{route}", problems)
	opened = 0
	for route in forms:
		if not open_first_row(page, route, base_url, problems):
			continue
		opened += 1
		check_page(page, f"{role} form {route}", problems)
		check_actions_menu(page, f"{role} form {route}", problems)
	assert opened, f"{role} could open none of {forms}"
	assert not problems, "\n".join(sorted(set(problems)))


def test_filter_check_catches_english_and_bad_thai():
	assert english_or_bad(["SR-2570-00001", "works@nonsaad.test", "ไฟฟ้าส่องสว่างอัจฉริยะ (Smart I Pole)"]) == []
	assert english_or_bad(["List View"]) and english_or_bad(["หุ้น"]) and english_or_bad(["ทุ่งนาที่ขาดหายไป"])
