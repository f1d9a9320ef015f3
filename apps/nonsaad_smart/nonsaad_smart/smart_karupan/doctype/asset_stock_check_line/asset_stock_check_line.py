"""Asset Stock Check Line: one asset of a stock check and what the committee found (scanned on the
mobile page or edited in the desk). Separate from the check so permissions apply per line and a
register of 100 000 assets does not load into one document."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from nonsaad_smart.smart_core.geo import validate_point


class StockCheckClosedError(frappe.ValidationError):
	pass


class AssetStockCheckLine(Document):
	def validate(self):
		self.validate_check_is_running()
		validate_point(self.latitude, self.longitude, _("Scan location"))
		if self.result and not self.scanned_at:
			self.scanned_at = now_datetime()
			self.scanned_by = frappe.session.user
		if not self.result:
			self.scanned_at = self.scanned_by = None

	def validate_check_is_running(self):
		if self.is_new() or (
			not self.has_value_changed("result") and not self.has_value_changed("condition")
		):
			return
		state = frappe.db.get_value("Asset Stock Check", self.stock_check, "workflow_state")
		if state != "Checking":
			frappe.throw(
				_("Stock check {0} is {1}: lines can be changed only while it is Checking").format(
					self.stock_check, _(state or "Draft")
				),
				StockCheckClosedError,
			)

	def on_update(self):
		if self.has_value_changed("result"):
			frappe.get_doc("Asset Stock Check", self.stock_check).update_summary()
