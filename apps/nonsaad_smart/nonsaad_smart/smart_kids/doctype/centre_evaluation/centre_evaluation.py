"""Centre Evaluation: a centre scored against the national early-childhood development centre standard
(มาตรฐานสถานพัฒนาเด็กปฐมวัยแห่งชาติ พ.ศ. 2562). Each enabled indicator is scored once, 1–4
(1 needs improvement, 2 basic, 3 good, 4 excellent). A part passes when every indicator in it scores at
least PASS_SCORE; the centre passes when all three parts pass. One evaluation per centre per fiscal year;
the previous one is linked and the change of the overall average shown."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from nonsaad_smart.smart_core.thai_date import fiscal_year

PARTS = ("1", "2", "3")
PASS_SCORE = 2
LEVELS = ((3.5, "Excellent"), (2.5, "Good"), (1.5, "Basic"), (0, "Needs Improvement"))


class InvalidEvaluationError(frappe.ValidationError):
	pass


def level_of(average: float) -> str:
	for threshold, label in LEVELS:
		if average >= threshold:
			return label
	return LEVELS[-1][1]


class CentreEvaluation(Document):
	def before_insert(self):
		self.set_fiscal_year()

	def validate(self):
		if getdate(self.evaluation_date) > getdate(today()):
			frappe.throw(_("The evaluation date cannot be in the future"), InvalidEvaluationError)
		self.set_fiscal_year()
		self.check_unique()
		self.check_scores()
		self.compute_result()

	def set_fiscal_year(self):
		if self.evaluation_date:
			self.fiscal_year = fiscal_year(self.evaluation_date)

	def check_unique(self):
		other = frappe.db.exists(
			"Centre Evaluation",
			{
				"centre": self.centre,
				"fiscal_year": self.fiscal_year,
				"docstatus": ["<", 2],
				"name": ["!=", self.name or ""],
			},
		)
		if other:
			frappe.throw(
				_("{0} already has an evaluation for fiscal year {1}: {2}").format(
					self.centre, self.fiscal_year, other
				),
				InvalidEvaluationError,
			)

	def check_scores(self):
		enabled = set(frappe.get_all("ECD Standard Indicator", filters={"enabled": 1}, pluck="name"))
		seen = set()
		for row in self.scores:
			if row.indicator in seen:
				frappe.throw(
					_("Row {0}: indicator {1} is scored twice").format(row.idx, row.indicator),
					InvalidEvaluationError,
				)
			seen.add(row.indicator)
			if not 1 <= int(row.score or 0) <= 4:
				frappe.throw(
					_("Row {0}: the score of indicator {1} must be 1 to 4").format(row.idx, row.indicator),
					InvalidEvaluationError,
				)
		missing = sorted(enabled - seen)
		if missing:
			frappe.throw(
				_("Score every indicator of the standard; missing: {0}").format(", ".join(missing)),
				InvalidEvaluationError,
			)

	def compute_result(self):
		parts = {p: [] for p in PARTS}
		for row in self.scores:
			part = row.part or frappe.db.get_value("ECD Standard Indicator", row.indicator, "part")
			parts.setdefault(str(part), []).append(int(row.score))
		passed = True
		for part in PARTS:
			scores = parts.get(part) or []
			average = flt(sum(scores) / len(scores), 2) if scores else 0
			self.set(f"part{part}_score", average)
			self.set(f"part{part}_level", level_of(average) if scores else None)
			passed = passed and bool(scores) and min(scores) >= PASS_SCORE
		all_scores = [int(r.score) for r in self.scores]
		self.overall_score = flt(sum(all_scores) / len(all_scores), 2) if all_scores else 0
		self.result = "Pass" if passed else "Not Pass"
		self.previous_evaluation = frappe.db.get_value(
			"Centre Evaluation",
			{"centre": self.centre, "docstatus": 1, "fiscal_year": ["<", self.fiscal_year]},
			"name",
			order_by="fiscal_year desc",
		)
		previous = (
			frappe.db.get_value("Centre Evaluation", self.previous_evaluation, "overall_score")
			if self.previous_evaluation
			else None
		)
		self.change_from_previous = flt(self.overall_score - flt(previous), 2) if previous else 0
