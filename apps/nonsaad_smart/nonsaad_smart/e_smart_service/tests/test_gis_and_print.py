"""The open-requests map layer (permissions apply) and the receipt's letter head."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.gis import open_request_layer
from nonsaad_smart.e_smart_service.tests.factories import make_request, officer
from nonsaad_smart.smart_core.gis import get_layer
from nonsaad_smart.tests.utils import make_user


class TestOpenRequestLayer(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_layer_has_open_located_requests_for_staff_only(self):
		doc = make_request()
		frontdesk, nurse = officer("frontdesk"), make_user("sr.layer.nurse@nonsaad.test", ["Caregiver"])
		frappe.set_user(frontdesk)
		features = open_request_layer()["features"]
		mine = [f for f in features if f["properties"]["name"] == doc.name]
		self.assertEqual(len(mine), 1)
		self.assertEqual(mine[0]["geometry"]["coordinates"], [102.29, 16.97])
		self.assertNotIn("requester_phone", mine[0]["properties"])
		self.assertEqual(get_layer("open_requests", "102.28,16.96,102.30,16.98")["layer"], "open_requests")
		frappe.set_user(nurse)
		with self.assertRaises(frappe.PermissionError):
			get_layer("open_requests")
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			get_layer("open_requests")


class TestReceiptLetterHead(FrappeTestCase):
	def test_receipt_carries_the_letter_head(self):
		doc = make_request(channel="Walk-in")
		from nonsaad_smart.smart_core import municipality

		html = frappe.get_print(
			"Service Request",
			doc.name,
			"Service Request Receipt",
			letterhead=municipality.apply_letter_head(),
		)
		self.assertIn(municipality.profile()["municipality_name_th"], html)
		self.assertIn("ศรีบุญเรือง", html)  # its district (Smart Settings)
		self.assertIn('src="data:image/svg+xml;base64,', html)  # its logo, readable by wkhtmltopdf
