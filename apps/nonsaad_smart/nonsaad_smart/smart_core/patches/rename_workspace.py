"""The app's workspace was named "Non Sa-at Smart" (its route /app/non-sa-at-smart) on every site: it is
"Smart Government" now, the same on every municipality's site (its title follows the brand). Run before the
standard JSON is synced (pre_model_sync), so the renamed record is the one the new JSON updates: what links
to it (users' default workspace, the services' workspaces under it) follows the rename."""

import frappe
from frappe.model.rename_doc import rename_doc

OLD = "Non Sa-at Smart"


def execute():
	from nonsaad_smart.setup.brand import WORKSPACE

	if not frappe.db.exists("Workspace", OLD) or frappe.db.exists("Workspace", WORKSPACE):
		return
	# Link fields to Workspace (User.default_workspace, …) follow frappe.rename_doc; label is its naming field
	rename_doc("Workspace", OLD, WORKSPACE, force=True, ignore_permissions=True, show_alert=False)
	frappe.db.set_value("Workspace", WORKSPACE, "label", WORKSPACE, update_modified=False)
