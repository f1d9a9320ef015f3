"""Street Light Pole (เสาไฟฟ้าส่องสว่าง): the register of poles, named by the code painted on each pole.

Pole code: ``<prefix>-<village no., 2 digits>-<serial, 4 digits>``, e.g. ``NSA-03-0042`` is pole 42 of
หมู่ 3 of Non Sa-at. The prefix is the municipality's (Smart Settings `pole_code_prefix`, else its company
abbreviation: `smart_core.municipality.pole_code_prefix`), so another LAO's site paints its own letters.
The village number in the code must be the pole's village, so a code read off a pole tells where it is.
"""

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Max
from frappe.utils import getdate, now_datetime, today

from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_core.municipality import pole_code_prefix

POLE_CODE_SHAPE = r"-(\d{2})-(\d{4})$"
STATUS_THAI = {
	"Working": "ใช้งานได้ปกติ",
	"Faulty": "ชำรุด",
	"Under Repair": "อยู่ระหว่างซ่อม",
	"Removed": "รื้อถอนแล้ว",
}
LAMP_TYPE_THAI = {
	"LED": "หลอดแอลอีดี (LED)",
	"High-Pressure Sodium": "หลอดโซเดียมความดันสูง",
	"CFL": "หลอดตะเกียบ (CFL)",
	"Solar": "โคมพลังงานแสงอาทิตย์",
}
MAX_WATTAGE = 1000


class InvalidPoleCodeError(frappe.ValidationError):
	pass


class DuplicatePoleCodeError(frappe.ValidationError):
	pass


class PoleCodeVillageMismatchError(frappe.ValidationError):
	pass


def normalize_pole_code(code: str | None) -> str:
	return re.sub(r"\s+", "", code or "").upper()


def pole_code_re() -> re.Pattern:
	"""The pattern of this site's pole codes (its own prefix, then village no. and serial)."""
	return re.compile("^" + re.escape(pole_code_prefix()) + POLE_CODE_SHAPE)


def make_pole_code(village_no: int, serial: int) -> str:
	return f"{pole_code_prefix()}-{int(village_no):02d}-{int(serial):04d}"


def parse_pole_code(code: str) -> tuple[int, int]:
	"""(village no., serial) of a valid code; raises InvalidPoleCodeError otherwise."""
	match = pole_code_re().match(normalize_pole_code(code))
	if not match or int(match.group(1)) < 1 or int(match.group(2)) < 1:
		prefix = pole_code_prefix()
		frappe.throw(
			_("Pole code {0} must look like {1}: {2}, village no. (2 digits), serial (4 digits)").format(
				frappe.bold(code or ""), make_pole_code(3, 42), prefix
			),
			InvalidPoleCodeError,
			title=_("Invalid Pole Code"),
		)
	return int(match.group(1)), int(match.group(2))


class StreetLightPole(Document):
	def autoname(self):
		self.pole_code = normalize_pole_code(self.pole_code)
		parse_pole_code(self.pole_code)
		self.name = self.pole_code

	def validate(self):
		self.pole_code = normalize_pole_code(self.pole_code)
		self.validate_code()
		self.validate_values()
		validate_point(self.latitude, self.longitude, _("Pole {0}").format(self.pole_code))
		self.set_faulty_since()

	def validate_code(self):
		moo, _serial = parse_pole_code(self.pole_code)
		if self.is_new() and frappe.db.exists("Street Light Pole", self.pole_code):
			frappe.throw(
				_("Pole code {0} is already registered").format(frappe.bold(self.pole_code)),
				DuplicatePoleCodeError,
				title=_("Duplicate Pole Code"),
			)
		village_no = frappe.db.get_value("Village", self.village, "village_no") if self.village else None
		self.village_no = village_no
		if village_no is not None and int(village_no) != moo:
			frappe.throw(
				_("Pole code {0} says village no. {1} but the pole is in village no. {2}").format(
					frappe.bold(self.pole_code), moo, village_no
				),
				PoleCodeVillageMismatchError,
				title=_("Pole Code and Village Differ"),
			)

	def validate_values(self):
		if self.wattage and self.wattage > MAX_WATTAGE:
			frappe.throw(
				_("Wattage {0} W is not a street lamp (more than {1} W)").format(self.wattage, MAX_WATTAGE)
			)
		if self.height_m and self.height_m > 30:
			frappe.throw(_("Pole height {0} m is more than 30 m").format(self.height_m))
		if self.install_date and getdate(self.install_date) > getdate(today()):
			frappe.throw(_("Install date cannot be in the future"))

	def set_faulty_since(self):
		"""The outage clock: starts when the pole becomes Faulty, runs through the repair, stops when it works."""
		if self.status in ("Faulty", "Under Repair"):
			if not self.faulty_since:
				self.faulty_since = now_datetime()
		else:
			self.faulty_since = None


def set_pole_status(pole: str, status: str, reason: str | None = None, since=None) -> None:
	"""Change a pole's status on behalf of a repair or a request (the caller checked its own rights).

	The change is saved through the document, so the Version log (track_changes) records it.
	"""
	doc = frappe.get_doc("Street Light Pole", pole)
	if doc.status == status or doc.status == "Removed":
		return
	doc.status = status
	if status == "Faulty" and since and not doc.faulty_since:
		doc.faulty_since = since
	doc.flags.ignore_permissions = True
	doc.save()
	if reason:
		doc.add_comment("Info", reason)


@frappe.whitelist()
def next_pole_code(village: str) -> str:
	"""The next free code in a village (for the New Pole form)."""
	frappe.has_permission("Street Light Pole", "create", throw=True)
	village_no = frappe.db.get_value("Village", village, "village_no")
	if not village_no:
		frappe.throw(_("Village {0} not found").format(village))
	pole = frappe.qb.DocType("Street Light Pole")
	prefix = make_pole_code(village_no, 0)[:-4]
	last = (
		frappe.qb.from_(pole).select(Max(pole.pole_code)).where(pole.pole_code.like(f"{prefix}%")).run()[0][0]
	)
	serial = parse_pole_code(last)[1] + 1 if last else 1
	return make_pole_code(village_no, serial)
