"""The per-process translation dictionary (smart_core/translation_cache.py): the same strings as Frappe's,
a request's changes stay in that request, a changed dictionary is seen at once."""

import frappe
from frappe import translate
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core import translation_cache


def new_request():
	"""What a new request starts with: an empty request cache (frappe.local.cache)."""
	frappe.local.cache = {}


class TestTranslationCache(FrappeTestCase):
	def setUp(self):
		translation_cache.install()
		new_request()

	def tearDown(self):
		new_request()

	def test_same_strings_as_frappe(self):
		frappe.translate.get_all_translations("th")  # built and stored in Redis
		new_request()
		ours = translation_cache.get_all_translations("th")
		new_request()
		self.assertEqual(ours, translation_cache._original("th"))
		self.assertTrue(ours)
		self.assertIs(frappe.translate.get_all_translations, translation_cache.get_all_translations)

	def test_changes_stay_in_the_request(self):
		first = translation_cache.get_all_translations("th")
		first["Not Permitted"] = "changed in one request"
		self.assertIs(translation_cache.get_all_translations("th"), first)
		new_request()
		self.assertNotEqual(
			translation_cache.get_all_translations("th").get("Not Permitted"), "changed in one request"
		)

	def test_a_changed_dictionary_is_seen_at_once(self):
		"""Another value in Redis (what a saved Translation, clear-cache or a migrate leads to) is used by the
		next request. (The value is set directly: a Translation saved in a test is not committed, and a
		request of a running server may rebuild the dictionary without it in between.)"""
		source = "matrix18 translation cache probe"
		self.assertEqual(frappe._(source, lang="th"), source)
		changed = {**translation_cache.get_all_translations("th"), source: "ตรวจแคช"}
		frappe.cache.hset(translate.MERGED_TRANSLATION_KEY, "th", changed)
		try:
			new_request()
			self.assertEqual(frappe._(source, lang="th"), "ตรวจแคช")
		finally:
			frappe.cache.hdel(translate.MERGED_TRANSLATION_KEY, "th")
		new_request()
		self.assertEqual(frappe._(source, lang="th"), source)
