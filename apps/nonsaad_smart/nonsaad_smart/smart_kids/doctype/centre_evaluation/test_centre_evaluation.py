"""Centre Evaluation: scoring per part, pass only when every indicator scores 2 or more, every indicator
scored once, one evaluation per centre and fiscal year, the change from the previous year, the print."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_kids.doctype.centre_evaluation.centre_evaluation import (
	InvalidEvaluationError,
	level_of,
)
from nonsaad_smart.smart_kids.tests.factories import indicator_scores, make_centre
from nonsaad_smart.tests.utils import pdf_text


def make_evaluation(centre: str, date: str, scores: list[dict], submit: bool = True):
	doc = frappe.get_doc(
		{
			"doctype": "Centre Evaluation",
			"centre": centre,
			"evaluation_date": date,
			"evaluator": "คณะกรรมการทดสอบ",
			"scores": scores,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


class TestCentreEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.centre = make_centre("CDC-51").name

	def test_scoring_and_result(self):
		scores = indicator_scores(3)
		for row in scores:
			if row["indicator"] in ("1.1", "1.2"):
				row["score"] = 4
			if row["indicator"] == "3.2":
				row["score"] = 1
		doc = make_evaluation(self.centre, "2025-08-20", scores, submit=False)
		self.assertEqual(doc.fiscal_year, 2568)
		self.assertEqual(doc.part1_score, 3.4)  # (4+4+3+3+3)/5
		self.assertEqual(doc.part1_level, "Good")
		self.assertEqual(doc.part3_score, 2.0)  # (3+1)/2
		self.assertEqual(doc.result, "Not Pass")  # an indicator below 2 fails its part
		self.assertEqual(doc.name, f"KEV-{self.centre}-2568-01")

	def test_levels(self):
		self.assertEqual(
			[level_of(v) for v in (4, 3.5, 3.49, 2.5, 1.5, 1.49)],
			["Excellent", "Excellent", "Good", "Good", "Basic", "Needs Improvement"],
		)

	def test_change_from_previous_year(self):
		centre = make_centre("CDC-52").name
		first = make_evaluation(centre, "2025-08-20", indicator_scores(2))
		self.assertEqual(first.result, "Pass")
		second = make_evaluation(centre, "2026-08-20", indicator_scores(3))
		self.assertEqual(second.previous_evaluation, first.name)
		self.assertEqual(second.change_from_previous, 1.0)

	def test_every_indicator_once_and_in_range(self):
		scores = indicator_scores(3)
		with self.assertRaises(InvalidEvaluationError):
			make_evaluation(self.centre, "2024-08-20", scores[:-1])  # one missing
		with self.assertRaises(InvalidEvaluationError):
			make_evaluation(self.centre, "2024-08-20", [*scores, dict(scores[0])])  # one twice
		bad = [dict(r) for r in scores]
		bad[0]["score"] = 5
		with self.assertRaises(InvalidEvaluationError):
			make_evaluation(self.centre, "2024-08-20", bad)

	def test_one_per_centre_and_fiscal_year(self):
		centre = make_centre("CDC-53").name
		first = make_evaluation(centre, "2025-11-20", indicator_scores(3))
		with self.assertRaises(InvalidEvaluationError):
			make_evaluation(centre, "2026-02-20", indicator_scores(3))  # same fiscal year 2569
		first.cancel()
		again = make_evaluation(centre, "2026-02-20", indicator_scores(3))
		self.assertEqual(again.fiscal_year, 2569)

	def test_print_in_thai_with_be_date(self):
		centre = make_centre("CDC-54").name
		doc = make_evaluation(centre, "2026-08-18", indicator_scores(3))
		frappe.local.lang = "th"
		pdf = frappe.get_print("Centre Evaluation", doc.name, "Centre Evaluation Report", as_pdf=True)
		text = pdf_text(pdf)
		# (pdftotext splits Thai marks above the line into private-use glyphs: words without them)
		self.assertIn("ตามมาตรฐานสถานพัฒนาเด็กปฐมวัย", text)
		self.assertIn("18 สิงหาคม 2569", text)
		self.assertIn("คณะกรรมการทดสอบ", text)
		self.assertNotIn("2026", text)
