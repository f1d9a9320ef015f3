"""Stray Animal: the 5-day claim deadline, no adoption before it, a claimed animal links its Pet, the
place must be inside the municipality."""

from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from nonsaad_smart.smart_core.geo import OutsideMunicipalityError
from nonsaad_smart.smart_pet.doctype.stray_animal.stray_animal import InvalidStrayError
from nonsaad_smart.smart_pet.testing import make_pet, make_stray


class TestStrayAnimal(FrappeTestCase):
	def test_claim_deadline_is_five_days_after_impounding(self):
		stray = make_stray(impounded=1, impounded_on=add_days(today(), -2))
		self.assertEqual(getdate(stray.claim_deadline), add_days(getdate(today()), 3))
		self.assertIsNone(make_stray().claim_deadline)

	def test_no_adoption_before_the_deadline(self):
		stray = make_stray(impounded=1, impounded_on=add_days(today(), -2))
		stray.outcome = "Adopted"
		with self.assertRaises(InvalidStrayError):
			stray.save()
		old = make_stray(impounded=1, impounded_on=add_days(today(), -6))
		old.outcome = "Adopted"
		old.save()
		self.assertEqual(getdate(old.outcome_date), getdate(today()))

	def test_claimed_needs_the_pet(self):
		stray = make_stray(impounded=1)
		stray.outcome = "Claimed"
		with self.assertRaises(InvalidStrayError):
			stray.save()
		stray.reload()
		stray.outcome = "Claimed"
		stray.pet = make_pet().name
		stray.save()

	def test_place_inside_the_municipality(self):
		with self.assertRaises(OutsideMunicipalityError):
			make_stray(latitude=13.75, longitude=100.5)
