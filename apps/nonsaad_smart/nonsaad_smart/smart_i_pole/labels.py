"""A4 sheet of QR labels for street light poles: code + QR of the public page /pole/<code> + municipality.

    /api/method/nonsaad_smart.smart_i_pole.labels.qr_label_sheet?names=["NSA-03-0042", ...]
    /api/method/nonsaad_smart.smart_i_pole.labels.qr_label_sheet?village=VIL-3

21 labels (3 × 7, 70 × 42 mm) per page; Thai font Loma/Garuda (fonts-thai-tlwg) through wkhtmltopdf.
"""

import json

import frappe
from frappe import _
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.utils import get_url
from frappe.utils.pdf import get_pdf

from nonsaad_smart.smart_core import municipality
from nonsaad_smart.smart_core.qr import qr_data_uri

POLE_DOCTYPE = "Street Light Pole"
TEMPLATE = "nonsaad_smart/smart_i_pole/templates/qr_label_sheet.html"
COLUMNS = 3
MAX_LABELS = 2100


def pole_url(code: str) -> str:
	return get_url(f"/pole/{code}")


def selected_poles(names: list[str] | None = None, village: str | None = None) -> list[dict]:
	"""The poles to label, as this user may read them (frappe.get_list applies permissions)."""
	filters = {}
	if names:
		filters["name"] = ("in", names)
	if village:
		filters["village"] = village
	if not filters:
		frappe.throw(_("Select poles or a village to print labels for"))
	return frappe.get_list(
		POLE_DOCTYPE, filters=filters, fields=["name", "village"], order_by="name asc", limit=MAX_LABELS
	)


def render_label_sheet(poles: list[dict]) -> str:
	settings = frappe.get_cached_doc("Smart Settings")
	labels = [
		{"code": p["name"], "url": pole_url(p["name"]), "qr": qr_data_uri(pole_url(p["name"]), scale=5)}
		for p in poles
	]
	rows = [labels[i : i + COLUMNS] for i in range(0, len(labels), COLUMNS)]
	return frappe.render_template(
		TEMPLATE,
		{
			"rows": rows,
			"columns": COLUMNS,
			"municipality": settings.municipality_name_th or municipality.name("th"),
		},
	)


def label_sheet_pdf(poles: list[dict]) -> bytes:
	options = {
		"page-size": "A4",
		"margin-top": "10mm",
		"margin-bottom": "8mm",
		"margin-left": "5mm",
		"margin-right": "5mm",
	}
	return get_pdf(render_label_sheet(poles), options)


@frappe.whitelist()
def qr_label_sheet(names: str | list | None = None, village: str | None = None):
	"""Download the PDF label sheet for the chosen poles (needs print permission on Street Light Pole)."""
	if not frappe.has_permission(POLE_DOCTYPE, "print"):
		frappe.throw(_("Not permitted to print pole labels"), frappe.PermissionError)
	if isinstance(names, str):
		names = json.loads(names) if names.strip().startswith("[") else [names]
	poles = selected_poles(names, village)
	if not poles:
		frappe.throw(_("No poles to print"), frappe.DoesNotExistError)
	make_access_log(
		doctype=POLE_DOCTYPE,
		method="Print",
		file_type="PDF",
		filters=json.dumps({"names": names, "village": village}),
	)
	frappe.local.response.filename = "pole-qr-labels.pdf"
	frappe.local.response.filecontent = label_sheet_pdf(poles)
	frappe.local.response.type = "pdf"
