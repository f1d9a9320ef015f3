"""The one upload check (smart_core/uploads.py): real images pass and are re-encoded without metadata,
anything that only looks like an image is refused, and every new File is checked before it is written."""

import base64
import io
import os

import frappe
from frappe.tests.utils import FrappeTestCase
from PIL import ExifTags, Image, PngImagePlugin

from nonsaad_smart.smart_core import uploads
from nonsaad_smart.smart_core.uploads import InvalidPhotoError, InvalidUploadError
from nonsaad_smart.tests.utils import image_bytes as make_image_bytes
from nonsaad_smart.tests.utils import make_user, make_village

GPS = {1: "N", 2: (16.0, 58.0, 12.0), 3: "E", 4: (102.0, 17.0, 24.0)}


def exif_with_gps(orientation: int = 1) -> bytes:
	exif = Image.Exif()
	exif[0x0112] = orientation
	exif[0x010F] = "PhoneMaker"
	exif[ExifTags.IFD.GPSInfo] = GPS
	return exif.tobytes()


def image_bytes(fmt: str = "JPEG", size=(60, 40), **save) -> bytes:
	return make_image_bytes(fmt, size, **save)


def gps_jpeg(orientation: int = 1) -> bytes:
	return image_bytes("JPEG", exif=exif_with_gps(orientation), comment=b"home of the reporter")


def data_url(content: bytes, mime: str = "image/jpeg", name: str | None = "photo.jpg") -> str:
	url = f"data:{mime};base64,{base64.b64encode(content).decode()}"
	return f"{name},{url}" if name else url


# what an attacker sends as a "photo"
FAKES = {
	"webp header then script": b"RIFF\x20\x00\x00\x00WEBPVP8 <script>alert(document.cookie)</script>",
	"jpeg header then html": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
	+ b"<html><body><script>alert(1)</script></body></html>",
	"png header then html": b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
	"svg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
	"html": b"<!doctype html><script>alert(1)</script>",
	"pdf": b"%PDF-1.4\n%fake\n%%EOF",
	"exe": b"MZ\x90\x00" + b"\x00" * 200,
}


def on_disk(file) -> bytes:
	with open(file.get_full_path(), "rb") as f:
		return f.read()


def private_files() -> set[str]:
	return set(os.listdir(frappe.get_site_path("private", "files")))


def public_files() -> set[str]:
	return set(os.listdir(frappe.get_site_path("public", "files")))


