"""Registries: how a service module plugs in without editing another module.

Each registry is a hook that every module (and every app) may extend in its `hooks.py`; the functions
here read them. A new module adds a few lines to hooks.py and files in its own folder, nothing else.

- ``nonsaad_asset_registers`` – the DocTypes a citizen's Service Request may be about::

      nonsaad_asset_registers = [{
          "doctype": "Street Light Pole",   # the register
          "code_field": "pole_code",        # the code painted on the asset (what citizens and Open311 give)
          "label": "Street Light Pole",     # English, translated with _()
          "map_layer": "street_lights",     # optional: the nonsaad_map_layers layer to pick it on a map
          "on_report": "dotted.path",       # optional: fn(asset_name, request_name) – a report was filed
          "on_request_update": "dotted.path",  # optional: fn(event) – the request's state changed
      }]

  E-Smart Service reads it (`e_smart_service/assets.py`) and dispatches the callbacks; `event` is a
  ``frappe._dict`` built by E-Smart Service's api (see `e_smart_service.api.request_event`).
- ``nonsaad_setup_steps`` – install and migrate steps, run in hook order by `setup/install.py`::

      nonsaad_setup_steps = [{"name": "karupan", "method": "dotted.path", "on": ["install", "migrate"]}]

  A step that seeds data is create-only (`smart_core.seed`): what officers edit later survives migrate.
  ``before_uninstall`` (optional dotted path in the same entry) removes what the step added.
- ``nonsaad_citizen_links`` – DocTypes that link a Citizen, for the citizen's 360 view and PDPA export::

      nonsaad_citizen_links = [
          {
              "doctype": "Service Request",
              "field": "requester",
              "fields": ["name", "service_name", "submitted_on"],
          }
      ]
"""

import frappe

SETUP_EVENTS = ("install", "migrate")


def _entries(hook: str) -> list[dict]:
	return [entry for entry in frappe.get_hooks(hook) if isinstance(entry, dict)]


# --- asset registers --------------------------------------------------------------------------------
def asset_registers() -> dict[str, frappe._dict]:
	"""Registered asset registers by DocType, in hook order (installed or not)."""
	registers = {}
	for entry in _entries("nonsaad_asset_registers"):
		if entry.get("doctype"):
			registers[entry["doctype"]] = frappe._dict(
				{"code_field": "name", "label": entry["doctype"], **entry}
			)
	return registers


def installed_asset_registers() -> dict[str, frappe._dict]:
	"""The registers whose DocType exists on this site (a request may point into these only). Whether a
	DocType exists is read once per database connection (`cache=True`: a request, a job, a demo load),
	not on every call: a report, a pole's repair and each validation ask several times (≈ 1 300 queries
	while the I Pole demo loaded)."""
	return {
		doctype: spec
		for doctype, spec in asset_registers().items()
		if frappe.db.exists("DocType", doctype, cache=True)
	}


def asset_register(doctype: str | None) -> frappe._dict | None:
	"""The installed register of a DocType, or None (not a register, or its module not installed)."""
	return installed_asset_registers().get(doctype) if doctype else None


# --- setup steps ------------------------------------------------------------------------------------
def setup_steps(event: str) -> list[frappe._dict]:
	"""The steps that run on `event` ("install" or "migrate"), in hook order."""
	if event not in SETUP_EVENTS:
		raise ValueError(event)
	steps = []
	for entry in _entries("nonsaad_setup_steps"):
		if event in (entry.get("on") or SETUP_EVENTS) and entry.get("method"):
			steps.append(frappe._dict(entry))
	return steps


def run_setup_steps(event: str) -> list[str]:
	"""Run every registered step for `event`; returns the names of the steps run."""
	done = []
	for step in setup_steps(event):
		frappe.get_attr(step.method)()
		done.append(step.get("name") or step.method)
	return done


def run_uninstall_steps() -> list[str]:
	"""Each step's `before_uninstall`, in reverse order (what was set up last goes first)."""
	done = []
	for entry in reversed(_entries("nonsaad_setup_steps")):
		if entry.get("before_uninstall"):
			frappe.get_attr(entry["before_uninstall"])()
			done.append(entry.get("name") or entry["before_uninstall"])
	return done


# --- citizen links ----------------------------------------------------------------------------------
def citizen_links() -> list[frappe._dict]:
	"""DocTypes that link a Citizen, with the link field, whose DocType is installed."""
	return [
		frappe._dict({"fields": ["name"], **entry})
		for entry in _entries("nonsaad_citizen_links")
		if entry.get("doctype") and entry.get("field") and frappe.db.exists("DocType", entry["doctype"])
	]


def citizen_records(citizen: str, limit: int = 100) -> dict[str, list[dict]]:
	"""A Citizen's linked records per DocType, as the current user may read them.

	Needs read permission on the Citizen (else PermissionError); each DocType is read through
	`frappe.get_list`, so its row-level rules apply and a DocType the user cannot read is left out;
	a field above the user's permlevel access is left out of the rows.
	"""
	frappe.get_doc("Citizen", citizen).check_permission("read")
	records = {}
	for link in citizen_links():
		if not frappe.has_permission(link.doctype, "read"):
			continue
		records[link.doctype] = frappe.get_list(
			link.doctype,
			filters={link.field: citizen},
			fields=readable_fields(link.doctype, link.fields),
			order_by="creation desc",
			limit_page_length=limit,
		)
	return records


def readable_fields(doctype: str, fields: list[str]) -> list[str]:
	"""`name` and those of `fields` the current user may read (permlevel access)."""
	permitted = set(frappe.get_meta(doctype).get_permitted_fieldnames()) | {"name"}
	return [f for f in dict.fromkeys(["name", *fields]) if f in permitted]
