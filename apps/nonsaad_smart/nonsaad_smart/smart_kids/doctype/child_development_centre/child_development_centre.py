"""Child Development Centre: a centre with its enrolment per term and age group; the staff ratio of the
latest term is checked against the Staff Ratio Rule and the centre flagged when a group is over it.
The head of centre's user gets a User Permission on the centre, so a Centre Head sees only their own
centre's staff, trainings, certificates and evaluations (Frappe applies it to every DocType linking it)."""

import re

import frappe
from frappe import _
from frappe.model.document import Document

from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_kids.permissions import sync_head_permission
from nonsaad_smart.smart_kids.ratio import latest_term, ratio_rows

CODE_RE = re.compile(r"CDC-\d{2}")
STAFF_POSITIONS_IN_RATIO = ("Head of Centre", "Teacher", "Caregiver")


class InvalidCentreCodeError(frappe.ValidationError):
	pass


class InvalidEnrolmentError(frappe.ValidationError):
	pass


class InvalidCentreHeadError(frappe.ValidationError):
	pass


class ChildDevelopmentCentre(Document):
	def before_insert(self):
		self.check_code()

	def validate(self):
		self.check_code()
		validate_point(self.latitude, self.longitude, _("Location of the centre"))
		self.check_enrolment()
		self.check_head()
		self.update_ratio()

	def on_update(self):
		previous = self.get_doc_before_save()
		sync_head_permission(self.name, self.head_user, previous.head_user if previous else None)

	def on_trash(self):
		sync_head_permission(self.name, None, self.head_user)

	def check_code(self):
		self.code = (self.code or "").strip().upper()
		if not CODE_RE.fullmatch(self.code):
			frappe.throw(
				_("Centre code {0} must be CDC- and two digits, e.g. CDC-01").format(frappe.bold(self.code)),
				InvalidCentreCodeError,
			)

	def check_enrolment(self):
		seen = set()
		for row in self.enrolment:
			year = int(row.academic_year or 0)
			if not 2500 <= year <= 2700:
				frappe.throw(
					_("Row {0}: academic year {1} must be a Buddhist-era year, e.g. 2569").format(
						row.idx, year
					),
					InvalidEnrolmentError,
				)
			key = (year, row.term, row.age_group)
			if key in seen:
				frappe.throw(
					_("Row {0}: age group {1} appears twice in term {2}/{3}").format(
						row.idx, _(row.age_group), row.term, year
					),
					InvalidEnrolmentError,
				)
			seen.add(key)
		children = sum(int(r.children or 0) for r in self.current_rows())
		if self.capacity and children > self.capacity:
			frappe.throw(
				_("{0} children enrolled in the current term is more than the capacity of {1}").format(
					children, self.capacity
				),
				InvalidEnrolmentError,
			)

	def check_head(self):
		if not self.head:
			self.head_name = self.head_user = None
			return
		staff = frappe.db.get_value(
			"Centre Staff", self.head, ["centre", "position", "status", "user", "full_name"], as_dict=True
		)
		if not staff or staff.centre != self.name or staff.position != "Head of Centre":
			frappe.throw(
				_("The head of centre must be a staff member of this centre in the position Head of Centre"),
				InvalidCentreHeadError,
			)
		if staff.status == "Left":
			frappe.throw(_("{0} has left the centre").format(staff.full_name), InvalidCentreHeadError)
		self.head_user, self.head_name = staff.user, staff.full_name

	def current_rows(self):
		term = latest_term(self.enrolment)
		return [r for r in self.enrolment if (int(r.academic_year or 0), int(r.term or 0)) == term]

	def update_ratio(self):
		term = latest_term(self.enrolment)
		self.current_term = _("Term {0}/{1}").format(term[1], term[0]) if term else None
		rows = ratio_rows(self.enrolment)
		self.enrolled_children = sum(r["children"] for r in rows)
		self.over_ratio = int(any(r["over"] for r in rows))
		self.active_staff = (
			frappe.db.count(
				"Centre Staff",
				{"centre": self.name, "status": "Active", "position": ["in", STAFF_POSITIONS_IN_RATIO]},
			)
			if not self.is_new()
			else 0
		)

	@frappe.whitelist()
	def get_ratio(self) -> list[dict]:
		"""The latest term's ratio per age group, for the form."""
		return ratio_rows(self.enrolment)
