"""Smart Kids setup is create-only: an officer's edit of seed data survives a second run (migrate)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_kids.setup import setup_kids


class TestKidsSetup(FrappeTestCase):
	def test_seed_once_and_edits_survive(self):
		setup_kids()
		self.assertEqual(frappe.db.count("ECD Standard Indicator"), 12)
		self.assertEqual(frappe.db.count("Staff Ratio Rule"), 2)
		rule = frappe.get_doc("Staff Ratio Rule", "2-3 years")
		rule.max_children_per_caregiver = 8
		rule.save()
		frappe.db.set_value("ECD Standard Indicator", "3.1", "enabled", 0)
		target = frappe.db.get_value("Training Hour Target", {"position": ["is", "not set"]})
		frappe.db.set_value("Training Hour Target", target, "hours", 24)
		self.assertEqual(setup_kids(), 0)  # nothing created, nothing overwritten
		self.assertEqual(
			frappe.db.get_value("Staff Ratio Rule", "2-3 years", "max_children_per_caregiver"), 8
		)
		self.assertEqual(frappe.db.get_value("ECD Standard Indicator", "3.1", "enabled"), 0)
		self.assertEqual(frappe.db.get_value("Training Hour Target", target, "hours"), 24)
		frappe.delete_doc("Staff Ratio Rule", "3-5 years")
		setup_kids()
		self.assertFalse(frappe.db.exists("Staff Ratio Rule", "3-5 years"))  # a deleted rule stays deleted
