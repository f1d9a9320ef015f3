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


class TestOutage(FrappeTestCase):
	"""The database or Redis away: a 503 with a message and Retry-After, not Frappe's bare 500."""

	def answer(self, status, body):
		def fake_app(env, start_response):
			start_response(status, [("Content-Type", "application/json")])
			return [body]

		got = {}

		def start_response(status, headers, exc_info=None):
			got.update(status=status, headers=dict(headers))

		with patch.object(wsgi, "_application", fake_app), patch.object(wsgi, "DEFAULT_SITE", None):
			got["body"] = b"".join(wsgi.application({"HTTP_HOST": "x.localhost"}, start_response))
		return got

	def test_a_connection_error_is_a_503_with_a_message(self):
		import json

		got = self.answer("500 INTERNAL SERVER ERROR", b'{"exc_type": "ConnectionError"}')
		self.assertTrue(got["status"].startswith("503"))
		self.assertEqual(got["headers"]["Retry-After"], "60")
		body = json.loads(got["body"])
		self.assertIn("try again", body["message"])
		self.assertIn("try again", json.loads(json.loads(body["_server_messages"])[0])["message"])

	def test_other_errors_and_answers_pass_unchanged(self):
		got = self.answer("500 INTERNAL SERVER ERROR", b'{"exc_type": "KeyError"}')
		self.assertTrue(got["status"].startswith("500"))
		self.assertEqual(got["body"], b'{"exc_type": "KeyError"}')
		got = self.answer("200 OK", b'{"message": "ok"}')
		self.assertEqual((got["status"], got["body"]), ("200 OK", b'{"message": "ok"}'))

	def test_a_refused_database_connection_is_a_503(self):
		def fake_app(env, start_response):
			raise ConnectionRefusedError(111, "Connection refused")

		got = {}
		with patch.object(wsgi, "_application", fake_app), patch.object(wsgi, "DEFAULT_SITE", None):
			body = b"".join(
				wsgi.application({"HTTP_HOST": "x.localhost"}, lambda s, h, e=None: got.update(s=s))
			)
		self.assertTrue(got["s"].startswith("503"))
		self.assertIn(b"try again", body)
