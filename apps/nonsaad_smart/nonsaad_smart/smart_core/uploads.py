"""One check for every file a citizen, an integrator or a committee member sends (photos above all).

Why here: the report form, the Karupan scan page, the repair's after photo and any future web form all
receive files from people outside the office. A file is accepted only when

- its type is allowed (photos: JPEG, PNG, WebP; PDF where a document is expected),
- it is not larger than the limit,
- its first bytes say that type (magic bytes) *and* it really decodes as that type with Pillow: a file
  that starts ``RIFF….WEBP<script>`` or a JPEG header followed by HTML is refused,
- its name, when it has one, carries an extension of that type.

Accepted photos are re-encoded (orientation applied, then EXIF, GPS, XMP and comments dropped, anything
appended after the image data gone), so what is stored is only the picture. A refusal raises
`InvalidPhotoError` / `InvalidUploadError` with a message that says what is accepted; callers check
before writing anything.

Every new File goes through `File.save_file` of the app's File controller (hooks
`override_doctype_class`), so uploads that do not pass an endpoint of the app (the desk's upload
dialog, e.g. a repair's after photo, REST, other web forms) are checked by content too, before
anything is written to disk. Open311 takes no media: a `media_url` is neither fetched nor stored.
"""

import base64
import binascii
import io
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.core.doctype.file.file import File
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
MAX_PHOTO_BYTES = 5 * MB  # after decoding; the app's pages shrink photos in the browser first
MAX_PIXELS = 50_000_000  # a decompression bomb is refused before it is decoded
MAX_PHOTO_SIDE = 4096  # longer photos are scaled down when re-encoded
JPEG_QUALITY = 88