class TestCheckImage(FrappeTestCase):
	def test_real_photos_pass_in_each_format(self):
		for fmt, name, mime in (
			("JPEG", "a.jpg", "image/jpeg"),
			("PNG", "a.png", "image/png"),
			("WEBP", "a.webp", "image/webp"),
		):
			upload = uploads.check_image(image_bytes(fmt), name, declared_mime=mime)
			self.assertEqual((upload.format, upload.mime, upload.filename), (fmt, mime, name))
			self.assertEqual(Image.open(io.BytesIO(upload.content)).size, (60, 40))

	def test_fakes_refused(self):
		for label, content in FAKES.items():
			with self.assertRaises(InvalidPhotoError, msg=label):
				uploads.check_image(content, "photo.jpg")
			with self.assertRaises(InvalidPhotoError, msg=label):
				uploads.check_image(content)  # no name to go by either

	def test_truncated_and_mislabelled_images_refused(self):
		jpeg = image_bytes("JPEG", size=(200, 150))
		cases = {
			"truncated jpeg": (jpeg[: len(jpeg) // 2], "a.jpg", None),
			"png named .jpg": (image_bytes("PNG"), "a.jpg", None),
			"jpeg declared png": (jpeg, "a.jpg", "image/png"),
			"gif is not a photo": (image_bytes("GIF"), "a.gif", None),
			"jpeg named .html": (jpeg, "a.html", None),
			"empty": (b"", "a.jpg", None),
		}
		for label, (content, name, mime) in cases.items():
			with self.assertRaises(InvalidPhotoError, msg=label):
				uploads.check_image(content, name, declared_mime=mime)

	def test_size_and_pixel_limits(self):
		with self.assertRaises(InvalidPhotoError):
			uploads.check_image(image_bytes("JPEG"), max_bytes=100)
		bomb = io.BytesIO()
		Image.new("1", (10_000, 6_000)).save(bomb, "PNG")  # 60 megapixels in a few kB
		self.assertLess(len(bomb.getvalue()), uploads.MAX_PHOTO_BYTES)
		with self.assertRaises(InvalidPhotoError):
			uploads.check_image(bomb.getvalue(), "bomb.png")

	def test_reencoded_without_exif_gps_or_comment(self):
		original = gps_jpeg()
		self.assertEqual(Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo), GPS)
		upload = uploads.check_image(original, "gps.jpg")
		stored = Image.open(io.BytesIO(upload.content))
		self.assertEqual(dict(stored.getexif()), {})
		self.assertNotIn("comment", stored.info)
		self.assertNotIn(b"PhoneMaker", upload.content)
		self.assertNotIn(b"home of the reporter", upload.content)
		# PNG text chunks and WebP EXIF go too
		info = PngImagePlugin.PngInfo()
		info.add_text("Comment", "16.97,102.29")
		png = uploads.check_image(image_bytes("PNG", pnginfo=info, exif=exif_with_gps()), "a.png")
		self.assertEqual(Image.open(io.BytesIO(png.content)).info, {})
		webp = uploads.check_image(image_bytes("WEBP", exif=exif_with_gps()), "a.webp")
		self.assertNotIn("exif", Image.open(io.BytesIO(webp.content)).info)

	def test_orientation_applied_before_exif_is_dropped(self):
		upload = uploads.check_image(gps_jpeg(orientation=6), "turned.jpg")  # 6: rotate 90°
		self.assertEqual(Image.open(io.BytesIO(upload.content)).size, (40, 60))

	def test_anything_after_the_image_is_dropped(self):
		polyglot = image_bytes("JPEG") + b"<script>alert(1)</script>"
		upload = uploads.check_image(polyglot, "a.jpg")
		self.assertNotIn(b"<script>", upload.content)

	def test_big_photo_scaled_down(self):
		upload = uploads.check_image(image_bytes("JPEG", size=(5000, 100)), "wide.jpg")
		self.assertEqual(Image.open(io.BytesIO(upload.content)).size[0], uploads.MAX_PHOTO_SIDE)

	def test_file_names_made_safe(self):
		upload = uploads.check_image(image_bytes("PNG"), "../../etc/pass wd<x>.png")
		self.assertEqual(upload.filename, "pass_wd_x_.png")
		self.assertEqual(uploads.check_image(image_bytes("WEBP")).filename, "photo.webp")


class TestDataUrl(FrappeTestCase):
	def test_web_form_value_and_bare_data_url(self):
		jpeg = image_bytes("JPEG")
		self.assertEqual(uploads.photo_from_data_url(data_url(jpeg)).filename, "photo.jpg")
		bare = uploads.photo_from_data_url(data_url(jpeg, name=None), default_name="A-1")
		self.assertEqual(bare.filename, "A-1.jpg")

	def test_bad_values_refused(self):
		jpeg = image_bytes("JPEG")
		for value in (
			"/private/files/secret.pdf",
			"photo.jpg,data:image/jpeg,not-base64",
			"photo.jpg,data:image/jpeg;base64,@@@@",
			data_url(jpeg, "image/png"),
			data_url(FAKES["webp header then script"], "image/webp", "x.webp"),
			data_url(b"\xff\xd8\xff" + b"0" * (6 * 1024 * 1024)),
			12345,
			None,
		):
			with self.assertRaises(InvalidPhotoError, msg=str(value)[:60]):
				uploads.photo_from_data_url(value)


class TestEveryFileChecked(FrappeTestCase):
	"""Files that do not pass an endpoint of the app (desk upload, REST, other web forms)."""

	def tearDown(self):
		frappe.set_user("Administrator")

	def insert_file(self, name: str, content: bytes, **kwargs):
		return frappe.get_doc(
			{"doctype": "File", "file_name": name, "content": content, "is_private": 1, **kwargs}
		).insert(ignore_permissions=True)

	def test_fake_image_refused_before_anything_is_written(self):
		rows, on_disk = frappe.db.count("File"), private_files()
		for label, content in FAKES.items():
			with self.assertRaises(InvalidPhotoError, msg=label):
				self.insert_file(f"{label.replace(' ', '-')}.jpg", content)
		self.assertEqual((frappe.db.count("File"), private_files()), (rows, on_disk))

	def test_image_field_needs_an_image_whatever_the_name(self):
		with self.assertRaises(InvalidPhotoError):
			self.insert_file(
				"after.txt",
				FAKES["html"],
				attached_to_doctype="Pole Repair",
				attached_to_name="x",
				attached_to_field="after_photo",
			)

	def test_desk_photo_reencoded_other_files_untouched(self):
		photo = on_disk(self.insert_file("after-repair.jpg", gps_jpeg()))
		self.assertEqual(dict(Image.open(io.BytesIO(photo)).getexif()), {})
		gif = image_bytes("GIF")
		self.assertEqual(on_disk(self.insert_file("anim.gif", gif)), gif)
		csv = b"BMW,LED,40\n"  # starts like a bitmap; it is a CSV
		self.assertEqual(on_disk(self.insert_file("poles.csv", csv)), csv)
		with self.assertRaises(InvalidUploadError):
			self.insert_file("report.pdf", b"<html>not a pdf</html>")
		self.assertTrue(self.insert_file("report.pdf", FAKES["pdf"]).file_url)

	def test_citizen_uploads_only_photos_and_pdf(self):
		user = make_user("uploads.citizen@nonsaad.test", ["Citizen"], user_type="Website User")
		frappe.set_user(user)
		rows = frappe.db.count("File")
		for name, content, error in (
			("notes.txt", b"plain text", InvalidUploadError),
			("page.html", FAKES["html"], InvalidUploadError),
			("photo.jpg", FAKES["html"], InvalidPhotoError),
			("photo.gif", image_bytes("GIF"), InvalidPhotoError),
			("doc.pdf", image_bytes("JPEG"), InvalidUploadError),
			("photo.txt", image_bytes("JPEG"), InvalidPhotoError),
		):
			with self.assertRaises(error, msg=name):
				self.insert_file(name, content)
		self.assertEqual(frappe.db.count("File"), rows)
		stored = on_disk(self.insert_file("mine.jpg", gps_jpeg()))
		self.assertEqual(dict(Image.open(io.BytesIO(stored)).getexif()), {})

	def test_attach_stores_the_checked_upload(self):
		upload = uploads.check_image(gps_jpeg(), "x.jpg")
		before = public_files()
		url = uploads.attach(upload, "Village", make_village())
		self.assertTrue(url.startswith("/private/files/"))
		self.assertEqual(public_files(), before)
		stored = Image.open(io.BytesIO(on_disk(frappe.get_doc("File", {"file_url": url}))))
		# (Frappe may encode a JPEG once more: System Settings "strip EXIF metadata from uploaded images")
		self.assertEqual((stored.format, stored.size, dict(stored.getexif())), ("JPEG", (60, 40), {}))

	def test_stored_photo_is_a_file_of_this_site(self):
		url = uploads.attach(uploads.check_image(image_bytes("PNG"), "after.png"), "Village", make_village())
		self.assertEqual(uploads.stored_photo(url), url)
		for bad in ("https://evil.example/x.jpg", "/private/files/no-such-file.jpg", "/files/x.svg", None):
			with self.assertRaises(InvalidPhotoError, msg=bad):
				uploads.stored_photo(bad)
