"""Playwright on Debian's chromium (no browser download): the phone context and the desk login."""

import re

import pytest

# `browser` and `page` live in tests/conftest.py: one browser for the whole run (tests/security uses it
# too, and Playwright's sync API cannot run two at once)


@pytest.fixture
def phone(browser):
	context = browser.new_context(
		locale="th-TH",
		viewport={"width": 390, "height": 844},
		is_mobile=True,
		has_touch=True,
		geolocation={"latitude": 16.97, "longitude": 102.29},
		permissions=["geolocation"],
	)
	page = context.new_page()
	yield page
	context.close()


# the desk is up for `user`: the boot is read and the router has drawn a page (not the browser's `load`
# event, which waits for every image, font and tile as well); or the server sent us to /login
DESK_READY = """(user) => location.pathname.startsWith("/login") || (window.frappe && frappe.boot
	&& frappe.session && frappe.session.user === user && frappe.container && frappe.container.page
	&& document.querySelector(".page-container"))"""

# one desk session per (server, user) for the whole run: the first desk_login of a user logs in through
# the login form, the later ones put that session's cookies into their own fresh context (no shared
# localStorage, no shared page) – a session the server no longer knows is logged in again by the form
_desk_sessions: dict[tuple[str, str], list] = {}


def _wait_for_desk(page, user: str) -> bool:
	page.wait_for_function(DESK_READY, arg=user, timeout=30000)
	return not page.evaluate("location.pathname").startswith("/login")


def desk_login(page, base_url: str, user: str, password: str = "Nonsaad@2569"):
	cookies = _desk_sessions.get((base_url, user))
	if cookies:
		page.context.add_cookies(cookies)
		page.goto(f"{base_url}/app", wait_until="commit")
		if _wait_for_desk(page, user):
			return
		page.context.clear_cookies()
	page.goto(f"{base_url}/login", wait_until="domcontentloaded")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=30000, wait_until="commit")
	assert _wait_for_desk(page, user), f"{user} is not logged in to the desk"
	_desk_sessions[(base_url, user)] = page.context.cookies()


# -- Thai first (issue 10.7): no English word on a screen (test_thai_desk, test_pet_desk, test_citizen_thai) --
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
	"""The texts that still hold an English word once the language-neutral parts are removed, or that
	are one of the framework's known wrong Thai words/phrases."""
	found = []
	for text in texts:
		rest = NEUTRAL_RE.sub(" ", text)
		if ENGLISH_WORD.search(rest):
			found.append(f"English: {text!r}")
		if text in BAD_WORDS or any(phrase in text for phrase in BAD_PHRASES):
			found.append(f"wrong Thai: {text!r}")
	return found


AJAX_QUIET = """(quiet) => {
	if (!window.frappe || !frappe.request) return false;
	if (frappe.request.ajax_count || window.__nonsaad_busy === undefined) {
		window.__nonsaad_busy = Date.now();
		return false;
	}
	return Date.now() - window.__nonsaad_busy >= quiet;
}"""


def desk_quiet(page, quiet_ms: int = 500, timeout: int = 20000):
	"""Wait until the desk has had no request in flight for `quiet_ms` (number cards, charts and the
	form's side calls are requests made after the page is shown) instead of a fixed sleep."""
	page.evaluate("() => { delete window.__nonsaad_busy; }")
	page.wait_for_function(AJAX_QUIET, arg=quiet_ms, polling=50, timeout=timeout)


def settle(page):
	page.wait_for_load_state("networkidle")
	page.wait_for_timeout(800)  # charts, cards and the timeline render after the last request


def check_page(page, where: str, problems: list, neutral: re.Pattern | None = None):
	"""Every visible text of the page read by english_or_bad; `neutral`: a module's own neutral parts
	(record codes, product names) removed first."""
	settle(page)
	texts = page.evaluate(VISIBLE_TEXTS)
	if neutral:
		texts = [neutral.sub(" ", t) for t in texts]
	problems += [f"{where}: {p}" for p in english_or_bad(texts)]


def open_first_row(page, list_route: str, base_url: str, problems: list, neutral=None) -> bool:
	"""Open the list, read it, click its first record (as a user does); False if the list is empty."""
	page.goto(f"{base_url}/app/{list_route}")
	rows = page.locator(".list-row-container .list-subject a.ellipsis")
	try:
		rows.first.wait_for(timeout=20000)
	except Exception:
		return False
	check_page(page, f"/app/{list_route}", problems, neutral)
	rows.first.click()
	page.wait_for_selector(".form-layout", timeout=30000)
	return True


def check_actions_menu(page, where: str, problems: list, neutral=None):
	"""Open the workflow's Actions menu (if the role has one) and read its items."""
	actions = page.locator(".page-actions .actions-btn-group > button:visible")
	if actions.count():
		actions.first.click()
		page.wait_for_selector(".actions-btn-group .dropdown-menu.show", timeout=10000)
		check_page(page, f"{where} (actions menu)", problems, neutral)
		page.keyboard.press("Escape")
