"""EMS Crew Member: a person of the emergency unit (an ERPNext Employee or a Citizen), level and
certificate. An expired or missing certificate cannot be assigned (`smart_ems.crew`); the daily job
`smart_ems.alerts.send_certificate_alerts` warns 90 days before the expiry."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from nonsaad_smart.smart_core.contact import normalize_phone


class InvalidCrewMemberError(frappe.ValidationError):
	pass


class EMSCrewMember(Document):
	def validate(self):
		if not self.employee and not self.citizen:
			frappe.throw(_("Link the crew member to an Employee or a Citizen"), InvalidCrewMemberError)
		self.certificate_number = (self.certificate_number or "").strip().upper() or None
		if self.certificate_issued and self.certificate_expiry:
			if getdate(self.certificate_expiry) <= getdate(self.certificate_issued):
				frappe.throw(_("The certificate expiry must be after its issue date"), InvalidCrewMemberError)
		if self.phone:
			self.phone = normalize_phone(self.phone, _("Phone"))
		if self.user and frappe.db.exists(
			"EMS Crew Member", {"user": self.user, "name": ("!=", self.name or "")}
		):
			frappe.throw(
				_("User {0} is already linked to another crew member").format(self.user),
				InvalidCrewMemberError,
			)
