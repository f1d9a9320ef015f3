"""Fill Service Request.open_asset_key (the unique key of one open request per asset and service type)
on requests made before it existed; when an asset already has several open requests of one type, the
oldest gets the key and the others stay as they are for the office to merge."""

import frappe

from nonsaad_smart.e_smart_service.doctype.service_request.service_request import (
	OPEN_STATES,
	open_asset_key,
)


def execute():
	sr = frappe.qb.DocType("Service Request")
	rows = (
		frappe.qb.from_(sr)
		.select(sr.name, sr.asset_doctype, sr.asset_name, sr.service_type)
		.where(sr.workflow_state.isin(OPEN_STATES) & sr.asset_name.isnotnull() & sr.open_asset_key.isnull())
		.orderby(sr.creation)
		.run(as_dict=True)
	)
	taken = set(
		frappe.get_all("Service Request", filters={"open_asset_key": ["is", "set"]}, pluck="open_asset_key")
	)
	for row in rows:
		key = open_asset_key(row.asset_doctype, row.asset_name, row.service_type)
		if key and key not in taken:
			frappe.qb.update(sr).set(sr.open_asset_key, key).where(sr.name == row.name).run()
			taken.add(key)
