"""The shared helpers of smart_core: notifications (on Frappe's enqueue_create_notification), QR codes."""

import base64
import io

import frappe
import pyqrcode
from frappe.tests.utils import FrappeTestCase
from PIL import Image

from nonsaad_smart.smart_core import qr
from nonsaad_smart.smart_core.notify import notify
from nonsaad_smart.tests.utils import make_user


def outgoing_account():
	if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		# an outgoing account as the municipality has one; not connected (nothing leaves the test)
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Notify Test Outgoing",
				"email_id": "saraban@nonsaad.test",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
			}
		).db_insert()


class TestNotify(FrappeTestCase):
	def test_bell_and_email_for_enabled_users_only(self):
		outgoing_account()
		officer = make_user("notify.officer@nonsaad.test", ["Supplies Officer"])
		gone = make_user("notify.gone@nonsaad.test", ["Supplies Officer"])
		frappe.db.set_value("User", gone, "enabled", 0)
		village = frappe.db.get_value("Village", {}) or "x"
		subject = f"Test reminder {frappe.generate_hash(length=8)}"
		addressed = notify(
			[officer, officer, gone, "Administrator", "Guest", None], subject, "Village", village
		)
		self.assertEqual(addressed, sorted([officer, gone]))
		logs = frappe.get_all(
			"Notification Log",
			filters={"subject": subject},
			fields=["for_user", "type", "document_type", "document_name"],
		)
		self.assertEqual(
			[(r.for_user, r.type, r.document_type, r.document_name) for r in logs],
			[(officer, "Alert", "Village", village)],
		)
		mails = frappe.get_all("Email Queue", filters={"reference_name": village}, pluck="name")
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": ("in", mails or [""])}, pluck="recipient"
		)
		self.assertIn(officer, recipients)
		self.assertNotIn(gone, recipients)

	def test_nobody_to_notify(self):
		self.assertEqual(notify(["Administrator", "Guest"], "x", "Village", "x"), [])


def modules(data_uri: str, scale: int) -> list[list[int]]:
	"""The dark (1) and light (0) modules of a QR PNG, read back from its pixels."""
	image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))).convert("L")
	quiet = qr.QUIET_ZONE * scale
	size = (image.width - 2 * quiet) // scale
	return [
		[
			int(image.getpixel((quiet + x * scale + scale // 2, quiet + y * scale + scale // 2)) < 128)
			for x in range(size)
		]
		for y in range(size)
	]


class TestQr(FrappeTestCase):
	def test_png_encodes_the_text(self):
		text = "https://nonsaad.go.th/pole/NSA-03-0042"
		expected = [[int(m) for m in row] for row in pyqrcode.create(text, error=qr.ERROR_LEVEL).code]
		self.assertEqual(modules(qr.qr_data_uri(text, scale=3), 3), expected)

	def test_every_module_uses_it(self):
		from nonsaad_smart.e_smart_service.printing import service_request_qr, status_url
		from nonsaad_smart.smart_i_pole import labels

		self.assertEqual(service_request_qr("SR-2570-00001"), qr.qr_data_uri(status_url("SR-2570-00001")))
		sheet = labels.render_label_sheet([{"name": "NSA-98-0001"}])
		self.assertIn(qr.qr_data_uri(labels.pole_url("NSA-98-0001"), scale=5), sheet)
		self.assertIn("nonsaad_smart.smart_core.qr.qr_image", frappe.get_hooks("jinja")["methods"])

	def test_image_tag_escapes_the_text(self):
		tag = str(qr.qr_image('NSA-ASSET:"><script>', 26))
		self.assertIn('alt="NSA-ASSET:&#34;&gt;&lt;script&gt;"', tag)
		self.assertIn("width:26mm;height:26mm", tag)
		self.assertEqual(str(qr.qr_image("")), "")
