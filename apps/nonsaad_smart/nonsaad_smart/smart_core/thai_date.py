"""Buddhist-era dates and the Thai government fiscal year.

Dates are stored in CE (Frappe dates); people read and type BE (พ.ศ. = ค.ศ. + 543). The government
fiscal year runs 1 October – 30 September and is named by the BE year in which it ends.
"""

import datetime

import frappe
from frappe import _
from frappe.utils import getdate

BE_OFFSET = 543
MONTHS_TH = (
	"มกราคม",
	"กุมภาพันธ์",
	"มีนาคม",
	"เมษายน",
	"พฤษภาคม",
	"มิถุนายน",
	"กรกฎาคม",
	"สิงหาคม",
	"กันยายน",
	"ตุลาคม",
	"พฤศจิกายน",
	"ธันวาคม",
)
MONTHS_TH_SHORT = (
	"ม.ค.",
	"ก.พ.",
	"มี.ค.",
	"เม.ย.",
	"พ.ค.",
	"มิ.ย.",
	"ก.ค.",
	"ส.ค.",
	"ก.ย.",
	"ต.ค.",
	"พ.ย.",
	"ธ.ค.",
)


def be_year(value) -> int:
	return getdate(value).year + BE_OFFSET


def format_be_date(value, style: str = "short") -> str:
	"""Format a date (or datetime) in BE.

	style "short": 26/11/2569, "medium": 26 พ.ย. 2569, "long": 26 พฤศจิกายน 2569.
	A datetime keeps its time (HH:MM). Empty input gives "".
	"""
	if not value:
		return ""
	if isinstance(value, str) and len(value) > 10:
		value = frappe.utils.get_datetime(value)
	time_part = ""
	if isinstance(value, datetime.datetime):
		time_part = f" {value:%H:%M}"
		value = value.date()
	d = getdate(value)
	year = d.year + BE_OFFSET
	if style == "long":
		text = f"{d.day} {MONTHS_TH[d.month - 1]} {year}"
	elif style == "medium":
		text = f"{d.day} {MONTHS_TH_SHORT[d.month - 1]} {year}"
	else:
		text = f"{d.day:02d}/{d.month:02d}/{year}"
	return text + time_part


def parse_be_date(text: str) -> datetime.date:
	"""Parse dd/mm/yyyy with a BE year (as typed on Thai forms) into a CE date."""
	try:
		day, month, year = (int(part) for part in (text or "").strip().split("/"))
		return datetime.date(year - BE_OFFSET, month, day)
	except (ValueError, TypeError):
		frappe.throw(_("Date must be dd/mm/yyyy in the Buddhist era, e.g. 26/11/2569: {0}").format(text))


def fiscal_year(value) -> int:
	"""BE fiscal year of a date: 1 Oct 2025 – 30 Sep 2026 is fiscal year 2569."""
	d = getdate(value)
	return d.year + BE_OFFSET + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy_be: int) -> tuple[datetime.date, datetime.date]:
	"""First and last day (CE) of a BE fiscal year."""
	end_year = int(fy_be) - BE_OFFSET
	return datetime.date(end_year - 1, 10, 1), datetime.date(end_year, 9, 30)
