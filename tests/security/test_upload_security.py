"""Every upload path over real HTTP: the citizen report form, the Karupan scanning page and Frappe's own
upload endpoint (the desk's attach dialog, used for a repair's after photo, and a citizen's session).

A file that only looks like an image (a WebP header followed by a script, a JPEG header followed by
HTML, HTML named .jpg) is refused with a named error and a message; no row and no file on disk is
written. A real photo is stored re-encoded, without its EXIF (GPS position of the phone included).
"""

import base64
import io
import json
import uuid

import pytest
from conftest import ROOT, SITE, Client, post_report, report_values

KARUPAN = "/api/method/nonsaad_smart.smart_karupan.api."
UPLOAD = "/api/method/upload_file"

FAKES = {
	"webp header then script": b"RIFF\x20\x00\x00\x00WEBPVP8 <script>alert(document.cookie)</script>",
	"jpeg header then html": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
	+ b"<html><body><script>alert(1)</script></body></html>",
	"html named as a photo": b"<!doctype html><script>alert(document.cookie)</script>",
}
MIME = {"webp header then script": "image/webp"}


def gps_jpeg() -> bytes:
	"""A phone photo: EXIF with the maker and the GPS position of the reporter's house."""
	from PIL import ExifTags, Image

	exif = Image.Exif()
	exif[0x010F] = "PhoneMaker"
	exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (16.0, 58.0, 12.0), 3: "E", 4: (102.0, 17.0, 24.0)}
	buffer = io.BytesIO()
	Image.new("RGB", (64, 48), (30, 140, 60)).save(buffer, "JPEG", exif=exif.tobytes())
	return buffer.getvalue()


def exif_of(content: bytes) -> dict:
	from PIL import Image

	return dict(Image.open(io.BytesIO(content)).getexif())


def data_url(content: bytes, mime: str = "image/jpeg") -> str:
	return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def files_on_disk() -> int:
	site = ROOT / "sites" / SITE
	return sum(len(list((site / part / "files").iterdir())) for part in ("private", "public"))


def count(admin, doctype: str) -> int:
	r = admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype})
	assert r.status_code == 200, r.text
	return r.json()["message"]


def snapshot(admin, *doctypes) -> tuple:
	return (files_on_disk(), *(count(admin, d) for d in doctypes))


def assert_refused(r, error: str = "InvalidPhotoError"):
	assert r.status_code == 417, (r.status_code, r.text[:300])
	body = r.json()
	assert body.get("exc_type") == error, r.text[:300]
	messages = " ".join(json.loads(m).get("message", "") for m in json.loads(body["_server_messages"]))
	assert "JPG" in messages, messages  # says what is accepted


def stored(admin, file_url: str) -> bytes:
	r = admin.get(file_url)
	assert r.status_code == 200, (file_url, r.status_code)
	return r.content


def fake_ip() -> str:
	n = uuid.uuid4().int
	return f"10.{n % 200 + 50}.{n // 200 % 250}.{n // 50000 % 250 + 1}"


# --- the citizen report form --------------------------------------------------------------------------
@pytest.mark.parametrize("case", list(FAKES))
def test_report_form_refuses_fake_photos(admin, case):
	before = snapshot(admin, "Service Request", "File")
	photo = f"photo.jpg,{data_url(FAKES[case], MIME.get(case, 'image/jpeg'))}"
	assert_refused(post_report(Client(), report_values(photo=photo), fake_ip()))
	assert snapshot(admin, "Service Request", "File") == before


def test_report_form_stores_the_photo_without_gps(admin):
	original = gps_jpeg()
	assert exif_of(original)
	r = post_report(Client(), report_values(photo=f"house.jpg,{data_url(original)}"), fake_ip())
	assert r.status_code == 200, r.text
	name = r.json()["message"]["name"]
	photo = admin.get(f"/api/resource/Service Request/{name}").json()["data"]["photo"]
	content = stored(admin, photo)
	assert exif_of(content) == {} and b"PhoneMaker" not in content


# --- the Karupan scanning page ------------------------------------------------------------------------
def unchecked_line(admin, check) -> dict:
	r = admin.get(
		"/api/resource/Asset Stock Check Line",
		params={
			"filters": json.dumps({"stock_check": check, "result": ["is", "not set"]}),
			"fields": '["name", "municipal_asset_code"]',
			"limit_page_length": 1,
		},
	)
	return r.json()["data"][0]


@pytest.mark.parametrize("case", list(FAKES))
def test_scan_page_refuses_fake_photos(admin, login, demo_check, case):
	"""The page used to trust the declared MIME type: a script declared image/jpeg was stored."""
	line = unchecked_line(admin, demo_check)
	before = snapshot(admin, "File")
	r = login("committee2").post(
		KARUPAN + "scan",
		json={
			"stock_check": demo_check,
			"code": line["municipal_asset_code"],
			"result": "Found In Use",
			"photo": data_url(FAKES[case], MIME.get(case, "image/jpeg")),
		},
	)
	assert_refused(r)
	assert snapshot(admin, "File") == before
	row = admin.get(f"/api/resource/Asset Stock Check Line/{line['name']}").json()["data"]
	assert not row.get("result") and not row.get("photo")  # nothing half-written


def test_scan_page_stores_the_photo_without_gps(admin, login, demo_check):
	line = unchecked_line(admin, demo_check)
	r = login("committee3").post(
		KARUPAN + "scan",
		json={
			"stock_check": demo_check,
			"code": line["municipal_asset_code"],
			"result": "Damaged",
			"photo": data_url(gps_jpeg()),
		},
	)
	assert r.status_code == 200, r.text
	photo = admin.get(f"/api/resource/Asset Stock Check Line/{line['name']}").json()["data"]["photo"]
	assert photo.startswith("/private/files/")
	assert exif_of(stored(admin, photo)) == {}


# --- Frappe's upload endpoint: the desk's attach dialog and a citizen's session ---------------------
def draft_repair_of_technician(admin) -> str | None:
	r = admin.get(
		"/api/resource/Pole Repair",
		params={
			"filters": json.dumps({"docstatus": 0, "technician": "technician@nonsaad.test"}),
			"limit_page_length": 1,
		},
	)
	rows = r.json().get("data") or []
	return rows[0]["name"] if rows else None


def upload(session, name: str, content: bytes, **form):
	return session.post(UPLOAD, files={"file": (name, content)}, data={"is_private": 1, **form})


@pytest.mark.parametrize("user", ["technician", "citizen"])
@pytest.mark.parametrize("case", list(FAKES))
def test_upload_endpoint_refuses_fake_photos(admin, login, user, case):
	form = {}
	repair = draft_repair_of_technician(admin) if user == "technician" else None
	if repair:  # the after photo of the technician's repair, as the desk attaches it
		form = {"doctype": "Pole Repair", "docname": repair, "fieldname": "after_photo"}
	before = snapshot(admin, "File")
	r = upload(login(user), "after-repair.jpg", FAKES[case], **form)
	assert_refused(r)
	assert snapshot(admin, "File") == before


def test_upload_endpoint_stores_photos_without_gps(admin, login):
	for user in ("technician", "citizen"):
		r = upload(login(user), f"photo-{user}.jpg", gps_jpeg())
		assert r.status_code == 200, (user, r.text[:300])
		assert exif_of(stored(admin, r.json()["message"]["file_url"])) == {}, user


def test_citizen_uploads_only_photos_and_pdf(admin, login):
	before = snapshot(admin, "File")
	r = upload(login("citizen"), "notes.txt", b"not a photo")
	assert_refused(r, "InvalidUploadError")
	assert snapshot(admin, "File") == before
