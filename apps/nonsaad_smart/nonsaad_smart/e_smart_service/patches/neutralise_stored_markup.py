"""Citizen text stored before markup was refused (e.g. an unclosed `<img src=x onerror=…`, which passed
the old check and Frappe's sanitiser) is neutralised in place: "<" and ">" become their full-width forms
"＜" "＞", which read the same and never open a tag. Prints and pages escape it anyway."""

import frappe

from nonsaad_smart.e_smart_service.validation import MARKUP

CITIZEN_TEXT = {
	"Service Request": ("description", "requester_name", "reason", "resolution_note"),
	"Service Request Report": ("reporter_name", "note"),
}


def neutralise(text: str) -> str:
	return text.replace("<", "\uff1c").replace(">", "\uff1e")


def execute():
	for doctype, fields in CITIZEN_TEXT.items():
		table = frappe.qb.DocType(doctype)
		for field in fields:
			column = table[field]
			rows = frappe.qb.from_(table).select(table.name, column).where(column.like("%<%")).run()
			for name, value in rows:
				if value and MARKUP.search(value):
					frappe.qb.update(table).set(column, neutralise(value)).where(table.name == name).run()
