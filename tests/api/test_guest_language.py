"""A guest reads the municipality's web pages in Thai, whatever language the browser asks for (10.9)."""

import json


def page(guest, path: str, **headers) -> str:
	r = guest.get(path, headers={"Accept": "text/html", **headers})
	assert r.status_code == 200, r.status_code
	return r.text


def test_english_browser_still_reads_thai(guest):
	html = page(guest, "/report/new", **{"Accept-Language": "en-US,en;q=0.9"})
	assert "แจ้งเรื่องร้องเรียน/ร้องทุกข์" in html  # the form's title, translated
	# the missing-fields dialog's Thai, sent to the page's frappe._messages (JSON-escaped)
	assert json.dumps("กรุณากรอกข้อมูลให้ครบ")[1:-1] in html


def test_an_explicit_choice_of_language_wins(guest):
	html = page(guest, "/report/new?_lang=en", **{"Accept-Language": "en-US,en;q=0.9"})
	assert '<h1 class="ellipsis">Report a problem</h1>' in html
