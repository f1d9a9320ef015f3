"""The citizen pages are written in English and read in Thai (translations/th.csv): a guest with no choice
gets Thai, `?_lang=en` gets the English source text, over real HTTP on every converted page."""

import json

import pytest
from conftest import Client

# page -> (a Thai text it shows by default, the English source of that text)
GUEST_PAGES = {
	"/request-status": ("ดูสถานะ", "Show status"),
	"/report-animal": ("ลักษณะสัตว์และสิ่งที่พบ *", "The animal and what you saw *"),
	"/pole/NSA-99-9999": ("ไม่พบเสาไฟฟ้า", "Street light pole not found"),
	"/map": ("แสดงเฉพาะข้อมูลสาธารณะ ไม่มีข้อมูลส่วนบุคคล", "public information only, no personal data"),
	"/open-data": ("พจนานุกรมข้อมูล / schema", "Data dictionary</a>"),
	"/performance": ("ตามกอง (ทีมเจ้าหน้าที่)", "By division (officer team)"),
}


def html_of(client: Client, path: str) -> str:
	r = client.get(path, headers={"Accept": "text/html", "Accept-Language": "en-US,en;q=0.9"})
	assert r.status_code in (200, 404), (path, r.status_code)
	return r.text


def with_lang(path: str, lang: str) -> str:
	return f"{path}{'&' if '?' in path else '?'}_lang={lang}"


@pytest.mark.parametrize("path", GUEST_PAGES)
def test_guest_reads_thai_and_english_on_request(path):
	thai, english = GUEST_PAGES[path]
	default = html_of(Client(), path)
	assert thai in default and english not in default, path
	chosen = html_of(Client(), with_lang(path, "en"))
	assert english in chosen and thai not in chosen, path


@pytest.fixture(scope="module")
def pole_code(admin):
	r = admin.get("/api/resource/Street Light Pole", params={"limit_page_length": 1})
	assert r.status_code == 200, r.text
	return r.json()["data"][0]["name"]


def test_pole_page_of_a_known_pole(pole_code):
	path = f"/pole/{pole_code}"
	default = html_of(Client(), path)
	assert "แจ้งไฟฟ้าส่องสว่างชำรุด" in default and f"เสาไฟฟ้าส่องสว่าง {pole_code}" in default
	chosen = html_of(Client(), with_lang(path, "en"))
	assert "Report a broken street light" in chosen and f"Street light pole {pole_code}" in chosen
	assert "แจ้งไฟฟ้าส่องสว่างชำรุด" not in chosen


def test_request_loop_script_gets_its_translations():
	"""request_loop.js's __() strings reach the page's frappe._messages in the page's language."""
	default = html_of(Client(), "/request-status")
	for thai in ("แก้ไขเรียบร้อยจริงหรือไม่?", "ถ้ายังไม่เรียบร้อย บอกเราว่ายังมีปัญหาอะไร"):
		assert json.dumps(thai)[1:-1] in default, thai
	chosen = html_of(Client(), "/request-status?_lang=en")
	assert '"Is it really fixed?": "Is it really fixed?"' in chosen


def test_logged_in_citizen_pages():
	citizen = Client().login("citizen@nonsaad.test")  # its own session: a language choice stays in it
	for path, thai, english in (
		("/my-requests", "เลขที่เรื่อง", "Tracking number"),
		("/my-pets", "ขึ้นทะเบียนสัตว์เลี้ยงใหม่", "Register a new pet"),
	):
		default = html_of(citizen, path)
		assert thai in default, path
		chosen = html_of(citizen, with_lang(path, "en"))
		assert english in chosen and thai not in chosen, path
