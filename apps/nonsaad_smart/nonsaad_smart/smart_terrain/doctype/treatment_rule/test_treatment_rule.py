import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_terrain.condition import (
	InvalidRatingError,
	road_class,
	structure_class,
	treatment_for,
)
from nonsaad_smart.smart_terrain.doctype.treatment_rule.treatment_rule import OverlappingTreatmentRuleError
from nonsaad_smart.smart_terrain.setup import setup_terrain

# the seeded table (seed_data.json): PASER 9–10 routine, 7–8 preventive/crack seal, 5–6 resurfacing,
# 3–4 structural overlay, 1–2 reconstruction
EXPECTED = {
	10: "Routine Maintenance",
	9: "Routine Maintenance",
	8: "Preventive Maintenance and Crack Sealing",
	7: "Preventive Maintenance and Crack Sealing",
	6: "Resurfacing",
	5: "Resurfacing",
	4: "Structural Overlay",
	3: "Structural Overlay",
	2: "Reconstruction",
	1: "Reconstruction",
}


class TestTreatmentRule(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_terrain()

	def test_treatment_at_every_rating(self):
		for paser, treatment in EXPECTED.items():
			self.assertEqual(treatment_for("Road", paser), treatment, paser)

	def test_condition_class_boundaries(self):
		self.assertEqual(
			[road_class(p) for p in range(1, 11)],
			["Very Poor"] * 2 + ["Poor"] * 2 + ["Fair"] * 3 + ["Good"] * 3,
		)
		for bad in (11, -1):
			with self.assertRaises(InvalidRatingError):
				road_class(bad)
		self.assertEqual(structure_class(24, "Minor"), "Good")
		self.assertEqual(structure_class(25, None), "Fair")
		self.assertEqual(structure_class(10, "Moderate"), "Fair")
		self.assertEqual(structure_class(50, "None"), "Poor")
		self.assertEqual(structure_class(0, "Severe"), "Poor")
		self.assertEqual(structure_class(75, "None"), "Very Poor")
		self.assertEqual(treatment_for("Drain", condition_class="Very Poor"), "Drain Rebuilding")
		self.assertIsNone(treatment_for("Culvert", condition_class="Good"))

	def test_rule_is_data_the_office_edits(self):
		rule = frappe.get_doc("Treatment Rule", "Resurfacing")
		rule.paser_to = 7  # overlaps crack sealing's 7–8
		with self.assertRaises(OverlappingTreatmentRuleError):
			rule.save()
		# a seeded rule edited by the office survives the next migrate's setup step (create-only)
		frappe.db.set_value("Treatment Rule", "Routine Maintenance", "description", "แก้ไขโดยกองช่าง")
		setup_terrain()
		self.assertEqual(
			frappe.db.get_value("Treatment Rule", "Routine Maintenance", "description"), "แก้ไขโดยกองช่าง"
		)
