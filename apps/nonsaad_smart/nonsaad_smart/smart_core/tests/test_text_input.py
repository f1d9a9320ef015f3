"""The shared text check (smart_core/text_input.py): normalising, markup, lengths, wrong types, and the
lone-surrogate guard on request arguments (issue 18's fuzzer found UnicodeEncodeError 500s)."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core import text_input as t


class TestTextInput(FrappeTestCase):
	def test_normalising_removes_invisible_and_broken_characters(self):
		self.assertEqual(t.normalize_text(" a\u200b\u202eb\x00\ud800c\r\nd "), "abc\nd")
		self.assertEqual(t.normalize_text("e\u0301"), "\u00e9")

	def test_clean_text_refuses_markup_overlong_and_wrong_types(self):
		self.assertEqual(t.clean_text("ไฟดับ 3 ดวง", "x"), "ไฟดับ 3 ดวง")
		self.assertEqual(t.clean_text(12, "x"), "12")
		for bad, error in (
			("<img src=x onerror=alert(1)", t.UnsafeTextError),
			("javascript:alert(1)", t.UnsafeTextError),
			("ก" * 11, t.UnsafeTextError),
			(["a"], t.InvalidInputError),
			({"a": 1}, t.InvalidInputError),
			(True, t.InvalidInputError),
			(float("nan"), t.InvalidInputError),
		):
			with self.assertRaises(error, msg=repr(bad)):
				t.clean_text(bad, "x", max_length=10)
		with self.assertRaises(t.MissingFieldError):
			t.clean_text("\u200b \ufeff", "x", required=True)

	def test_numbers_and_form_data(self):
		self.assertEqual(t.as_number("16.97", "x"), 16.97)
		self.assertIsNone(t.as_number("", "x"))
		for bad in ("NaN", "inf", "1e309", "north", [1], True):
			with self.assertRaises(t.InvalidInputError, msg=repr(bad)):
				t.as_number(bad, "x")
		self.assertEqual(t.parse_form_data('{"a": 1}').a, 1)
		for bad in ("not json", "[]", '"text"', None, 5):
			with self.assertRaises(t.InvalidInputError, msg=repr(bad)):
				t.parse_form_data(bad)

	def test_lone_surrogates_in_request_arguments_are_refused(self):
		self.assertTrue(t.has_lone_surrogate({"a": ["x", {"b": "\udc00"}]}))
		self.assertFalse(t.has_lone_surrogate({"a": ["ไทย \U0001f4a9", 1, None]}))
		saved = frappe.local.form_dict
		try:
			for form in (
				{"data": "a\ud800b"},
				{"data": json.dumps({"description": "a\ud800b"})},  # the escape, a surrogate once parsed
				{"data": [{"x": "\udfff"}]},
			):
				frappe.local.form_dict = frappe._dict(form)
				with self.assertRaises(t.InvalidInputError, msg=repr(form)):
					t.refuse_lone_surrogates()
			frappe.local.form_dict = frappe._dict({"data": json.dumps({"description": "ไทย \U0001f4a9"})})
			t.refuse_lone_surrogates()
		finally:
			frappe.local.form_dict = saved

	def test_a_whitelisted_method_without_its_required_arguments_is_refused(self):
		from werkzeug.test import EnvironBuilder
		from werkzeug.wrappers import Request

		saved = (frappe.local.form_dict, getattr(frappe.local, "request", None))
		try:
			frappe.local.request = Request(
				EnvironBuilder(path="/api/method/nonsaad_smart.smart_karupan.api.lookup").get_environ()
			)
			frappe.local.form_dict = frappe._dict()
			with self.assertRaises(t.MissingFieldError):
				t.refuse_missing_arguments()
			frappe.local.form_dict = frappe._dict({"stock_check": "", "code": ""})  # empty: a value
			t.refuse_missing_arguments()
		finally:
			frappe.local.form_dict, frappe.local.request = saved

	def _run_hook(self, path: str, form: dict):
		from werkzeug.test import EnvironBuilder
		from werkzeug.wrappers import Request

		saved = (frappe.local.form_dict, getattr(frappe.local, "request", None))
		try:
			frappe.local.request = Request(EnvironBuilder(path=path).get_environ())
			frappe.local.form_dict = frappe._dict(form)
			t.refuse_missing_arguments()
		finally:
			frappe.local.form_dict, frappe.local.request = saved

	def test_unknown_doctypes_wrong_types_and_cmd_are_refused_before_the_method(self):
		"""Issue 18's fuzzer: a junk doctype (ImportError 500), a value of the wrong annotated type (Frappe's
		FrappeTypeError, a 417 without a message) and a `cmd` argument (Frappe runs it, not the path)."""
		self.assertEqual(t.known_doctype("User"), "User")
		for bad in ("", " ", "<b>x</b>", "x" * 200, None, ["User"], "Nosuch DocType"):
			with self.assertRaises(t.UnknownDocTypeError, msg=repr(bad)):
				t.known_doctype(bad)
		self.assertEqual(t.json_object('{"a": 1}', "doc"), {"a": 1})
		for bad in ("x", "[]", "null", 5, None):
			with self.assertRaises(t.InvalidInputError, msg=repr(bad)):
				t.json_object(bad, "doc")
		get = "/api/method/frappe.client.get"
		with self.assertRaises(t.UnknownDocTypeError):
			self._run_hook(get, {"doctype": ""})
		for junk in ('{"Nosuch DocType": ["x"]}', "{}"):
			with self.assertRaises(t.UnknownDocTypeError, msg=junk):
				self._run_hook(get, {"doctype": junk})
		self._run_hook(get, {"doctype": "User", "name": "Administrator"})
		scan = "/api/method/nonsaad_smart.smart_karupan.api.scan"
		args = {"stock_check": "x", "code": "x", "result": "Found"}
		with self.assertRaises(t.InvalidInputError):
			self._run_hook(scan, {**args, "latitude": "not a number"})
		self._run_hook(scan, {**args, "latitude": "16.97"})
		# the path names a method without arguments, `cmd` one with: Frappe runs `cmd`
		with self.assertRaises(t.MissingFieldError):
			self._run_hook(
				"/api/method/nonsaad_smart.smart_terrain.api.open_terrain_requests_card",
				{"cmd": "frappe.client.get_list"},
			)
