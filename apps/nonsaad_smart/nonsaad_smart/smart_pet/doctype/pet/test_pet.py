"""Pet: microchip (ISO 11784, 15 digits, unique), place from the owner's home; a citizen sees only their
own pets (get_list, has_permission, their pets' vaccinations); DocPerms per role."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_pet.doctype.pet.pet import InvalidMicrochipError, check_microchip
from nonsaad_smart.smart_pet.testing import citizen_with_user, health_officer, make_bite, make_pet, vaccinate
from nonsaad_smart.tests.utils import make_citizen, make_user, make_village


class TestPet(FrappeTestCase):
	def test_microchip_must_be_15_digits(self):
		self.assertEqual(check_microchip("764 0981 0012 3456"), "764098100123456")
		self.assertEqual(check_microchip(""), "")
		for bad in ("12345", "76409810012345X", "7640981001234567"):
			with self.assertRaises(InvalidMicrochipError, msg=bad):
				make_pet(microchip=bad)

	def test_microchip_is_unique_and_normalised(self):
		pet = make_pet(microchip="764 098 100 123 401")
		self.assertEqual(pet.microchip, "764098100123401")
		with self.assertRaises(InvalidMicrochipError):
			make_pet(microchip="764098100123401")

	def test_village_and_place_from_the_owner(self):
		village = make_village(93, latitude=16.95, longitude=102.27)
		owner = make_citizen(village=village, latitude=16.961, longitude=102.281)
		pet = make_pet(pet_owner=owner.name, village=None, latitude=None, longitude=None)
		self.assertEqual((pet.village, pet.latitude, pet.longitude), (village, 16.961, 102.281))


class TestPetPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.mine_owner = citizen_with_user("pet.owner1@nonsaad.test")
		cls.other_owner = citizen_with_user("pet.owner2@nonsaad.test")
		cls.mine = make_pet(pet_name="ของฉัน", pet_owner=cls.mine_owner.name)
		cls.other = make_pet(pet_name="ของคนอื่น", pet_owner=cls.other_owner.name)
		cls.community = make_pet(pet_name="หมาวัด")
		cls.my_dose = vaccinate(cls.mine.name, 10)
		cls.other_dose = vaccinate(cls.other.name, 10)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_citizen_lists_only_own_pets_and_their_vaccinations(self):
		frappe.set_user("pet.owner1@nonsaad.test")
		self.assertEqual(frappe.get_list("Pet", pluck="name"), [self.mine.name])
		self.assertEqual(frappe.get_list("Rabies Vaccination", pluck="name"), [self.my_dose.name])
		self.assertTrue(frappe.has_permission("Pet", "read", doc=self.mine.name))
		self.assertFalse(frappe.has_permission("Pet", "read", doc=self.other.name))
		self.assertFalse(frappe.has_permission("Pet", "read", doc=self.community.name))
		self.assertFalse(frappe.has_permission("Rabies Vaccination", "read", doc=self.other_dose.name))
		self.assertFalse(frappe.has_permission("Pet", "write", doc=self.mine.name))
		self.assertFalse(frappe.has_permission("Stray Animal", "read"))

	def test_citizen_sees_the_bite_their_pet_caused(self):
		"""The owner of the dog reads the bite of another resident (a User Permission on Citizen would hide
		it: the victim is someone else's record; the links ignore User Permissions, the row rule decides)."""
		bite = make_bite(pet=self.mine.name, victim=self.other_owner.name)
		elsewhere = make_bite(pet=self.other.name, victim=self.other_owner.name)
		frappe.set_user("pet.owner1@nonsaad.test")
		self.assertIn(bite.name, frappe.get_list("Bite Incident", pluck="name"))
		self.assertNotIn(elsewhere.name, frappe.get_list("Bite Incident", pluck="name"))
		self.assertTrue(frappe.has_permission("Bite Incident", "read", doc=bite.name))
		self.assertFalse(frappe.has_permission("Bite Incident", "read", doc=elsewhere.name))

	def test_rights_per_role(self):
		officer = health_officer()
		executive = make_user("pet.exec@nonsaad.test", ["Executive"])
		technician = make_user("pet.tech@nonsaad.test", ["Repair Technician"])
		frontdesk = make_user("pet.desk@nonsaad.test", ["Front Desk Officer"])
		expect = {
			officer: {
				"Pet": "rwcd",
				"Rabies Vaccination": "rwcd",
				"Bite Incident": "rwcd",
				"Stray Animal": "rwcd",
			},
			executive: {"Pet": "r", "Rabies Vaccination": "r", "Bite Incident": "r", "Stray Animal": "r"},
			frontdesk: {"Pet": "rwc", "Rabies Vaccination": "", "Bite Incident": "rc", "Stray Animal": "rc"},
			technician: {"Pet": "", "Rabies Vaccination": "", "Bite Incident": "", "Stray Animal": ""},
		}
		names = {"r": "read", "w": "write", "c": "create", "d": "delete"}
		for user, doctypes in expect.items():
			for doctype, rights in doctypes.items():
				for letter, ptype in names.items():
					self.assertEqual(
						bool(frappe.has_permission(doctype, ptype, user=user)),
						letter in rights,
						f"{user} {ptype} {doctype}",
					)
