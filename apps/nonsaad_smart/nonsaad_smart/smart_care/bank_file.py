"""The bank transfer file of a completed payment run, modelled on a Thai bank's bulk-credit ("Direct
Credit"/"Payroll") upload file (Krungthai Corporate Online and the other banks' bulk files have the same
content: one row per credit with the receiving bank code, account, name, amount and references).

Columns (in this order, header row in English; CSV is UTF-8 with BOM so Excel reads Thai names):
 1. Seq              running number 1..n
 2. Bank Code        receiving bank's 3-digit code (006 Krungthai, 002 Bangkok, 004 Kasikorn, 014 SCB,
                     025 Krungsri, 011 TTB, 030 GSB, 034 BAAC, 033 GHB)
 3. Account No.      receiving account, digits only (10 or 12 digits by bank)
 4. Account Name     the account holder's name as the person gave it (else the person's name)
 5. Amount           baht, two decimals, no thousands separator
 6. Reference 1      the Allowance Registration number
 7. Reference 2      the payment run number
 8. Effective Date   DDMMYYYY (CE year, as the banks' files take it)
Persons without a bank account are not in the file: they are paid in cash (the printed summary counts them).

Only the Social Welfare Officer (who reads the full account numbers, permlevel 1 of Allowance Payment Line)
downloads the file; each download is written to the PDPA access log.
"""

import csv
import io

import frappe
from frappe import _
from frappe.utils import getdate

from nonsaad_smart.smart_care.rules import bank_code
from nonsaad_smart.smart_core import audit

COLUMNS = (
	"Seq",
	"Bank Code",
	"Account No.",
	"Account Name",
	"Amount",
	"Reference 1",
	"Reference 2",
	"Effective Date",
)
LINE = "Allowance Payment Line"


class RunNotCompletedError(frappe.ValidationError):
	pass


def may_read_accounts(user: str | None = None) -> bool:
	"""Whether the user reads full account numbers (permlevel 1 of the payment lines)."""
	meta = frappe.get_meta(LINE)
	return (
		"bank_account_no"
		in [
			df.fieldname for df in meta.fields if df.permlevel in meta.get_permlevel_access("read", user=user)
		]
		or (user or frappe.session.user) == "Administrator"
	)


def bank_rows(run: str) -> list[tuple]:
	doc = frappe.get_doc("Allowance Payment Run", run)
	doc.check_permission("read")
	if doc.status != "Completed":
		frappe.throw(_("The payment run is not completed"), RunNotCompletedError)
	if not may_read_accounts():
		frappe.throw(
			_("Only the Social Welfare Officer exports the bank transfer file"), frappe.PermissionError
		)
	effective = getdate(doc.payment_date or doc.month).strftime("%d%m%Y")
	lines = frappe.db.sql(
		"""select l.registration, l.bank, l.bank_account_no, coalesce(nullif(p.bank_account_name, ''),
			l.person_name), l.amount
		from `tabAllowance Payment Line` l left join `tabCare Person` p on p.name = l.care_person
		where l.payment_run = %s and ifnull(l.bank_account_no, '') != '' order by l.name""",
		run,
	)
	return [
		(seq, bank_code(bank), account, name, f"{amount:.2f}", registration, run, effective)
		for seq, (registration, bank, account, name, amount) in enumerate(lines, start=1)
	]


@frappe.whitelist()
def download_bank_file(run: str, file_format: str = "CSV"):
	rows = bank_rows(run)
	audit.record_read(
		LINE, "download_bank_file", [], filters={"payment_run": run}, kind="export", file_type=file_format
	)
	if file_format == "XLSX":
		from frappe.utils.xlsxutils import make_xlsx

		content = make_xlsx([list(COLUMNS), *map(list, rows)], "Bank Transfer").getvalue()
		frappe.response["filename"] = f"{run}.xlsx"
	else:
		content = to_csv(rows).encode("utf-8-sig")
		frappe.response["filename"] = f"{run}.csv"
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


def to_csv(rows: list[tuple]) -> str:
	buffer = io.StringIO()
	writer = csv.writer(buffer, lineterminator="\r\n")
	writer.writerow(COLUMNS)
	writer.writerows(rows)
	return buffer.getvalue()
