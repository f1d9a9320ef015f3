"""The municipality's Letter Head was a fixture named "Non Sa-at Municipality"; it is data now, named by the
municipality's English name and made from Smart Settings (smart_core.municipality.apply_letter_head, run
after this patch by after_migrate). On the site that used it (its default), it is renamed, so documents
that name it keep their letter head; elsewhere (another municipality's site, where it was disabled) it
stays as it is."""

import frappe
from frappe.model.rename_doc import rename_doc

OLD = "Non Sa-at Municipality"


def execute():
	from nonsaad_smart.smart_core.municipality import letter_head_name

	new = letter_head_name()
	if new == OLD or not frappe.db.exists("Letter Head", OLD) or frappe.db.exists("Letter Head", new):
		return
	if not frappe.db.get_value("Letter Head", OLD, "is_default"):
		return
	rename_doc("Letter Head", OLD, new, force=True, ignore_permissions=True, show_alert=False)
	frappe.db.set_value("Letter Head", new, "letter_head_name", new, update_modified=False)