# Pillow format → (MIME type, file extensions, magic-bytes test)
FORMATS = {
	"JPEG": ("image/jpeg", ("jpg", "jpeg"), lambda b: b.startswith(b"\xff\xd8\xff")),
	"PNG": ("image/png", ("png",), lambda b: b.startswith(b"\x89PNG\r\n\x1a\n")),
	"WEBP": ("image/webp", ("webp",), lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP"),
	"GIF": ("image/gif", ("gif",), lambda b: b[:6] in (b"GIF87a", b"GIF89a")),
	"BMP": ("image/bmp", ("bmp",), lambda b: b.startswith(b"BM")),
	"ICO": ("image/x-icon", ("ico",), lambda b: b.startswith(b"\x00\x00\x01\x00")),
	"TIFF": ("image/tiff", ("tif", "tiff"), lambda b: b[:4] in (b"II*\x00", b"MM\x00*")),
}
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")  # what citizens and committee members send
REENCODED = PHOTO_FORMATS  # GIF (animation), BMP, ICO, TIFF from the desk are only verified
PDF = "PDF"
IMAGE_EXTENSIONS = {ext: fmt for fmt, (_mime, exts, _test) in FORMATS.items() for ext in exts}
# what a website user (citizen) or a guest may upload at all
WEBSITE_USER_TYPES = (*PHOTO_FORMATS, PDF)


class InvalidUploadError(frappe.ValidationError):
	"""A file that is not what an upload may be (type, size, content)."""


class InvalidPhotoError(InvalidUploadError):
	"""A photo that is not a real JPEG/PNG/WebP image of an accepted size."""


@dataclass(frozen=True)
class Upload:
	"""A checked file: safe name, the bytes to store (re-encoded for photos) and its type."""

	filename: str
	content: bytes
	mime: str
	format: str


def type_list(formats) -> str:
	return ", ".join("JPG" if f == "JPEG" else ("WebP" if f == "WEBP" else f) for f in formats)


def photo_error(label: str, formats=PHOTO_FORMATS, max_bytes: int | None = MAX_PHOTO_BYTES):
	message = (
		_("{0}: only {1} photos up to {2} MB are accepted").format(label, type_list(formats), max_bytes // MB)
		if max_bytes
		else _("{0}: only {1} images are accepted").format(label, type_list(formats))
	)
	frappe.throw(message, InvalidPhotoError, title=_("Photo not accepted"))


def sniff(content: bytes) -> str | None:
	"""The format the first bytes claim (an image format of FORMATS, "PDF") or None."""
	for fmt, (_mime, _exts, test) in FORMATS.items():
		if test(content):
			return fmt
	if content.startswith(b"%PDF-"):
		return PDF
	return None


def safe_filename(filename: str | None, fmt: str, default: str = "photo") -> str:
	"""The last path part, only word characters, dots and dashes, at most 80 characters."""
	name = re.sub(r"[^\w.\-]", "_", (filename or "").strip().replace("\\", "/").split("/")[-1])[:80]
	name = name.strip("._") or default
	if "." not in name:
		name += "." + (FORMATS[fmt][1][0] if fmt in FORMATS else fmt.lower())
	return name


def extension(filename: str | None) -> str:
	return filename.rsplit(".", 1)[-1].lower() if filename and "." in filename else ""


_strict = threading.Lock()


@contextmanager
def strict_decoding():
	"""Decode images completely: Frappe's File module lets Pillow fill truncated images with grey
	(ImageFile.LOAD_TRUNCATED_IMAGES), which would let a header followed by anything pass. The switch is
	a module global of Pillow: one decoding at a time per process (gunicorn runs threads)."""
	with _strict:
		previous = ImageFile.LOAD_TRUNCATED_IMAGES
		ImageFile.LOAD_TRUNCATED_IMAGES = False
		try:
			yield
		finally:
			ImageFile.LOAD_TRUNCATED_IMAGES = previous


def decode_image(content: bytes, fmt: str) -> Image.Image:
	"""The decoded image (all pixels read), or an error when the bytes are not a whole `fmt` image."""
	with strict_decoding():
		image = Image.open(io.BytesIO(content), formats=[fmt])
		# a phone's JPEG with a second picture inside (MPF) is read as "MPO"
		if (
			image.format not in (fmt, "MPO" if fmt == "JPEG" else fmt)
			or image.width * image.height > MAX_PIXELS
		):
			raise ValueError("format or size")
		image.load()
		if fmt == "PNG":  # checks every chunk's CRC up to IEND
			Image.open(io.BytesIO(content), formats=[fmt]).verify()
	return image


def reencode(image: Image.Image, fmt: str, max_side: int | None) -> bytes:
	"""Only the pixels (and the colour profile), in the same format: EXIF (GPS included), XMP, comments
	and anything appended after the image are not copied."""
	image = ImageOps.exif_transpose(image)  # keep the photo upright once the orientation tag is gone
	# Pillow copies some of `info` on save (a JPEG comment): keep only the colour profile
	image.info = {k: v for k, v in image.info.items() if k == "icc_profile"}
	if max_side and max(image.size) > max_side:
		image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
	out = io.BytesIO()
	if fmt == "JPEG":
		if image.mode not in ("RGB", "L"):
			image = image.convert("RGB")
		image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
	elif fmt == "PNG":
		if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
			image = image.convert("RGBA")
		image.save(out, "PNG", optimize=True)
	else:
		if image.mode not in ("RGB", "RGBA"):
			image = image.convert("RGBA" if "A" in image.mode else "RGB")
		image.save(out, "WEBP", quality=JPEG_QUALITY)
	return out.getvalue()


def check_image(
	content: bytes,
	filename: str | None = None,
	label: str | None = None,
	formats=PHOTO_FORMATS,
	max_bytes: int | None = MAX_PHOTO_BYTES,
	declared_mime: str | None = None,
	reencode_image: bool = True,
	max_side: int | None = MAX_PHOTO_SIDE,
) -> Upload:
	"""A checked photo from raw bytes; raises InvalidPhotoError (nothing is written here)."""
	label = label or _("Photo")
	if not isinstance(content, bytes) or not content or (max_bytes and len(content) > max_bytes):
		photo_error(label, formats, max_bytes)
	fmt = sniff(content)
	mime = FORMATS[fmt][0] if fmt in FORMATS else None
	ext = extension(filename)
	if (
		fmt not in formats
		or (ext and ext not in FORMATS[fmt][1])
		or (declared_mime and declared_mime.lower() not in (mime, "image/jpg" if fmt == "JPEG" else mime))
	):
		photo_error(label, formats, max_bytes)
	try:
		image = decode_image(content, fmt)
		if reencode_image and fmt in REENCODED:
			content = reencode(image, fmt, max_side)
	except (OSError, ValueError, SyntaxError, UnidentifiedImageError, Image.DecompressionBombError, EOFError):
		photo_error(label, formats, max_bytes)
	return Upload(safe_filename(filename, fmt), content, mime, fmt)


def parse_data_url(value) -> tuple[str | None, str | None, bytes]:
	"""(file name, declared MIME type, bytes) of a web-form file value "name.jpg,data:image/jpeg;base64,…"
	or of a bare data URL "data:image/jpeg;base64,…". Raises ValueError on anything else."""
	if not isinstance(value, str):
		raise ValueError("not a string")
	filename = None
	if not value.startswith("data:"):
		filename, _sep, value = value.partition(",")
	match = re.fullmatch(r"data:([\w.+/-]*)((?:;[\w.+-]+=[^;,]*)*);base64,(.*)", value, re.S)
	if not match:
		raise ValueError("not a base64 data URL")
	payload = re.sub(r"\s+", "", match.group(3))
	return filename, match.group(1) or None, base64.b64decode(payload, validate=True)


def photo_from_data_url(
	value, label: str | None = None, max_bytes: int = MAX_PHOTO_BYTES, default_name: str = "photo"
) -> Upload:
	"""A checked photo from what a page sends (a data URL, optionally "name,"-prefixed)."""
	label = label or _("Photo")
	# reject an oversized payload before decoding it (base64 is 4/3 of the bytes)
	if not isinstance(value, str) or len(value) > (max_bytes * 4) // 3 + 400:
		photo_error(label, max_bytes=max_bytes)
	try:
		filename, mime, content = parse_data_url(value)
	except (ValueError, binascii.Error):
		photo_error(label, max_bytes=max_bytes)
	return check_image(content, filename or default_name, label, max_bytes=max_bytes, declared_mime=mime)


def is_data_url_file(value) -> bool:
	return isinstance(value, str) and "data:" in value[:200] and "base64" in value[:200]


def attach(upload: Upload, doctype: str, name: str, fieldname: str | None = None, is_private: int = 1) -> str:
	"""Store a checked upload as a (private) File attached to a document; returns its URL."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": upload.filename,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"attached_to_field": fieldname,
			"is_private": is_private,
			"content": upload.content,
		}
	)
	file.flags.upload_checked = True  # checked and re-encoded by the caller
	file.insert(ignore_permissions=True)
	return file.file_url


def stored_photo(file_url: str, label: str | None = None) -> str:
	"""`file_url` when it is a photo stored on this site (a File row, checked when it was uploaded), e.g.
	a repair's after photo that is shown to the citizen; never a link to elsewhere or to another file."""
	fmt = IMAGE_EXTENSIONS.get(extension(file_url))
	is_local = isinstance(file_url, str) and file_url.startswith(("/files/", "/private/files/"))
	if fmt not in PHOTO_FORMATS or not is_local or not frappe.db.exists("File", {"file_url": file_url}):
		photo_error(label or _("Photo"), max_bytes=None)
	return file_url


# --- every File: the app's controller checks the content before Frappe writes it ------------------------
def is_website_session() -> bool:
	user = frappe.session.user
	return user == "Guest" or frappe.get_cached_value("User", user, "user_type") == "Website User"


def is_image_field(doctype: str | None, fieldname: str | None) -> bool:
	if not (doctype and fieldname) or not frappe.db.exists("DocType", doctype):
		return False
	field = frappe.get_meta(doctype).get_field(fieldname)
	return bool(field and field.fieldtype == "Attach Image")


def check_file_content(content: bytes, filename: str, image_field: bool, website: bool) -> bytes:
	"""The bytes to store for a new File, or InvalidUploadError/InvalidPhotoError.

	Website users and guests may upload only photos (re-encoded) and PDFs. From the desk, a file named
	as an image or sent to an image field must decode as the image its name says (photos re-encoded);
	a PDF must be a PDF; other types are left to Frappe's allowed_file_extensions setting."""
	fmt = sniff(content)
	ext = extension(filename)
	# an SVG logo from the desk is Frappe's business (it is not a photo and Pillow cannot read it)
	claims_image = ext in IMAGE_EXTENSIONS or (image_field and ext != "svg")
	if website and fmt not in WEBSITE_USER_TYPES:
		frappe.throw(
			_("{0}: only {1} files are accepted").format(filename, type_list(WEBSITE_USER_TYPES)),
			InvalidPhotoError if claims_image else InvalidUploadError,
			title=_("File not accepted"),
		)
	if ext == "pdf" or (website and fmt == PDF):
		if fmt != PDF or ext != "pdf":
			frappe.throw(
				_("{0} is not a PDF document").format(filename),
				InvalidUploadError,
				title=_("File not accepted"),
			)
		return content
	if claims_image or website:
		formats = PHOTO_FORMATS if website else tuple(FORMATS)
		max_bytes = MAX_PHOTO_BYTES if website else None  # Frappe's own limit applies from the desk
		return check_image(
			content,
			filename,
			filename,
			formats=formats,
			max_bytes=max_bytes,
			max_side=MAX_PHOTO_SIDE if website else None,
		).content
	return content


class CheckedFile(File):
	"""Frappe's File, with the content of every new upload checked before it is written (hooks
	`override_doctype_class`). Files made by the app's own endpoints carry `flags.upload_checked`."""

	def save_file(self, content=None, decode=False, ignore_existing_file_check=False, overwrite=False):
		if content and not self.flags.upload_checked and not self.is_remote_file:
			self.content, self.decode = content, decode
			data = self.get_content()
			if isinstance(data, str):
				data = data.encode()
			if data:
				content = check_file_content(
					data,
					self.file_name or "",
					is_image_field(self.attached_to_doctype, self.attached_to_field),
					is_website_session(),
				)
				decode = False
				self.flags.upload_checked = True
		return super().save_file(
			content=content,
			decode=decode,
			ignore_existing_file_check=ignore_existing_file_check,
			overwrite=overwrite,
		)
