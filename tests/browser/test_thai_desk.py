"""Thai first on the desk (issue 10.7): each main role opens the screens it works with and reads no English.

Every visible text of the page (and the open Actions menu of a form) is checked: after removing what is
language-neutral (codes, numbers, e-mail addresses, the services' product names) no English word may be
left, and none of the framework's known machine-translation mistakes may show.
"""

import re

import pytest

from .conftest import desk_login

pytestmark = pytest.mark.browser

# language-neutral parts of a text: record codes, numbers, e-mails, units and names of products/services
NEUTRAL = [
	r"[\w.+-]+@[\w.-]+",  # e-mail addresses (user ids in the timeline)
	r"\b(?:SR|PRP|ASC|CIT|ACC-ASS|ADR|NSA|HR-EMP|EMS|AMB|CRW|VCK|SFT|MW|CSV|DRN|CLV|FLD)[-\w]*",  # naming series and pole codes
	r"\b\d[\w./:-]*",  # numbers, dates, times
	r"\bx-xxxx-xxxxx-\d\d-\d\b",  # masked national IDs
	r"\b(?:Non Sa-at Smart|Smart I Pole|E-Smart Service|Smart Karupan|Smart Kids|Smart Terrain|Open311|Frappe|Traffy Fondue)\b",
	r"\b(?:LED|CFL|AED|QR|GPS|PDPA|SLA|API|ID|GeoJSON|PDF|Ctrl|MB|NSA)\b",
	r"\b(?:ALS|BLS|FR|EMR|EMT|AEMT|Paramedic|CBD)\b",  # EMS unit types and crew levels, as Thai staff say them
	r"\bAdministrator\b",  # the system user's name
	r"\bnull\b",  # Frappe's timeline prints an empty old value as "null" (no translation hook)
	r"\bLeaflet\b|\bOpenStreetMap\b",  # the map's required attribution
]
NEUTRAL_RE = re.compile("|".join(f"(?:{p})" for p in NEUTRAL))
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")

# the framework's wrong Thai a municipal user read (issue 10.7); a whole text equal to one of these, or
# containing one of the phrases, fails
BAD_WORDS = {"หุ้น", "บ้าน", "ชัดเจน", "เสนอ", "ปั่นกรอบ", "ปฏิบัติตาม", "เลิก", "ชุด", "ไอดี", "ก่อน"}
BAD_PHRASES = [
	"ทุ่งนาที่ขาดหายไป",
	"ค่านิยม ที่จำเป็น ขาดหายไป",
	"ได้รับการปรับปรุง",
	"ชิงค์ล่าสุด",
	"ซิงค์ล่าสุด",
	"ซิงค์ครั้งสุดท้าย",
	"Depreciated บางส่วน",
	"ข้ามไปที่สนาม",
	"ไม่มี {0} พบ",
]

VISIBLE_TEXTS = """() => {
	const out = [];
	const hidden = (el) => el.closest(".visually-hidden, .sr-only, [aria-hidden='true'], .hide, .hidden");
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
		if (!text || !el || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(el.tagName)) continue;
		if (hidden(el) || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
		const r = el.getBoundingClientRect();
		if (r.width > 2 && r.height > 2) out.push(text);
	}
	for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
		if (el.checkVisibility() && el.getBoundingClientRect().width > 2) out.push(el.placeholder);
	}
	return out;
}"""


def english_or_bad(texts: list[str]) -> list[str]:
	found = []
	for text in texts:
		rest = NEUTRAL_RE.sub(" ", text)
		if ENGLISH_WORD.search(rest):
			found.append(f"English: {text!r}")
		if text in BAD_WORDS or any(phrase in text for phrase in BAD_PHRASES):
			found.append(f"wrong Thai: {text!r}")
	return found


def settle(page):
	page.wait_for_load_state("networkidle")
	page.wait_for_timeout(800)  # charts, cards and the timeline render after the last request


def check_page(page, where: str, problems: list):
	settle(page)
	problems += [f"{where}: {p}" for p in english_or_bad(page.evaluate(VISIBLE_TEXTS))]


def open_first_row(page, list_route: str, base_url: str, problems: list) -> bool:
	"""Open the list, read it, click its first record (as a user does); False if the list is empty."""
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


def check_actions_menu(page, where: str, problems: list):
	"""Open the workflow's Actions menu (if the role has one) and read its items."""
	actions = page.locator(".page-actions .actions-btn-group > button:visible")
	if actions.count():
		actions.first.click()
		page.wait_for_selector(".actions-btn-group .dropdown-menu.show", timeout=10000)
		check_page(page, f"{where} (actions menu)", problems)
		page.keyboard.press("Escape")


# role -> (workspace routes, list routes whose first record is opened too, list routes only listed)
SCREENS = {
	"frontdesk": (
		["non-sa-at-smart", "e-smart-service"],
		["service-request", "street-light-pole"],
		["citizen"],
	),
	"technician": (["smart-i-pole"], ["pole-repair"], ["service-request"]),
	"auditor": (["non-sa-at-smart"], ["service-request", "street-light-pole"], ["citizen"]),
	"supplies": (["smart-karupan"], ["asset-stock-check"], ["asset"]),
	"mayor": (["non-sa-at-smart"], ["service-request"], ["street-light-pole"]),
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
