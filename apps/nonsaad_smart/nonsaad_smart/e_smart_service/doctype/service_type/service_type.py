"""Service Type: what the municipality serves, with its documents, fee, service time (SLA) and department."""

import re

import frappe
from frappe import _
from frappe.model.document import Document

from nonsaad_smart.e_smart_service.assets import register_doctypes

CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9_-]{1,19}")
MAX_SLA_DAYS = 180


class InvalidServiceCodeError(frappe.ValidationError):
	pass


class InvalidAssetDoctypeError(frappe.ValidationError):
	pass


class InvalidServiceStandardError(frappe.ValidationError):
	pass


class ServiceType(Document):
	def before_insert(self):
		self.check_code()  # the name is made from it, before validate runs

	def validate(self):
		self.check_code()
		self.check_standard()

	def _validate_links(self):
		"""Our named error for a register that is not one before Frappe's generic link check."""
		if not self.flags.ignore_links:
			self.check_asset_doctype()
		super()._validate_links()

	def check_asset_doctype(self):
		# the registers of the installed modules (hooks nonsaad_asset_registers, see assets.py)
		if self.asset_doctype and self.asset_doctype not in register_doctypes():
			frappe.throw(
				_("Related asset type must be one of {0} or empty").format(
					", ".join(_(d) for d in register_doctypes()) or "-"
				),
				InvalidAssetDoctypeError,
			)

	def check_code(self):
		self.code = (self.code or "").strip().upper()
		if not CODE_PATTERN.fullmatch(self.code):
			frappe.throw(
				_("Code {0} must be 2–20 capital letters, digits, - or _, starting with a letter").format(
					frappe.bold(self.code)
				),
				InvalidServiceCodeError,
			)

	def check_standard(self):
		self.check_asset_doctype()
		if self.sla_days is None or not 0 <= self.sla_days <= MAX_SLA_DAYS:
			frappe.throw(
				_("Service time must be 0–{0} working days").format(MAX_SLA_DAYS),
				InvalidServiceStandardError,
			)
		if (self.fee or 0) < 0:
			frappe.throw(_("Fee cannot be negative"), InvalidServiceStandardError)

	def on_update(self):
		from nonsaad_smart.e_smart_service.tracking import ensure_series

		ensure_series()


def public_service_types() -> list[dict]:
	"""Service types offered on the web form and through Open311."""
	return frappe.get_all(
		"Service Type",
		filters={"is_public": 1},
		fields=[
			"name",
			"code",
			"name_th",
			"name_en",
			"kind",
			"description",
			"asset_doctype",
			"sla_days",
			"fee",
		],
		order_by="code asc",
	)
