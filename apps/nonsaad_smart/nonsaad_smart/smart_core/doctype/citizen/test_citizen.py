"""Citizen: ID validation, duplicates, place, and who sees what (real users, real permissions)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core.doctype.citizen.citizen import DuplicateNationalIDError
from nonsaad_smart.smart_core.geo import OutsideMunicipalityError
from nonsaad_smart.smart_core.thai_id import InvalidNationalIDError
from nonsaad_smart.tests.utils import ensure_test_settings, make_citizen, make_user, next_national_id


class TestCitizen(FrappeTestCase):
	def setUp(self):
		ensure_test_settings()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_id_is_normalized_and_masked(self):
		nid = next_national_id()
		dashed = f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}"
		doc = make_citizen(national_id=dashed)
		self.assertEqual(doc.national_id, nid)
		self.assertEqual(doc.national_id_masked, f"x-xxxx-xxxxx-{nid[10:12]}-{nid[12]}")
		self.assertEqual(doc.full_name, "ทดสอบ ระบบ")
		self.assertEqual(doc.province, frappe.db.get_single_value("Smart Settings", "province"))

	def test_invalid_id_rejected_and_nothing_written(self):
		before = frappe.db.count("Citizen")
		with self.assertRaises(InvalidNationalIDError):
			make_citizen(national_id="1234567890123")
		self.assertEqual(frappe.db.count("Citizen"), before)

	def test_duplicate_id_rejected(self):
		doc = make_citizen()
		with self.assertRaises(DuplicateNationalIDError):
			make_citizen(national_id=doc.national_id)

	def test_outside_municipality_rejected(self):
		with self.assertRaises(OutsideMunicipalityError):
			make_citizen(latitude=13.7563, longitude=100.5018)

	def test_future_birth_date_and_bad_phone_rejected(self):
		with self.assertRaises(frappe.ValidationError):
			make_citizen(birth_date="2999-01-01")
		with self.assertRaises(frappe.ValidationError):
			make_citizen(phone="12345")
		self.assertEqual(make_citizen(phone="+66 81 234 5678").phone, "0812345678")

	def test_consent_status(self):
		doc = make_citizen(consent_given_at="2026-10-01 09:00:00")
		self.assertEqual(doc.consent_status, "Given")
		doc.consent_withdrawn_at = "2026-11-01 09:00:00"
		doc.save()
		self.assertEqual(doc.consent_status, "Withdrawn")
		doc.consent_withdrawn_at = "2026-01-01 09:00:00"
		with self.assertRaises(frappe.ValidationError):
			doc.save()

	def test_citizen_user_reads_only_own_record(self):
		user = make_user("citizen.own@nonsaad.test", ["Citizen"], user_type="Website User")
		own = make_citizen(user=user)
		other = make_citizen()
		frappe.set_user(user)
		self.assertTrue(frappe.has_permission("Citizen", "read", own.name))
		self.assertFalse(frappe.has_permission("Citizen", "read", other.name))
		visible = frappe.get_list("Citizen", pluck="name")
		self.assertEqual(visible, [own.name])

	def test_auditor_sees_masked_id_only(self):
		doc = make_citizen()
		make_user("auditor.test@nonsaad.test", ["Auditor"])
		frappe.set_user("auditor.test@nonsaad.test")
		self.assertTrue(frappe.has_permission("Citizen", "read", doc.name))
		self.assertFalse(frappe.has_permission("Citizen", "write", doc.name))
		loaded = frappe.get_doc("Citizen", doc.name)
		loaded.apply_fieldlevel_read_permissions()
		self.assertIsNone(loaded.get("national_id"))
		self.assertEqual(loaded.national_id_masked, doc.national_id_masked)
		rows = frappe.get_list(
			"Citizen", filters={"name": doc.name}, fields=["name", "national_id", "national_id_masked"]
		)
		self.assertNotIn(doc.national_id, frappe.as_json(rows))

	def test_front_desk_sees_full_id(self):
		doc = make_citizen()
		make_user("frontdesk.test@nonsaad.test", ["Front Desk Officer"])
		frappe.set_user("frontdesk.test@nonsaad.test")
		loaded = frappe.get_doc("Citizen", doc.name)
		loaded.apply_fieldlevel_read_permissions()
		self.assertEqual(loaded.get("national_id"), doc.national_id)

	def test_roles_without_access_cannot_read(self):
		doc = make_user("tech.test@nonsaad.test", ["Repair Technician"])
		citizen = make_citizen()
		frappe.set_user(doc)
		self.assertFalse(frappe.has_permission("Citizen", "read", citizen.name))

	def test_views_are_tracked(self):
		self.assertTrue(frappe.get_meta("Citizen").track_views)
		self.assertTrue(frappe.get_meta("Citizen").track_changes)
