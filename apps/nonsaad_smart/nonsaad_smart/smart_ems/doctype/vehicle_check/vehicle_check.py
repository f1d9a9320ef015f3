"""Vehicle Check: the daily check of an ambulance against the check list (EMS Check Item, kept as data).
A failed critical item (or oxygen below 50 %, fuel below 25 %) puts the ambulance out of service until a
passing check; only the newest check of an ambulance decides."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import flt

MIN_OXYGEN = 50
MIN_FUEL = 25


class VehicleCheck(Document):
	def validate(self):
		if not self.items:
			for item in frappe.get_all(
				"EMS Check Item",
				filters={"enabled": 1},
				fields=["name", "critical"],
				order_by="sort_order, name",
			):
				self.append("items", {"check_item": item.name, "critical": item.critical, "ok": 0})
		failed = [row.check_item for row in self.items if row.critical and not row.ok]
		if self.oxygen_level is not None and flt(self.oxygen_level) < MIN_OXYGEN:
			failed.append(_("Oxygen below {0} %").format(MIN_OXYGEN))
		if self.fuel_level is not None and flt(self.fuel_level) < MIN_FUEL:
			failed.append(_("Fuel below {0} %").format(MIN_FUEL))
		self.result = "Fail" if failed else "Pass"
		self.failed_items = ", ".join(failed) or None
		self.checked_by = self.checked_by or frappe.session.user

	def on_update(self):
		apply_latest_check(self.ambulance)


def apply_latest_check(ambulance: str) -> None:
	"""The ambulance follows its newest check: failed → out of service (when it is back), passed → available."""
	latest = frappe.get_all(
		"Vehicle Check",
		filters={"ambulance": ambulance},
		fields=["name", "result", "failed_items"],
		order_by="check_date desc, creation desc",
		limit=1,
	)
	if not latest:
		return
	failed = latest[0].result == "Fail"
	table = DocType("Ambulance")
	reason = (
		_("Vehicle check {0} failed: {1}").format(latest[0].name, latest[0].failed_items) if failed else None
	)
	frappe.qb.update(table).set(table.check_failed, int(failed)).set(
		table.out_of_service_reason, reason
	).where(table.name == ambulance).run()
	# an ambulance on an incident keeps its status; `dispatch.release` puts it out of service when back
	if failed:
		frappe.qb.update(table).set(table.status, "Out of Service").where(
			(table.name == ambulance) & (table.status == "Available")
		).run()
	else:
		frappe.qb.update(table).set(table.status, "Available").where(
			(table.name == ambulance) & (table.status == "Out of Service") & table.current_incident.isnull()
		).run()
