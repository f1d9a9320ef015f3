"""One counter per series (smart_core/naming.py): each kind of record numbers on its own, a series with the
fiscal year restarts with the year, the names look as before, and the patch for sites numbered under the
old scheme (one counter shared by every `format:…{#####}` DocType) makes no new name collide."""

import frappe
from frappe.core.doctype.doctype.doctype import validate_series
from frappe.model.naming import BRACED_PARAMS_PATTERN, NamingSeries, parse_naming_series
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core.naming import highest_numbers, is_dotted_series, series_pattern
from nonsaad_smart.smart_core.patches import own_series_counters
from nonsaad_smart.smart_i_pole.testing import make_pole, make_repair, pole_village
from nonsaad_smart.smart_pet.testing import make_bite, make_pet

# the app's autonames before they were dotted series (format: parts shared the counter "")
OLD_AUTONAMES = {
	"ADL Assessment": "format:ADL-{#####}",
	"Allowance Payment Run": "format:APR-{fiscal_year}-{#####}",
	"Allowance Rate": "format:RATE-{valid_from_fiscal_year}-{####}",
	"Allowance Registration": "format:ALR-{fiscal_year}-{#####}",
	"Ambulance": "format:AMB-{##}",
	"Bite Incident": "format:BITE-{#####}",
	"Care Person": "format:CP-{#####}",
	"Care Plan": "format:CPL-{#####}",
	"Centre Staff": "format:KST-{#####}",
	"Citizen": "format:CIT-{#####}",
	"Condition Survey": "format:CSV-{BEYYYY}-{#####}",
	"Culvert": "format:CLV-{#####}",
	"Drain": "format:DRN-{#####}",
	"EMS Crew Member": "format:CRW-{###}",
	"EMS Shift": "format:SFT-{#####}",
	"Flood Point": "format:FLD-{#####}",
	"Home Visit": "format:HV-{#####}",
	"Maintenance Work": "format:MW-{BEFY}-{#####}",
	"Pet": "format:PET-{#####}",
	"Pole Repair": "format:PRP-{BEFY}-{#####}",
	"Rabies Vaccination": "format:RBV-{#####}",
	"Staff Certificate": "format:KCE-{#####}",
	"Staff Training": "format:KTR-{#####}",
	"Stray Animal": "format:STRAY-{#####}",
	"Vaccination Campaign": "format:VCP-{#####}",
}


def counter(prefix: str) -> int:
	return int(frappe.db.get_value("Series", prefix, "current", order_by=None) or 0)


def number(name: str) -> int:
	return int(name.rsplit("-", 1)[1])


def repair_on(start: str):
	return make_repair(make_pole(status="Faulty").name, start_datetime=start)


