"""Open311 Client: generated keys, stored encrypted and hashed, matched only while enabled."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.doctype.open311_client.open311_client import client_for_key, hash_key


class TestOpen311Client(FrappeTestCase):
	def test_generated_key_matches_until_disabled(self):
		doc = frappe.get_doc({"doctype": "Open311 Client", "client_name": "Test Traffy"}).insert()
		key = doc.get_password("api_key")
		self.assertGreaterEqual(len(key), 20)
		self.assertEqual(doc.api_key_hash, hash_key(key))
		self.assertNotIn(
			key, frappe.as_json(frappe.db.get_value("Open311 Client", doc.name, "*", as_dict=True))
		)
		self.assertEqual(client_for_key(key), doc.name)
		self.assertIsNone(client_for_key(key + "x"))
		self.assertIsNone(client_for_key(None))
		doc.enabled = 0
		doc.save()
		self.assertIsNone(client_for_key(key))

	def test_short_key_refused(self):
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc({"doctype": "Open311 Client", "client_name": "Short", "api_key": "abc"}).insert()
