"""Who may ride: an active crew member with a certificate (number and expiry date) valid on the day.
An expired or missing certificate cannot be assigned to a shift or an incident."""

import frappe
from frappe import _
from frappe.utils import getdate, today


class CrewCertificateError(frappe.ValidationError):
	pass


def certificate_problem(crew: dict, on_date=None) -> str | None:
	"""Why this crew member cannot be assigned on `on_date` (a translated sentence), else None."""
	on_date = getdate(on_date or today())
	if not crew.get("active"):
		return _("{0} is not an active crew member").format(crew.get("full_name"))
	if not crew.get("certificate_number") or not crew.get("certificate_expiry"):
		return _("{0} has no certificate on record").format(crew.get("full_name"))
	if getdate(crew.get("certificate_expiry")) < on_date:
		return _("The certificate of {0} expired on {1}").format(
			crew.get("full_name"), frappe.format(crew.get("certificate_expiry"), {"fieldtype": "Date"})
		)
	return None


CREW_FIELDS = ["name", "full_name", "active", "certificate_number", "certificate_expiry", "current_incident"]


def ensure_assignable(names: list[str], on_date=None) -> list[dict]:
	"""The crew rows, or CrewCertificateError naming the first who may not ride."""
	rows = frappe.get_all("EMS Crew Member", filters={"name": ("in", names)}, fields=CREW_FIELDS)
	for row in rows:
		problem = certificate_problem(row, on_date)
		if problem:
			frappe.throw(problem, CrewCertificateError, title=_("Crew cannot be assigned"))
	return rows
