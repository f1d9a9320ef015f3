"""Street Light Pole: code pattern and uniqueness, place, status clock, roles, layer, page, labels, reports."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime

from nonsaad_smart.smart_core import gis
from nonsaad_smart.smart_core.geo import OutsideMunicipalityError
from nonsaad_smart.smart_i_pole import api, labels
from nonsaad_smart.smart_i_pole.doctype.street_light_pole.street_light_pole import (
	STATUS_THAI,
	DuplicatePoleCodeError,
	InvalidPoleCodeError,
	PoleCodeVillageMismatchError,
	next_pole_code,
	parse_pole_code,
)
from nonsaad_smart.smart_i_pole.report.open_pole_faults import open_pole_faults
from nonsaad_smart.smart_i_pole.report.poles_per_village import poles_per_village
from nonsaad_smart.smart_i_pole.testing import make_pole, pole_village
from nonsaad_smart.tests.utils import make_user, pdf_text

# the tests make their own records: no ERPNext test records (Asset/Item pull in payments)
test_ignore = ["Asset"]


class TestStreetLightPole(FrappeTestCase):
	def setUp(self):
		self.village = pole_village()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_code_pattern(self):
		self.assertEqual(parse_pole_code("NSA-03-0042"), (3, 42))
		for bad in ("NSA-3-42", "XYZ-03-0042", "NSA-03-0000", "NSA-00-0001", "NSA-03-00421", ""):
			with self.assertRaises(InvalidPoleCodeError, msg=bad):
				make_pole(pole_code=bad)
		doc = make_pole(pole_code=" nsa-98-0777 ")
		self.assertEqual(doc.name, "NSA-98-0777")
		self.assertEqual(doc.village_no, 98)

	def test_code_unique(self):
		doc = make_pole()
		before = frappe.db.count("Street Light Pole")
		with self.assertRaises(DuplicatePoleCodeError):
			make_pole(pole_code=doc.name)
		self.assertEqual(frappe.db.count("Street Light Pole"), before)

	def test_code_must_match_village(self):
		make_village_97 = pole_village(97)
		with self.assertRaises(PoleCodeVillageMismatchError):
			make_pole(pole_code="NSA-98-0900", village=make_village_97)

	def test_outside_municipality_rejected(self):
		with self.assertRaises(OutsideMunicipalityError):
			make_pole(latitude=13.7563, longitude=100.5018)
		with self.assertRaises(frappe.ValidationError):
			make_pole(wattage=5000)

	def test_next_code(self):
		doc = make_pole()
		_, serial = parse_pole_code(doc.name)
		self.assertGreater(parse_pole_code(next_pole_code(self.village))[1], serial)

	def test_outage_clock(self):
		doc = make_pole()
		self.assertIsNone(doc.faulty_since)
		doc.status = "Faulty"
		doc.save()
		self.assertIsNotNone(doc.faulty_since)
		since = doc.faulty_since
		doc.status = "Under Repair"
		doc.save()
		self.assertEqual(doc.faulty_since, since)
		doc.status = "Working"
		doc.save()
		self.assertIsNone(doc.faulty_since)
		self.assertTrue(frappe.get_meta("Street Light Pole").track_changes)

	def test_roles(self):
		doc = make_pole()
		works = make_user("pole.works@nonsaad.test", ["Public Works Officer"])
		tech = make_user("pole.tech.ro@nonsaad.test", ["Repair Technician"])
		front = make_user("pole.front@nonsaad.test", ["Front Desk Officer"])
		auditor = make_user("pole.auditor@nonsaad.test", ["Auditor"])
		mayor = make_user("pole.mayor@nonsaad.test", ["Executive"])
		citizen = make_user("pole.citizen@nonsaad.test", ["Citizen"], user_type="Website User")
		for user in (works, tech, front, auditor, mayor):
			self.assertTrue(frappe.has_permission("Street Light Pole", "read", doc.name, user=user), user)
		for user in (tech, front, auditor, mayor, citizen):
			self.assertFalse(frappe.has_permission("Street Light Pole", "write", doc.name, user=user), user)
			self.assertFalse(frappe.has_permission("Street Light Pole", "create", user=user), user)
		self.assertFalse(frappe.has_permission("Street Light Pole", "read", doc.name, user=citizen))
		self.assertTrue(frappe.has_permission("Street Light Pole", "create", user=works))

		frappe.set_user(works)
		created = make_pole(ignore_permissions=False)
		self.assertEqual(created.owner, works)
		frappe.set_user(tech)
		pole = frappe.get_doc("Street Light Pole", doc.name)
		pole.status = "Working" if pole.status != "Working" else "Faulty"
		with self.assertRaises(frappe.PermissionError):
			pole.save()

	def test_layer(self):
		doc = make_pole(status="Faulty")
		layer = api.pole_layer(village=self.village)
		self.assertEqual(layer["type"], "FeatureCollection")
		feature = next(f for f in layer["features"] if f["properties"]["name"] == doc.name)
		self.assertEqual(
			feature["geometry"]["coordinates"], [round(doc.longitude, 7), round(doc.latitude, 7)]
		)
		self.assertEqual(feature["properties"]["status"], "Faulty")
		public = api.public_pole_layer()
		props = next(f["properties"] for f in public["features"] if f["properties"]["name"] == doc.name)
		# data only: the title, the pole page and the colour are the layer spec's (hooks.py), not each pole's
		self.assertEqual(
			props, {"name": doc.name, "village": doc.village, "status": "Faulty", "lamp_type": doc.lamp_type}
		)
		# as the map shows it: the spec's title template with the popup's display value (status in Thai)
		lang, frappe.local.lang = frappe.local.lang, "th"
		try:
			layer = gis.get_layer("street_lights")
		finally:
			frappe.local.lang = lang
		spec = gis.registered_layers()["street_lights"]
		shown = layer["display"]["status"]["Faulty"]
		self.assertEqual(shown, STATUS_THAI["Faulty"])
		self.assertEqual(spec["title"].format(name=doc.name, status=shown), f"{doc.name} – ชำรุด")
		frappe.set_user(make_user("pole.citizen@nonsaad.test", ["Citizen"], user_type="Website User"))
		with self.assertRaises(frappe.PermissionError):
			api.pole_layer()

	def test_public_info(self):
		doc = make_pole(meter_no="MTR-SECRET-1")
		info = api.public_pole_info(doc.name.lower())
		self.assertEqual(info["pole_code"], doc.name)
		self.assertEqual(info["status_th"], "ใช้งานได้ปกติ")
		self.assertNotIn("MTR-SECRET-1", frappe.as_json(info))
		self.assertIsNone(api.public_pole_info("NSA-98-9999"))
		self.assertIsNone(api.public_pole_info("<script>"))

	def test_label_sheet_pdf(self):
		poles = [make_pole(), make_pole()]
		html = labels.render_label_sheet([{"name": p.name} for p in poles])
		self.assertIn(f"/pole/{poles[0].name}", html)
		pdf = labels.label_sheet_pdf([{"name": p.name} for p in poles])
		self.assertTrue(pdf.startswith(b"%PDF"))
		text = pdf_text(pdf)
		self.assertIn(poles[1].name, text)
		self.assertIn("โนนสะอาด", text)
		frappe.set_user(make_user("pole.citizen@nonsaad.test", ["Citizen"], user_type="Website User"))
		with self.assertRaises(frappe.PermissionError):
			labels.qr_label_sheet(names=[poles[0].name])

	def test_poles_per_village_report(self):
		village = pole_village(96)
		frappe.db.delete("Street Light Pole", {"village": village})
		make_pole(96, lamp_type="LED", wattage=40)
		make_pole(96, lamp_type="LED", wattage=60)
		make_pole(96, lamp_type="High-Pressure Sodium", wattage=150, status="Faulty")
		make_pole(96, lamp_type="CFL", wattage=100, status="Removed")
		_columns, rows, *_ = poles_per_village.execute({})
		row = next(r for r in rows if r["village"] == village)
		self.assertEqual(
			(row["total"], row["working"], row["faulty"], row["removed"], row["led"], row["wattage"]),
			(4, 2, 1, 1, 2, 250),
		)
		self.assertAlmostEqual(row["kw"], 0.25)

	def test_open_faults_report(self):
		village = pole_village(95)
		frappe.db.delete("Street Light Pole", {"village": village})
		out = make_pole(95, status="Faulty")
		repairing = make_pole(95, status="Under Repair")
		make_pole(95)
		since = get_datetime("2026-11-01 08:00:00")
		frappe.db.set_value("Street Light Pole", out.name, "faulty_since", since)
		frappe.db.set_value("Street Light Pole", repairing.name, "faulty_since", add_to_date(since, hours=12))
		as_of = add_to_date(since, days=3)
		_columns, rows, _msg, _chart, summary = open_pole_faults.execute({"village": village, "as_of": as_of})
		self.assertEqual([r["pole"] for r in rows], [out.name, repairing.name])
		self.assertEqual((rows[0]["outage_hours"], rows[0]["outage_days"]), (72.0, 3.0))
		self.assertEqual((rows[1]["outage_hours"], rows[1]["outage_days"]), (60.0, 2.5))
		self.assertEqual(rows[0]["since"], "01/11/2569 08:00")
		self.assertEqual(summary[0]["value"], 2)
