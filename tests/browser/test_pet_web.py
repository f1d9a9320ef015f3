"""Smart Pet in the browser: the demo citizen registers a dog with a photo on /my-pets by clicking and
typing (checked in the database: owner, BE birth date, private photo), then a guest reports a stray with a
photo and a typed place on /report-animal (checked in the database), and a place outside the municipality
is refused with a Thai message and nothing written."""

import io

import pytest

from .roles import admin_client, get_list

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin():
	return admin_client()


def photo_file(tmp_path, colour=(180, 120, 60)) -> str:
	from PIL import Image

	path = tmp_path / "dog.jpg"
	buffer = io.BytesIO()
	Image.new("RGB", (640, 480), colour).save(buffer, "JPEG")
	path.write_bytes(buffer.getvalue())
	return str(path)


def test_citizen_registers_a_pet_with_a_photo(page, base_url, admin, tmp_path):
	page.goto(f"{base_url}/login")
	page.fill("#login_email", "citizen@nonsaad.test")
	page.fill("#login_password", "Nonsaad@2569")
	page.locator(".btn-login").click()
	page.wait_for_load_state("networkidle")
	page.goto(f"{base_url}/my-pets")
	page.wait_for_selector("#pet-form", timeout=30000)
	page.select_option("#pf-species", "Dog")
	page.fill("#pf-name", "เจ้าบราวนี่ทดสอบ")
	page.select_option("#pf-sex", "Female")
	page.fill("#pf-colour", "น้ำตาลอ่อน")
	page.fill("#pf-birth", "15/03/2568")
	page.check("#pf-neutered")
	page.set_input_files("#pf-photo", photo_file(tmp_path))
	page.wait_for_timeout(800)  # the page shrinks the photo on a canvas
	page.locator("#pf-submit").click()
	page.wait_for_selector("#pf-message.alert-success", timeout=30000)
	rows = get_list(
		admin,
		"Pet",
		{"pet_name": "เจ้าบราวนี่ทดสอบ"},
		("name", "pet_owner", "birth_date", "photo", "sex", "neutered"),
	)
	assert len(rows) == 1
	row = rows[0]
	owner = get_list(admin, "Citizen", {"user": "citizen@nonsaad.test"}, ("name",))[0]["name"]
	assert (row["pet_owner"], row["birth_date"], row["sex"], row["neutered"]) == (
		owner,
		"2025-03-15",
		"Female",
		1,
	)
	assert row["photo"].startswith("/private/files/")
	page.wait_for_selector(f".pet-card[data-pet='{row['name']}']", timeout=30000)


def test_guest_reports_a_stray_with_photo_and_place(page, base_url, admin, tmp_path):
	page.goto(f"{base_url}/report-animal?kind=stray")
	page.wait_for_selector("#ra-form", timeout=30000)
	before = len(get_list(admin, "Stray Animal", {}, ("name",)))
	page.fill("#ra-description", "สุนัขดำขาวทดสอบเบราว์เซอร์ นอนอยู่ใต้ศาลา")
	page.fill("#ra-place", "ศาลาหมู่ 1")
	page.fill("#ra-lat", "13.7563")
	page.fill("#ra-lng", "100.5018")
	page.set_input_files("#ra-photo", photo_file(tmp_path, (40, 40, 40)))
	page.wait_for_timeout(800)
	page.locator("#ra-submit").click()
	page.wait_for_selector("#ra-message.alert-danger", timeout=30000)
	assert "โนนสะอาด" in page.inner_text("#ra-message")  # outside the municipality, in Thai
	assert len(get_list(admin, "Stray Animal", {}, ("name",))) == before
	page.fill("#ra-lat", "16.97")
	page.fill("#ra-lng", "102.29")
	page.locator("#ra-submit").click()
	page.wait_for_selector("#ra-message.alert-success", timeout=30000)
	rows = get_list(
		admin,
		"Stray Animal",
		{"description": "สุนัขดำขาวทดสอบเบราว์เซอร์ นอนอยู่ใต้ศาลา"},
		("name", "latitude", "longitude", "photo", "reported_via", "place"),
	)
	assert len(rows) == 1
	assert (rows[0]["latitude"], rows[0]["longitude"], rows[0]["place"]) == (16.97, 102.29, "ศาลาหมู่ 1")
	assert rows[0]["photo"].startswith("/private/files/") and rows[0]["reported_via"] == "Web"
