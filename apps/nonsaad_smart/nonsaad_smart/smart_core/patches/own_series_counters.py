"""Each series its own counter (smart_core/naming.py): the app's DocTypes moved from `format:PET-{#####}`
(one counter with the key "" shared by every such DocType) to `PET-.#####` (counter "PET-"; "PRP-2570-"
per fiscal year…). On a site numbered under the old scheme the new counters would start at 1 and give names
already taken: each is set to the highest number its DocType's names already use with that prefix."""

import frappe

from nonsaad_smart.smart_core.naming import is_dotted_series, sync_series_counters


def execute():
	for module in frappe.get_module_list("nonsaad_smart"):
		for doctype in frappe.get_all(
			"DocType",
			filters={"module": module, "istable": 0, "issingle": 0, "is_virtual": 0},
			fields=["name", "autoname"],
		):
			if is_dotted_series(doctype.autoname):
				sync_series_counters(doctype.name)
