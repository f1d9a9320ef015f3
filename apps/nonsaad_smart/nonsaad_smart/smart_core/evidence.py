"""The evidence pack: what an auditor (or a court, or the State Audit Office) takes away about one record
or one period, in one zip whose files can be checked later.

One record (`doctype` + `name`):
    <name>.pdf          the record printed (its default print format, Thai, BE dates, letter head)
    attachments.csv     its attached files: name, URL, private?, size, SHA-256 of the content, who, when
    versions.csv        its version history, each change as a readable Thai line
    view_log.csv        who opened it and when (View Log)
    access_log.csv      its prints and exports (Access Log)
    manifest.json       what the pack is, who made it and when, and the SHA-256 and size of every file

One period (`from_date`, `to_date`, optional `doctype`): audit_trail.csv (the Audit Trail report's rows)
and manifest.json.

The pack itself is logged (Access Log, method "Evidence Pack", file type ZIP). Only the audit roles
(`audit_trail.AUDIT_ROLES`) make one, of a record they may read.
"""

import csv
import hashlib
import io
import json
import zipfile

import frappe
from frappe import _
from frappe.utils import now_datetime

from nonsaad_smart.smart_core import be_calendar, municipality
from nonsaad_smart.smart_core.audit_trail import check_auditor, trail

CSV_COLUMNS = {
	"trail": [
		"timestamp",
		"user",
		"action",
		"action_label",
		"reference_doctype",
		"reference_name",
		"details",
		"source",
	],
}


def _csv(rows: list[dict], columns: list[str]) -> bytes:
	out = io.StringIO()
	writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
	writer.writeheader()
	for row in rows:
		writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
	return ("\ufeff" + out.getvalue()).encode()


def sha256(content: bytes) -> str:
	return hashlib.sha256(content).hexdigest()


def _attachments(doctype: str, name: str) -> list[dict]:
	rows = []
	for f in frappe.get_all(
		"File",
		filters={"attached_to_doctype": doctype, "attached_to_name": name, "is_folder": 0},
		fields=["name", "file_name", "file_url", "is_private", "file_size", "owner", "creation"],
		order_by="creation asc",
	):
		try:
			digest = sha256(frappe.get_doc("File", f.name).get_content())
		except Exception:
			frappe.clear_last_message()
			digest = ""
		rows.append({**f, "sha256": digest})
	return rows


def record_files(doctype: str, name: str) -> dict[str, bytes]:
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	be_calendar.install()  # BE years in the print (the web request's hook; jobs and tests too)
	previous_lang = frappe.local.lang
	frappe.local.lang = "th"
	try:
		pdf = frappe.get_print(doctype, name, doc=doc, as_pdf=True)
	finally:
		frappe.local.lang = previous_lang
	rows = trail({"doctype": doctype, "record": name})
	columns = CSV_COLUMNS["trail"]
	safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
	return {
		f"{safe}.pdf": pdf,
		"attachments.csv": _csv(
			_attachments(doctype, name),
			["file_name", "file_url", "is_private", "file_size", "sha256", "owner", "creation"],
		),
		"versions.csv": _csv([r for r in rows if r["source"] in ("Version", doctype)], columns),
		"view_log.csv": _csv([r for r in rows if r["source"] == "View Log"], columns),
		"access_log.csv": _csv([r for r in rows if r["source"] == "Access Log"], columns),
	}


def period_files(from_date, to_date, doctype: str | None = None) -> dict[str, bytes]:
	rows = trail({"from_date": from_date, "to_date": to_date, "doctype": doctype})
	return {"audit_trail.csv": _csv(rows, CSV_COLUMNS["trail"])}


def build_pack(files: dict[str, bytes], subject: dict) -> bytes:
	"""The zip of `files` and manifest.json (SHA-256 and size of each file)."""
	manifest = {
		"publisher": municipality.name("en"),
		"subject": subject,
		"generated_at": now_datetime().isoformat(timespec="seconds"),
		"generated_by": frappe.session.user,
		"hash_algorithm": "SHA-256",
		"files": [{"name": n, "bytes": len(c), "sha256": sha256(c)} for n, c in files.items()],
	}
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as pack:
		for file_name, content in files.items():
			pack.writestr(file_name, content)
		pack.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1, default=str))
	return out.getvalue()


def make_pack(doctype=None, name=None, from_date=None, to_date=None) -> tuple[str, bytes]:
	"""(file name, zip) of one record (doctype + name) or of a period."""
	check_auditor()
	if name:
		if not doctype:
			frappe.throw(_("Choose the DocType of the record"), frappe.ValidationError)
		files = record_files(doctype, name)
		subject = {"doctype": doctype, "name": name}
		file_name = f"evidence-{frappe.scrub(doctype)}-{name}.zip"
	else:
		if not (from_date and to_date):
			frappe.throw(_("Give a record, or a period (from and to date)"), frappe.ValidationError)
		files = period_files(from_date, to_date, doctype or None)
		subject = {"doctype": doctype or None, "from_date": str(from_date), "to_date": str(to_date)}
		file_name = f"evidence-{from_date}-{to_date}.zip"
	content = build_pack(files, subject)
	frappe.get_doc(
		{
			"doctype": "Access Log",
			"user": frappe.session.user,
			"export_from": doctype or None,
			"reference_document": name or None,
			"method": "Evidence Pack",
			"file_type": "ZIP",
			"filters": json.dumps(subject, ensure_ascii=False, default=str),
		}
	).insert(ignore_permissions=True)
	return file_name, content


@frappe.whitelist(methods=["GET", "POST"])
def evidence_pack(doctype=None, name=None, from_date=None, to_date=None):
	"""Download the evidence pack (the Audit Trail report's button)."""
	file_name, content = make_pack(doctype, name, from_date, to_date)
	frappe.db.commit()  # the Access Log of the pack, also on a GET (the browser's download)
	frappe.local.response.update({"type": "download", "filename": file_name, "filecontent": content})
