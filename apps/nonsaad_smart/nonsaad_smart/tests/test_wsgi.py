"""The gunicorn entry sends requests for unknown hosts (http://localhost:8000) to the default site."""

from unittest.mock import patch

from frappe.tests.utils import FrappeTestCase

from nonsaad_smart import wsgi


class TestWsgi(FrappeTestCase):
	def route(self, host, **environ):
		seen = {}

		def fake_app(env, start_response):
			seen.update(env)
			return []

		with (
			patch.object(wsgi, "_application", fake_app),
			patch.object(wsgi, "DEFAULT_SITE", "nonsaad.localhost"),
		):
			wsgi.application({"HTTP_HOST": host, **environ}, lambda *a: None)
		return seen.get("HTTP_X_FRAPPE_SITE_NAME")

	def test_unknown_host_goes_to_default_site(self):
		self.assertEqual(self.route("localhost:8000"), "nonsaad.localhost")
		self.assertEqual(self.route(""), "nonsaad.localhost")

	def test_known_site_and_explicit_header_are_kept(self):
		import frappe

		self.assertIsNone(self.route(f"{frappe.local.site}:8000"))
		self.assertEqual(self.route("localhost", HTTP_X_FRAPPE_SITE_NAME="other.site"), "other.site")