class TestOneCounterPerSeries(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		pole_village()

	def test_no_app_doctype_numbers_from_the_shared_counter(self):
		"""A `format:` autoname with a {#…} part counts on the key "" that every such DocType shares."""
		for module in frappe.get_module_list("nonsaad_smart"):
			for doctype in frappe.get_all("DocType", filters={"module": module}, fields=["name", "autoname"]):
				with self.subTest(doctype=doctype.name):
					autoname = doctype.autoname or ""
					self.assertFalse(autoname.startswith("format:") and "#" in autoname, autoname)

	def test_frappe_accepts_each_series(self):
		"""The DocType's own autoname validation (prefix used by no other DocType) and the series' syntax."""
		for doctype in OLD_AUTONAMES:
			with self.subTest(doctype=doctype):
				dt = frappe.get_doc("DocType", doctype)
				self.assertTrue(is_dotted_series(dt.autoname), dt.autoname)
				validate_series(dt)
				NamingSeries(dt.autoname).validate()

	def test_names_look_as_before(self):
		"""The old expression's name (with the same number) equals the new series' name, field parts included."""
		doc = frappe._dict(
			fiscal_year=2570, valid_from_fiscal_year=2569, start_datetime="2026-12-01 09:00:00"
		)

		def first(_prefix, digits):
			return "1".zfill(digits)

		for doctype, old in OLD_AUTONAMES.items():
			with self.subTest(doctype=doctype):
				new = frappe.get_meta(doctype).autoname
				old_name = BRACED_PARAMS_PATTERN.sub(
					lambda m: parse_naming_series([m.group()[1:-1]], doc=doc, number_generator=first),
					old.removeprefix("format:"),
				)
				self.assertEqual(NamingSeries(new).get_preview(doc)[0], old_name)
				self.assertRegex(old_name, series_pattern(new, doctype))

	def test_two_doctypes_number_independently(self):
		"""Pet, Bite Incident, Pet: the second pet is the next pet, whatever was numbered in between."""
		pets, bites = counter("PET-"), counter("BITE-")
		first_pet = make_pet()
		bite = make_bite()
		second_pet = make_pet()
		self.assertEqual(first_pet.name, f"PET-{pets + 1:05d}")
		self.assertEqual(bite.name, f"BITE-{bites + 1:05d}")
		self.assertEqual(second_pet.name, f"PET-{pets + 2:05d}")

	def test_fiscal_year_series_restart_each_year(self):
		"""PRP-.BEFY.-: a repair of a fiscal year nobody numbered in starts at 00001; the next year again."""
		self.assertEqual(repair_on("2016-10-03 09:00:00").name, "PRP-2560-00001")
		self.assertEqual(repair_on("2017-10-02 09:00:00").name, "PRP-2561-00001")
		self.assertEqual(repair_on("2017-09-29 09:00:00").name, "PRP-2560-00002")


class TestOwnSeriesCountersPatch(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		pole_village()

	def test_new_names_follow_the_highest_old_one(self):
		"""Records named under the shared counter (any number, gaps), the new counters missing: after the
		patch a new record takes the highest number of its prefix + 1 (per fiscal year)."""
		old_pet = max([number(n) for n in frappe.get_all("Pet", pluck="name")] or [0]) + 50
		frappe.rename_doc("Pet", make_pet().name, f"PET-{old_pet:05d}", force=True)
		for start, name in (
			("2014-10-06 09:00:00", "PRP-2558-00042"),
			("2015-10-05 09:00:00", "PRP-2559-00007"),
		):
			frappe.rename_doc("Pole Repair", repair_on(start).name, name, force=True)
		frappe.db.delete("Series", {"name": ("in", ["PET-", "PRP-2558-", "PRP-2559-"])})

		own_series_counters.execute()

		self.assertEqual(make_pet().name, f"PET-{old_pet + 1:05d}")
		self.assertEqual(repair_on("2015-03-02 09:00:00").name, "PRP-2558-00043")
		self.assertEqual(repair_on("2016-03-07 09:00:00").name, "PRP-2559-00008")

	def test_a_counter_is_never_lowered(self):
		ahead = counter("BITE-") + 1000
		series = frappe.qb.DocType("Series")
		frappe.qb.update(series).set(series.current, ahead).where(series.name == "BITE-").run()
		own_series_counters.execute()
		self.assertEqual(counter("BITE-"), ahead)

	def test_amended_and_foreign_names_are_not_counted(self):
		pattern = series_pattern("APR-.{fiscal_year}.-.#####", "Allowance Payment Run")
		self.assertEqual(pattern.match("APR-2570-00012").start("number"), len("APR-2570-"))
		for name in ("APR-2570-00012-1", "XAPR-2570-00012", "APR-2570-12"):
			with self.subTest(name=name):
				self.assertIsNone(pattern.match(name))
		expected = {}
		for name in frappe.get_all("Pole Repair", pluck="name"):
			prefix, digits = name.rsplit("-", 1)
			expected[prefix + "-"] = max(expected.get(prefix + "-", 0), int(digits))
		self.assertEqual(highest_numbers("Pole Repair", "PRP-.BEFY.-.#####"), expected)
