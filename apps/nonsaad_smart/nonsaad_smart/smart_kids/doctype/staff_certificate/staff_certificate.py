"""Staff Certificate: a certificate of a centre staff member; the daily job
`alerts.send_staff_certificate_alerts` warns the centre head and the Education Officers 90, 30 and 7 days
before it expires."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today


class InvalidCertificateError(frappe.ValidationError):
	pass


class StaffCertificate(Document):
	def validate(self):
		self.certificate_number = (self.certificate_number or "").strip().upper()
		if getdate(self.issued_on) > getdate(today()):
			frappe.throw(_("The issue date cannot be in the future"), InvalidCertificateError)
		if self.expires_on and getdate(self.expires_on) <= getdate(self.issued_on):
			frappe.throw(_("The expiry date must be after the issue date"), InvalidCertificateError)
		duplicate = frappe.db.exists(
			"Staff Certificate",
			{
				"kind": self.kind,
				"certificate_number": self.certificate_number,
				"name": ["!=", self.name or ""],
			},
		)
		if duplicate:
			frappe.throw(
				_("{0} number {1} is already recorded ({2})").format(
					_(self.kind), self.certificate_number, duplicate
				),
				InvalidCertificateError,
			)
		if self.has_value_changed("expires_on"):
			self.alert_stage = 0  # a renewed certificate gets its alerts again

	def on_update(self):
		if self.kind == TEACHING_LICENCE:
			copy_licence_to_staff(self.staff)


TEACHING_LICENCE = "Teaching Licence"


def copy_licence_to_staff(staff: str) -> None:
	"""The staff record shows the teaching licence that expires last."""
	newest = frappe.get_all(
		"Staff Certificate",
		filters={"staff": staff, "kind": TEACHING_LICENCE},
		fields=["certificate_number", "expires_on"],
		order_by="expires_on desc",
		limit=1,
	)
	if newest:
		frappe.db.set_value(
			"Centre Staff",
			staff,
			{"licence_number": newest[0].certificate_number, "licence_expiry": newest[0].expires_on},
		)
