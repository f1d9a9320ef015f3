"""Shared test helpers: site preparation and factories of users and citizens."""

import io
import json
import subprocess
import tempfile

import frappe

from nonsaad_smart.smart_core.thai_id import make_national_id

# An ≈ 9 × 8 km square around the demo centre: tests set it so they do not depend on the demo data
TEST_CENTER = (16.97, 102.29)
TEST_BOUNDARY = {
	"type": "Polygon",
	"coordinates": [[[102.25, 16.93], [102.33, 16.93], [102.33, 17.01], [102.25, 17.01], [102.25, 16.93]]],
}


def before_tests():
	"""Make sure the site is set up as after a fresh install (the test site is restored from the dump)."""
	from nonsaad_smart.setup.install import after_sync

	if not frappe.db.a_row_exists("Company"):
		after_sync()
	ensure_test_settings()
	frappe.db.commit()


def ensure_test_settings():
	settings = frappe.get_single("Smart Settings")
	if not settings.boundary_geojson:
		settings.update(
			{
				"municipality_name_th": "เทศบาลตำบลโนนสะอาด",
				"subdistrict": "โนนสะอาด",
				"district": "ศรีบุญเรือง",
				"province": "หนองบัวลำภู",
				"postcode": "39180",
				"map_center_lat": TEST_CENTER[0],
				"map_center_lng": TEST_CENTER[1],
				"boundary_geojson": json.dumps(TEST_BOUNDARY),
			}
		)
		settings.save(ignore_permissions=True)


_serial = [0]


def next_national_id(prefix: str = "19999") -> str:
	"""A valid national ID not yet used on this site."""
	while True:
		_serial[0] += 1
		candidate = make_national_id(f"{prefix}{_serial[0]:07d}"[:12])
		if not frappe.db.exists("Citizen", {"national_id": candidate}):
			return candidate


def make_village(village_no: int = 99, **kwargs) -> str:
	name = frappe.db.get_value("Village", {"village_no": village_no})
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Village",
			"village_no": village_no,
			"village_name": f"บ้านทดสอบ {village_no}",
			"latitude": TEST_CENTER[0],
			"longitude": TEST_CENTER[1],
			**kwargs,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_citizen(**kwargs):
	values = {
		"doctype": "Citizen",
		"national_id": next_national_id(),
		"first_name": "ทดสอบ",
		"last_name": "ระบบ",
		"village": make_village(),
		"latitude": TEST_CENTER[0],
		"longitude": TEST_CENTER[1],
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_user(email: str, roles: list[str], user_type: str = "System User") -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": user_type,
			}
		)
		user.flags.no_welcome_mail = True
		# a test factory, not a sign-up: Frappe refuses a 61st user within a minute ("Throttled"), which a
		# test run that makes its users quickly reaches; the site's own limit is left as it is
		limit = frappe.local.conf.get("throttle_user_limit")
		frappe.local.conf.throttle_user_limit = 1_000_000
		try:
			user.insert(ignore_permissions=True)
		finally:
			if limit is None:
				frappe.local.conf.pop("throttle_user_limit", None)
			else:
				frappe.local.conf.throttle_user_limit = limit
	user = frappe.get_doc("User", email)
	user.add_roles(*roles)
	return email


def pdf_text(pdf: bytes) -> str:
	"""The text of a PDF, as pdftotext reads it (for asserting what a rendered print says)."""
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		return subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout


def image_bytes(fmt: str = "JPEG", size=(32, 24), **save) -> bytes:
	"""A small real image (Pillow), e.g. a photo for an upload; `save` goes to Image.save (exif=…)."""
	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", size, (200, 120, 40)).save(buffer, fmt, **save)
	return buffer.getvalue()


def make_image_file(file_name: str = "photo.jpg", **kwargs) -> str:
	"""A private File holding a real image (e.g. the after photo of a repair); returns its URL."""
	fmt = {"png": "PNG", "webp": "WEBP"}.get(file_name.rsplit(".", 1)[-1].lower(), "JPEG")
	file = frappe.get_doc(
		{"doctype": "File", "file_name": file_name, "content": image_bytes(fmt), "is_private": 1, **kwargs}
	)
	return file.insert(ignore_permissions=True).file_url
