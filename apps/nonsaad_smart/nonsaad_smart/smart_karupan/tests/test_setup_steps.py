"""Smart Karupan's setup step on the registry: create-only on migrate (officers' edits survive `bench
migrate`), seeded from seed_data.json, and removed again by before_uninstall."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.setup import install
from nonsaad_smart.smart_core import registry
from nonsaad_smart.smart_core.seed import create_records, forget_seeded, seeded_keys
from nonsaad_smart.smart_karupan import setup


def docperm(doctype: str, role: str) -> dict | None:
	return frappe.db.get_value(
		"Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}, "*", as_dict=True
	)


class TestKarupanSetupStep(FrappeTestCase):
	def test_registered_as_a_setup_step(self):
		steps = {s.name: s for s in registry.setup_steps("migrate")}
		self.assertEqual(steps["smart_karupan"].method, "nonsaad_smart.smart_karupan.setup.setup_karupan")
		self.assertIn("smart_karupan", [s.name for s in registry.setup_steps("install")])
		with self.assertRaises(ValueError):
			registry.setup_steps("upgrade")

	def test_seed_data_is_a_data_file(self):
		data = setup.seed_data()
		self.assertEqual(len(data["asset_classes"]), 15)
		self.assertEqual(setup.category_name("410"), "ครุภัณฑ์คอมพิวเตอร์")
		# the seed file's places, named after this municipality ({municipality}, {place})
		self.assertTrue(
			all(frappe.db.exists("Location", row["location_name"]) for row in setup.seed_locations())
		)

	def test_officers_edits_survive_migrate(self):
		location = "ห้องกองคลัง"
		category = frappe.db.get_value("Asset Category", {"municipal_class_code": "401"})
		before = {
			"location": frappe.db.get_value("Location", location, ["latitude", "longitude"]),
			"life": frappe.db.get_value("Asset Category", category, "useful_life_years"),
			"executive": docperm("Asset", "Executive"),
			"auditor_export": docperm("Asset", "Auditor").export,
		}
		self.assertTrue(before["executive"] and before["auditor_export"])
		counts = {dt: frappe.db.count(dt) for dt in ("Location", "Asset Category", "Item", "Department")}
		renamed = f"{category} (แก้ชื่อ)"
		try:
			# an officer corrects a coordinate, re-times and renames a category, removes two rights
			frappe.db.set_value("Location", location, {"latitude": 16.97111, "longitude": 102.29111})
			frappe.db.set_value("Asset Category", category, "useful_life_years", 12)
			frappe.rename_doc("Asset Category", category, renamed, force=True)
			frappe.db.delete("Custom DocPerm", {"parent": "Asset", "role": "Executive", "permlevel": 0})
			frappe.db.set_value("Custom DocPerm", docperm("Asset", "Auditor").name, "export", 0)

			install.after_migrate()  # what `bench migrate` runs after syncing the app

			self.assertEqual(
				frappe.db.get_value("Location", location, ["latitude", "longitude"]), (16.97111, 102.29111)
			)
			self.assertFalse(frappe.db.exists("Asset Category", category))
			self.assertEqual(frappe.db.get_value("Asset Category", renamed, "useful_life_years"), 12)
			self.assertIsNone(docperm("Asset", "Executive"))
			self.assertEqual(docperm("Asset", "Auditor").export, 0)
			self.assertEqual(counts, {dt: frappe.db.count(dt) for dt in counts})
		finally:
			frappe.rename_doc("Asset Category", renamed, category, force=True)
			frappe.db.set_value("Asset Category", category, "useful_life_years", before["life"])
			frappe.db.set_value(
				"Location", location, {"latitude": before["location"][0], "longitude": before["location"][1]}
			)
			if not docperm("Asset", "Executive"):
				row = dict(before["executive"])
				frappe.get_doc({"doctype": "Custom DocPerm", **row}).db_insert()
			frappe.db.set_value("Custom DocPerm", docperm("Asset", "Auditor").name, "export", 1)
			frappe.clear_cache(doctype="Asset")

	def test_create_records_creates_once_only(self):
		name = f"ทดสอบ seed {frappe.generate_hash(length=6)}"
		record = {"doctype": "Location", "location_name": name, "latitude": 16.97, "longitude": 102.29}
		try:
			self.assertEqual(create_records([record], key_field="location_name"), [name])
			self.assertIn(f"Location:{name}", seeded_keys())
			frappe.db.set_value("Location", name, "latitude", 16.98)
			self.assertEqual(create_records([record], key_field="location_name"), [])
			self.assertEqual(frappe.db.get_value("Location", name, "latitude"), 16.98)
			frappe.delete_doc("Location", name, force=True)
			# deleted by an officer: not created again
			self.assertEqual(create_records([record], key_field="location_name"), [])
			self.assertFalse(frappe.db.exists("Location", name))
		finally:
			forget_seeded(f"Location:{name}")

	def test_before_uninstall_removes_custom_fields_and_property_setters(self):
		frappe.get_doc(
			{
				"doctype": "Property Setter",
				"doctype_or_field": "DocField",
				"doc_type": "Asset",
				"field_name": "budget_source",
				"property": "bold",
				"property_type": "Check",
				"value": "1",
				"module": "Smart Karupan",
			}
		).insert(ignore_permissions=True)
		try:
			install.before_uninstall()
			for doctype, fields in {**setup.get_custom_fields(), **install.get_custom_fields()}.items():
				for field in fields:
					self.assertFalse(
						frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]}),
						field["fieldname"],
					)
			self.assertFalse(
				frappe.db.exists("Property Setter", {"doc_type": "Asset", "module": "Smart Karupan"})
			)
			self.assertEqual(seeded_keys(), set())
			# the books stay: categories, items, locations are the municipality's data
			self.assertTrue(frappe.db.exists("Asset Category", setup.category_name("410")))
		finally:
			frappe.db.rollback()  # nothing above committed: the site is as it was
			for doctype in ("Asset", "Asset Category", "Role"):
				frappe.clear_cache(doctype=doctype)
		self.assertTrue(
			frappe.db.exists("Custom Field", {"dt": "Asset", "fieldname": "municipal_asset_code"})
		)
