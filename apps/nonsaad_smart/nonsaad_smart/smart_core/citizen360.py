"""Citizen 360: everything the municipality holds about one person, on one screen (issue 17).

- ``citizen_360(citizen)`` (whitelisted) – the sections of the citizen's 360 view: one per DocType of the
  ``nonsaad_citizen_links`` registry that the viewer may read (`registry.citizen_records`: read permission
  and the DocType's row rules through `frappe.get_list`; only the fields the viewer may read at their
  permlevel). A module that lands later appears by adding its link to the registry, no code here.
  Each view is logged (PDPA, `smart_core.audit`): the Citizen read as a "view" (View Log + Access Log)
  and the sensitive linked records listed (Access Log with their names).
- ``possible_duplicates(doc)`` – other citizens with the same national ID, or the same first and last
  name, birth date and village; the Citizen form warns about them on save, and the report
  "Suspected Duplicate Citizens" lists all of them.
- ``merge_citizens(source, target)`` (whitelisted) – one person registered twice becomes one: Frappe's
  rename with ``merge=True`` moves every Link to the source (every registered DocType, and any other)
  onto the target and deletes the source. Needs write on both and delete on the source.
"""

import frappe
from frappe import _

from nonsaad_smart.smart_core import audit
from nonsaad_smart.smart_core.registry import citizen_links, citizen_records, readable_fields

SECTION_LIMIT = 100
METHOD = "Citizen 360"


class CitizenMergeError(frappe.ValidationError):
	pass


def _route(doctype: str) -> str:
	return "/app/" + frappe.scrub(doctype).replace("_", "-")


@frappe.whitelist()
def citizen_360(citizen: str) -> dict:
	"""The viewer's 360 view of one Citizen: a header and one section per readable linked DocType."""
	doc = frappe.get_doc("Citizen", citizen)
	doc.check_permission("read")
	records = citizen_records(citizen, limit=SECTION_LIMIT)
	links = {link.doctype: link for link in citizen_links()}
	sections = []
	for doctype, rows in records.items():
		link = links[doctype]
		meta = frappe.get_meta(doctype)
		fields = readable_fields(doctype, link.fields)
		columns = []
		for fieldname in fields:
			df = meta.get_field(fieldname)
			label = _(df.label) if df else (_("ID") if fieldname == "name" else fieldname)
			columns.append({"field": fieldname, "label": label, "type": df.fieldtype if df else "Data"})
		total = frappe.get_list(doctype, filters={link.field: citizen}, fields=["count(name) as n"])
		sections.append(
			{
				"doctype": doctype,
				"label": _(doctype),
				"module": _(meta.module),
				"route": _route(doctype),
				"link_field": link.field,
				"columns": columns,
				"rows": rows,
				"total": total[0].n if total else len(rows),
			}
		)
		audit.record_list_read(doctype, METHOD, rows, filters={link.field: citizen})
	audit.record_read("Citizen", METHOD, [citizen], kind="view")
	return {
		"citizen": doc.name,
		"full_name": doc.full_name,
		"village": doc.village,
		"sections": sections,
		"duplicates": possible_duplicates(doc) if doc.has_permlevel_access_to("birth_date") else [],
	}


# --- duplicates ------------------------------------------------------------------------------------------
def possible_duplicates(doc) -> list[str]:
	"""Names of other Citizens that may be the same person: the same national ID, or the same first and
	last name, birth date and village."""
	others = set()
	name = doc.name or ""
	if doc.national_id:
		others.update(
			frappe.get_all(
				"Citizen", filters={"national_id": doc.national_id, "name": ("!=", name)}, pluck="name"
			)
		)
	if doc.first_name and doc.last_name and doc.birth_date and doc.village:
		others.update(
			frappe.get_all(
				"Citizen",
				filters={
					"first_name": doc.first_name.strip(),
					"last_name": doc.last_name.strip(),
					"birth_date": doc.birth_date,
					"village": doc.village,
					"name": ("!=", name),
				},
				pluck="name",
			)
		)
	return sorted(others)


def warn_duplicates(doc) -> list[str]:
	"""On save: a warning (never a refusal: twins and namesakes exist) naming the possible duplicates."""
	others = possible_duplicates(doc)
	if others:
		frappe.msgprint(
			_(
				"This citizen may already be registered: {0} (same name, birth date and village). "
				"Check and merge the records if they are the same person."
			).format(", ".join(others)),
			title=_("Possible duplicate"),
			indicator="orange",
			alert=True,
		)
	return others


def duplicate_groups() -> list[list[frappe._dict]]:
	"""Every group of two or more Citizens with the same first and last name, birth date and village."""
	citizen = frappe.qb.DocType("Citizen")
	count = frappe.query_builder.functions.Count(citizen.name)
	keys = (
		frappe.qb.from_(citizen)
		.select(citizen.first_name, citizen.last_name, citizen.birth_date, citizen.village)
		.where(citizen.birth_date.isnotnull())
		.groupby(citizen.first_name, citizen.last_name, citizen.birth_date, citizen.village)
		.having(count > 1)
		.run(as_dict=True)
	)
	groups = []
	for key in keys:
		rows = frappe.get_all(
			"Citizen",
			filters=dict(key),
			fields=["name", "full_name", "village", "birth_date", "national_id_masked", "creation"],
			order_by="creation asc",
		)
		if len(rows) > 1:
			groups.append(rows)
	return groups


# --- merge -----------------------------------------------------------------------------------------------
@frappe.whitelist(methods=["POST"])
def merge_citizens(source: str | None = None, target: str | None = None) -> str:
	"""Merge Citizen `source` into `target` (the record kept): every link follows, the source is deleted."""
	# the rights first, before the arguments are read (a citizen learns nothing of other records)
	for ptype in ("write", "delete"):
		frappe.has_permission("Citizen", ptype, throw=True)
	if not source or not target or source == target:
		frappe.throw(_("Choose two different citizens to merge"), CitizenMergeError)
	source_doc, target_doc = frappe.get_doc("Citizen", source), frappe.get_doc("Citizen", target)
	target_doc.check_permission("write")
	source_doc.check_permission("write")
	source_doc.check_permission("delete")
	# the source's website account (if any) moves to the kept record when that one has none
	user = source_doc.user if source_doc.user and not target_doc.user else None
	if source_doc.user:
		frappe.db.set_value("Citizen", source, "user", None, update_modified=False)
	frappe.rename_doc("Citizen", source, target, merge=True, force=True, show_alert=False)
	kept = frappe.get_doc("Citizen", target)
	if user:
		kept.user = user
		kept.save()
	kept.add_comment("Info", _("Merged citizen {0} into this record").format(source))
	return kept.name
