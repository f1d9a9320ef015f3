"""Rabies Vaccination: next due a year later, the first-dose window (2–4 months) warns outside it, the
pet shows its last dose and next due (and goes back on cancel); coverage per village on known data."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, add_years, getdate, today

from nonsaad_smart.smart_pet.alerts import send_booster_reminders
from nonsaad_smart.smart_pet.coverage import coverage_by_village, coverage_totals
from nonsaad_smart.smart_pet.doctype.rabies_vaccination.rabies_vaccination import (
	InvalidVaccinationError,
	first_dose_warning,
	next_due_date,
)
from nonsaad_smart.smart_pet.testing import citizen_with_user, make_pet, vaccinate
from nonsaad_smart.tests.utils import make_village


class TestRabiesVaccination(FrappeTestCase):
	def test_next_due_is_one_year_later(self):
		self.assertEqual(next_due_date("2026-03-15"), getdate("2027-03-15"))
		self.assertEqual(next_due_date("2024-02-29"), getdate("2025-02-28"))
		dose = vaccinate(make_pet().name, 30)
		self.assertEqual(getdate(dose.next_due), add_years(getdate(add_days(today(), -30)), 1))

	def test_first_dose_window(self):
		self.assertIsNone(first_dose_warning(3))
		self.assertIsNone(first_dose_warning(None))
		self.assertIn("2–4", first_dose_warning(1))
		self.assertIn("2–4", first_dose_warning(7))
		young = make_pet(birth_date=add_months(today(), -1))
		self.assertTrue(vaccinate(young.name).dose_warning)
		right = make_pet(birth_date=add_months(today(), -3))
		first = vaccinate(right.name)
		self.assertEqual((first.first_dose, first.age_months, first.dose_warning), (1, 3, None))
		old = make_pet(estimated_age_months=24, registered_on=today())
		self.assertTrue(vaccinate(old.name, 0).dose_warning)
		second = vaccinate(old.name, 0, vaccination_date=today())  # a second dose: no window
		self.assertEqual((second.first_dose, second.dose_warning), (0, None))

	def test_pet_shows_last_dose_and_cancel_goes_back(self):
		pet = make_pet()
		vaccinate(pet.name, 400)
		last = vaccinate(pet.name, 20)
		self.assertEqual(
			frappe.db.get_value("Pet", pet.name, "next_due"), getdate(next_due_date(add_days(today(), -20)))
		)
		last.cancel()
		self.assertEqual(
			frappe.db.get_value("Pet", pet.name, "next_due"), getdate(next_due_date(add_days(today(), -400)))
		)

	def test_no_vaccination_in_the_future(self):
		with self.assertRaises(InvalidVaccinationError):
			vaccinate(make_pet().name, -2)


class TestCoverage(FrappeTestCase):
	def test_coverage_on_known_data(self):
		low, high = make_village(81), make_village(82)
		dogs = [make_pet(village=low, registered_on=add_days(today(), -800)).name for _i in range(5)]
		for pet, days in zip(dogs, (10, 100, 364, 400), strict=False):
			vaccinate(pet, days)  # 3 inside the last 12 months, 1 older
		dead = make_pet(village=low)
		vaccinate(dead.name, 5)
		dead.db_set("status", "Dead")
		vaccinate(make_pet(village=low, species="Cat").name, 5)  # cats are not in the dog coverage
		vaccinate(make_pet(village=low, registered_on=add_days(today(), 1)).name, 0)  # registered later
		for i in range(5):
			pet = make_pet(village=high).name
			if i < 4:
				vaccinate(pet, 30)
		draft = make_pet(village=high).name
		vaccinate(draft, 3, submit=False)  # a draft dose does not count: 4 of 6
		rows = {r.village: r for r in coverage_by_village(villages=[low, high])}
		self.assertEqual((rows[low].dogs, rows[low].vaccinated, rows[low].coverage), (5, 3, 60.0))
		self.assertEqual(rows[low].band, "Campaign Needed")
		self.assertEqual((rows[high].dogs, rows[high].vaccinated, rows[high].coverage), (6, 4, 66.7))
		vaccinate(draft, 2)
		rows = {r.village: r for r in coverage_by_village(villages=[low, high])}
		self.assertEqual((rows[high].coverage, rows[high].band), (83.3, "Target Reached"))
		self.assertEqual(
			coverage_totals(villages=[low, high]), {"dogs": 11, "vaccinated": 8, "coverage": 72.7}
		)
		# a year ago: only the doses given before then count (the 400-days-old one)
		past = coverage_by_village(add_days(today(), -366), villages=[low])[0]
		self.assertEqual((past.dogs, past.vaccinated), (5, 1))


class TestBoosterReminder(FrappeTestCase):
	def test_owner_is_reminded_once_before_the_booster(self):
		owner = citizen_with_user("pet.reminded@nonsaad.test")
		pet = make_pet(pet_owner=owner.name)
		vaccinate(pet.name, 360)  # due in 5 days
		later = make_pet(pet_owner=owner.name)
		vaccinate(later.name, 300)  # due in 65 days: not yet

		def reminders(name):
			return frappe.db.count(
				"Notification Log", {"for_user": owner.user, "document_type": "Pet", "document_name": name}
			)

		send_booster_reminders()
		send_booster_reminders()
		self.assertEqual((reminders(pet.name), reminders(later.name)), (1, 0))
		self.assertEqual(
			getdate(frappe.db.get_value("Pet", pet.name, "reminder_sent_for")),
			next_due_date(add_days(today(), -360)),
		)


class TestPublishedFigures(FrappeTestCase):
	def test_open_dataset_and_layer_are_aggregated_per_village(self):
		from nonsaad_smart.smart_pet.api import coverage_dataset, coverage_layer, municipal_coverage

		village = make_village(83)
		for days in (5, 50, 500):
			vaccinate(make_pet(village=village, registered_on=add_days(today(), -600)).name, days)
		rows = coverage_dataset()
		self.assertEqual(
			set(rows[0]), {"month", "village", "village_no", "dogs", "vaccinated", "coverage_percent"}
		)
		this_month = [
			r for r in rows if r["village_no"] == 83 and r["month"] == getdate(today()).strftime("%Y-%m")
		]
		self.assertEqual((this_month[0]["dogs"], this_month[0]["vaccinated"]), (3, 2))
		self.assertEqual(len({r["month"] for r in rows}), 12)
		feature = next(f for f in coverage_layer()["features"] if f["properties"]["village"] == village)
		self.assertEqual(feature["properties"]["coverage"], 66.7)
		self.assertNotIn("pet_owner", feature["properties"])
		self.assertIsInstance(municipal_coverage(None, today()), float)
