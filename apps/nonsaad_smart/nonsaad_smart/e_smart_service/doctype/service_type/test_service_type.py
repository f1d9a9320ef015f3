"""Service Type: code, related asset type (validated against the asset registers), service standard."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.doctype.service_type.service_type import (
	InvalidAssetDoctypeError,
	InvalidServiceCodeError,
	InvalidServiceStandardError,
	public_service_types,
)
from nonsaad_smart.e_smart_service.tests.factories import make_service_type, officer
from nonsaad_smart.e_smart_service.tracking import series_key


class TestServiceType(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_code_upper_cased_and_checked(self):
		name = make_service_type("tdrain")
		self.assertEqual(name, "TDRAIN")
		for bad in ("X", "1ABC", "BAD CODE", "<B>"):
			with self.assertRaises(InvalidServiceCodeError):
				make_service_type(bad)

	def test_asset_doctype_from_the_registry_only(self):
		# hooks nonsaad_asset_registers: Smart I Pole registers Street Light Pole (Smart Terrain: Road, Drain,
		# Culvert); a DocType no module registers (a Bridge, a User) may not be named
		self.assertEqual(
			make_service_type("TPOLE", kind="Repair Report", asset_doctype="Street Light Pole"), "TPOLE"
		)
		with self.assertRaises(InvalidAssetDoctypeError):
			make_service_type("TBRIDGE", kind="Repair Report", asset_doctype="Bridge")
		with self.assertRaises(InvalidAssetDoctypeError):
			make_service_type("TUSER", asset_doctype="User")
		doc = frappe.get_doc("Service Type", "TPOLE")
		doc.asset_doctype = "Citizen"
		with self.assertRaises(InvalidAssetDoctypeError):
			doc.save()

	def test_service_standard(self):
		with self.assertRaises(InvalidServiceStandardError):
			make_service_type("TSLOW", sla_days=400)
		with self.assertRaises(InvalidServiceStandardError):
			make_service_type("TNEG", sla_days=-1)
		with self.assertRaises(frappe.ValidationError):
			make_service_type("TFEE", fee=-5)

	def test_documents_and_public_list(self):
		name = make_service_type(
			"TCERT",
			kind="Certificate",
			is_public=0,
			fee=20,
			required_documents=[{"document_name": "สำเนาบัตรประชาชน", "copies": 1, "is_mandatory": 1}],
		)
		self.assertEqual(len(frappe.get_doc("Service Type", name).required_documents), 1)
		codes = [t.code for t in public_service_types()]
		self.assertNotIn("TCERT", codes)
		self.assertIn(make_service_type("TPUBLIC"), [t.code for t in public_service_types()])

	def test_counter_rows_made_ahead(self):
		make_service_type("TSERIES")
		self.assertTrue(frappe.db.sql("select 1 from tabSeries where name=%s", series_key()))

	def test_only_admins_write(self):
		make_service_type("TPERM")
		frappe.set_user(officer("frontdesk"))
		self.assertTrue(frappe.has_permission("Service Type", "read", "TPERM"))
		self.assertFalse(frappe.has_permission("Service Type", "write", "TPERM"))
