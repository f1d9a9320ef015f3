"""The guest report form through Frappe's real web-form endpoint: every bad input gives a clear error and
writes nothing (rows and files counted before and after); office fields cannot be set; rate limit."""

import json
import re

import pytest
from conftest import (
	ROOT,
	WEB_FORM_ACCEPT,
	Client,
	bad_photos,
	error_of,
	fake_ip,
	file_value,
	jpeg,
	post_report,
	report_values,
	row_counts,
)

THAI = re.compile(r"[\u0E00-\u0E7F]")
# the app's modules: a web form of another module is the framework's
APP_MODULES = set((ROOT / "apps/nonsaad_smart/nonsaad_smart/modules.txt").read_text().split("\n")) - {""}

good = report_values


def submit(data: dict, ip: str | None = None, client: Client | None = None):
	return post_report(client or Client(), data, ip or fake_ip())


def counts(admin) -> tuple[int, int]:
	return row_counts(admin, "Service Request")


BAD = {
	"missing description": (good(description=""), "MissingFieldError"),
	"missing service type": (good(service_type=""), "MissingFieldError"),
	"missing name": (good(requester_name=""), "MissingFieldError"),
	"missing phone": (good(requester_phone=""), "MissingFieldError"),
	"missing place": (good(latitude=None, longitude=None), "MissingFieldError"),
	"bad phone": (good(requester_phone="12345"), "InvalidPhoneError"),
	"phone with letters": (good(requester_phone="08123abcde"), "InvalidPhoneError"),
	"outside (Bangkok)": (good(latitude=13.7563, longitude=100.5018), "OutsideMunicipalityError"),
	"outside (Udon Thani's Non Sa-at)": (
		good(latitude=17.135, longitude=102.755),
		"OutsideMunicipalityError",
	),
	"script in description": (good(description="<script>alert(document.cookie)</script>"), "UnsafeTextError"),
	"html in name": (good(requester_name='<img src=x onerror="alert(1)">'), "UnsafeTextError"),
	"javascript url": (good(description="ดูที่ javascript:alert(1)"), "UnsafeTextError"),
	"unknown service type": (good(service_type="NO-SUCH-TYPE"), "UnknownServiceTypeError"),
	"walk-in only service type": (good(service_type="BUILDPERMIT"), "UnknownServiceTypeError"),
	"unknown asset": (good(asset_doctype="Road", asset_name="NO-SUCH-ROAD"), "InvalidAssetError"),
	"asset of a wrong kind": (good(asset_doctype="User", asset_name="Administrator"), "InvalidAssetError"),
	**{k: (good(photo=v), "InvalidPhotoError") for k, v in bad_photos().items()},
	"url of another file": (good(photo="/private/files/secret.pdf"), "InvalidPhotoError"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_refused_and_nothing_written(admin, case):
	data, error = BAD[case]
	before = counts(admin)
	r = submit(data)
	assert r.status_code in (400, 403, 417), (case, r.status_code, r.text[:300])
	exc_type, messages = error_of(r)
	assert exc_type == error, (case, exc_type, r.text[:300])
	assert messages.strip(), case  # a message the citizen can read
	assert counts(admin) == before, case


def test_a_good_report_with_a_photo_is_kept(admin):
	before = counts(admin)
	r = submit(good(photo=file_value(jpeg())))
	assert r.status_code == 200, r.text
	name = r.json()["message"]["name"]
	assert counts(admin) == (before[0] + 1, before[1] + 1)
	doc = admin.get(f"/api/resource/Service Request/{name}").json()["data"]
	assert doc["photo"].startswith("/private/files/")
	assert Client().get(doc["photo"]).status_code in (403, 404)  # the photo is not public


def test_office_fields_cannot_be_set_from_the_form(admin):
	r = submit(
		good(
			workflow_state="Closed",
			priority="Urgent",
			requester="CIT-00001",
			report_count=99,
			resolution_note="done",
			due_date="2099-01-01",
			channel="Walk-in",
		)
	)
	assert r.status_code == 200, r.text
	doc = admin.get(f"/api/resource/Service Request/{r.json()['message']['name']}").json()["data"]
	assert (
		doc["workflow_state"],
		doc["priority"],
		doc.get("requester"),
		doc["report_count"],
		doc["channel"],
	) == ("Submitted", "Normal", None, 1, "Web")
	assert not doc.get("resolution_note") and doc["due_date"] != "2099-01-01"


def test_existing_request_cannot_be_edited_through_the_form(admin):
	name = submit(good()).json()["message"]["name"]
	r = submit(good(name=name, description="แก้ไขโดยคนอื่น"))
	assert r.status_code >= 400
	assert admin.get(f"/api/resource/Service Request/{name}").json()["data"]["description"] == "ท่อระบายน้ำอุดตัน"


def test_guest_submissions_are_rate_limited():
	ip = fake_ip()
	codes = [submit(good(description="" if i % 2 else "ท่ออุดตัน"), ip=ip).status_code for i in range(12)]
	assert 429 not in codes[:10]
	assert codes[10:] == [429, 429]


LONE_SURROGATE_BODIES = {
	# the JSON escape of a lone surrogate inside the form's data (a surrogate only once parsed)
	"json escape in data": lambda: {
		"web_form": "report",
		"data": json.dumps(good(description="ท่อ\ud800อุดตัน")),
	},
	# a form argument of its own with the escape, and raw invalid UTF-8 (ED A0 80) in the body
	"json body": lambda: json.dumps({"web_form": "report", "data": good(requester_name="a\ud800b")}),
}


@pytest.mark.parametrize("case", list(LONE_SURROGATE_BODIES))
def test_lone_surrogates_are_refused_with_a_thai_message(admin, case):
	"""Text with a lone surrogate cannot be stored (utf8mb4): a 4xx with a message, nothing written
	(it was a UnicodeEncodeError 500, issue 18's fuzzer)."""
	before = counts(admin)
	body = LONE_SURROGATE_BODIES[case]()
	if isinstance(body, dict):
		r = Client().post(WEB_FORM_ACCEPT, data=body, headers={"X-Forwarded-For": fake_ip()})
	else:
		r = Client().post(
			WEB_FORM_ACCEPT,
			data=body.encode(),
			headers={"X-Forwarded-For": fake_ip(), "Content-Type": "application/json"},
		)
	assert r.status_code == 417, (case, r.status_code, r.text[:300])
	exc_type, messages = error_of(r)
	assert exc_type == "InvalidInputError" and THAI.search(messages), (case, r.text[:300])
	assert counts(admin) == before, case


def test_framework_guest_forms_need_a_login(admin):
	"""The framework's published guest web forms (Personal Data Download/Deletion Request) validate nothing
	of their own against guest data: a guest is refused with a message, nothing is written; their pages
	ask for a login (after_migrate)."""
	forms = admin.get(
		"/api/resource/Web Form",
		params={"filters": '[["published", "=", 1]]', "fields": '["name", "module", "login_required"]'},
	).json()["data"]
	framework = [f for f in forms if f["module"] not in APP_MODULES]
	assert {"request-data", "request-to-delete-data"} <= {f["name"] for f in framework}, forms
	assert all(f["login_required"] for f in framework), framework
	before = row_counts(admin, "Personal Data Download Request", "Personal Data Deletion Request")
	for form in framework:
		data = {"user": "Administrator", "email": "x@example.com", "full_name": "x", "subject": "x"}
		r = Client().post(
			WEB_FORM_ACCEPT,
			data={"web_form": form["name"], "data": json.dumps(data)},
			headers={"X-Forwarded-For": fake_ip()},
		)
		assert r.status_code == 403, (form["name"], r.status_code, r.text[:300])
		exc_type, messages = error_of(r)
		assert exc_type == "WebFormNotOpenError" and THAI.search(messages), (form["name"], r.text[:300])
	assert row_counts(admin, "Personal Data Download Request", "Personal Data Deletion Request") == before
