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

	def in_thread(self, fake_app, host: str = "x.localhost") -> dict:
		"""wsgi.application on a thread of its own, as gunicorn's: a request that raises releases that
		thread's frappe.local (not the test runner's)."""
		import threading

		import frappe

		got = {}

		def request():
			with patch.object(wsgi, "_application", fake_app), patch.object(wsgi, "DEFAULT_SITE", None):
				got["body"] = b"".join(
					wsgi.application({"HTTP_HOST": host}, lambda s, h, e=None: got.update(status=s))
				)
			got["db left"] = getattr(frappe.local, "db", None)  # what the thread's next request finds

		thread = threading.Thread(target=request)
		thread.start()
		thread.join(60)
		return got

	def test_a_refused_database_connection_is_a_503(self):
		def fake_app(env, start_response):
			raise ConnectionRefusedError(111, "Connection refused")

		got = self.in_thread(fake_app)
		self.assertTrue(got["status"].startswith("503"))
		self.assertIn(b"try again", got["body"])

	def test_a_request_that_raises_releases_its_database_connection(self):
		"""Frappe closes a request's connection in the iterator its application returns; when it raised
		instead (Redis away: Frappe's error handling fails too), the gunicorn thread kept the connection
		with an open transaction (bin/nonsaad faults)."""
		import frappe

		site, sites_path, seen = frappe.local.site, frappe.local.sites_path, {}

		def fake_app(env, start_response):
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			frappe.db.sql("select 1")  # a transaction is open
			seen["db"] = frappe.local.db
			raise ConnectionError("Redis is away")

		got = self.in_thread(fake_app, site)
		self.assertTrue(got["status"].startswith("503"))
		self.assertIsNone(seen["db"]._conn)  # closed: the server rolled its transaction back
		self.assertIsNone(got["db left"])  # frappe.local released
