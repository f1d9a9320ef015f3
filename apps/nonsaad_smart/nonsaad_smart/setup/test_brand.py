"""The municipality's brand in settings, and Module Profiles that keep staff sidebars to their services."""

import frappe
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.setup import brand, module_profiles
from nonsaad_smart.tests.utils import make_user


class TestBrand(FrappeTestCase):
	def test_settings_carry_the_municipality_and_no_upstream_name(self):
		brand.setup_brand()
		brand.setup_brand()  # idempotent
		website = frappe.get_single("Website Settings")
		self.assertEqual(website.app_name, brand.MUNICIPALITY)
		self.assertEqual(website.app_logo, brand.LOGO)
		self.assertEqual(website.favicon, brand.FAVICON)
		self.assertIn(brand.MUNICIPALITY, website.footer_powered)
		self.assertTrue(website.hide_footer_signup)
		self.assertEqual(frappe.db.get_single_value("Navbar Settings", "app_logo"), brand.LOGO)
		self.assertEqual(frappe.db.get_single_value("System Settings", "app_name"), brand.MUNICIPALITY)
		self.assertTrue(frappe.db.get_default("disable_standard_email_footer"))
		for value in (website.app_name, website.brand_html, website.footer_powered, website.copyright):
			for upstream in brand.UPSTREAM_BRANDS:
				self.assertNotIn(upstream.lower(), (value or "").lower())

	def test_framework_logo_hook_is_the_municipalitys(self):
		from frappe.core.doctype.navbar_settings.navbar_settings import get_app_logo

		brand.setup_brand()
		self.assertEqual(get_app_logo(), brand.LOGO)


class TestLetterHead(FrappeTestCase):
	"""The municipality's letter head is data: its logo and names from Smart Settings, following them."""

	def test_letter_head_follows_smart_settings(self):
		import base64

		from nonsaad_smart.smart_core import municipality
		from nonsaad_smart.tests.utils import ensure_test_settings, make_image_file

		ensure_test_settings()
		name = municipality.apply_letter_head()
		self.assertEqual(frappe.db.get_value("Letter Head", {"is_default": 1}), name)
		self.assertEqual(name, municipality.profile()["municipality_name_en"])
		content = frappe.db.get_value("Letter Head", name, "content")
		self.assertIn(municipality.profile()["municipality_name_th"], content)
		self.assertIn("data:image/svg+xml;base64,", content)  # the app's logo while Smart Settings has none

		settings = frappe.get_single("Smart Settings")
		logo_url = make_image_file("municipal-logo.png", is_private=0)
		settings.logo = logo_url
		settings.phone = "042 000 111"
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)
		content, footer = frappe.db.get_value("Letter Head", name, ["content", "footer"])
		stored = frappe.get_doc("File", {"file_url": logo_url}).get_content()
		self.assertIn(f"data:image/png;base64,{base64.b64encode(stored).decode()}", content)
		self.assertIn("042 000 111", footer)
		website = frappe.get_single("Website Settings")
		self.assertEqual((website.app_logo, website.favicon), (logo_url, logo_url))  # the favicon follows

		html = frappe.get_print("Smart Settings", "Smart Settings", letterhead=name)
		self.assertIn("data:image/png;base64,", html)
		self.assertIn(municipality.profile()["municipality_name_th"], html)


class TestModuleProfiles(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_profile_per_role_group(self):
		self.assertEqual(module_profiles.profile_for_roles(["Front Desk Officer"]), "Municipal Staff")
		self.assertEqual(
			module_profiles.profile_for_roles(["Supplies Officer", "Executive"]), "Municipal Staff + Assets"
		)
		self.assertIsNone(module_profiles.profile_for_roles(["Municipal Admin", "System Manager"]))
		self.assertIsNone(module_profiles.profile_for_roles(["Citizen"]))
		blocked = {
			row.module for row in frappe.get_doc("Module Profile", "Municipal Staff + Assets").block_modules
		}
		self.assertIn("Selling", blocked)
		self.assertIn("Quality Management", blocked)
		self.assertNotIn("Assets", blocked)
		self.assertNotIn("Smart Karupan", blocked)

	def test_staff_user_gets_the_profile_and_a_clean_sidebar(self):
		user = make_user("mp.frontdesk@nonsaad.test", ["Front Desk Officer"])
		user = frappe.get_doc("User", user)
		self.assertEqual(user.module_profile, "Municipal Staff")
		self.assertIn("Support", {row.module for row in user.block_modules})
		frappe.set_user(user.name)
		pages = get_workspace_sidebar_items()["pages"]
		modules = {page.get("module") for page in pages}
		self.assertTrue(modules <= set(module_profiles.app_modules()), modules)

	def test_becoming_system_manager_lifts_the_profile(self):
		user = make_user("mp.admin@nonsaad.test", ["Front Desk Officer"])
		user = frappe.get_doc("User", user)
		user.add_roles("System Manager")
		user.reload()
		self.assertFalse(user.module_profile)
		self.assertFalse(user.block_modules)

	def test_a_hand_set_profile_is_left_alone(self):
		if not frappe.db.exists("Module Profile", "Hand Made"):
			frappe.get_doc({"doctype": "Module Profile", "module_profile_name": "Hand Made"}).insert()
		user = make_user("mp.hand@nonsaad.test", ["Front Desk Officer"])
		user = frappe.get_doc("User", user)
		user.module_profile = "Hand Made"
		user.save()
		self.assertEqual(frappe.db.get_value("User", user.name, "module_profile"), "Hand Made")
