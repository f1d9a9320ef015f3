"""Open data (smart_core/open_data.py): over EVERY registered dataset (so a module that registers one
later is checked without a new test), no personal column, no value that looks like an ID or a phone, no
row under the k-anonymity minimum, only the declared columns; the framework's own rules on a sample."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core import open_data

NATIONAL_ID = re.compile(r"\b\d{13}\b|\b\d-\d{4}-\d{5}-\d{2}-\d\b")
PHONE = re.compile(r"\b0\d{8,9}\b|\b0\d{1,2}-\d{3}-\d{4}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


class TestOpenData(FrappeTestCase):
	def test_the_existing_modules_register_their_datasets(self):
		names = set(open_data.datasets())
		self.assertLessEqual({"service-requests", "street-lights"}, names)

	def test_no_dataset_has_a_small_cell_or_a_personal_field(self):
		self.assertEqual(open_data.K_ANONYMITY, 5)
		# every registered entry keeps the rules (a broken one would be left out of the catalogue)
		self.assertEqual(open_data.dataset_errors(), {})
		for name, spec in open_data.datasets().items():
			columns = [c["name"] for c in spec.columns]
			self.assertFalse(set(columns) & open_data.PERSONAL_COLUMNS, name)
			for column in spec.columns:
				self.assertTrue(column["th"] and column["en"], (name, column))
			_spec, rows, _suppressed = open_data.rows_of(name)
			for row in rows:
				self.assertEqual(list(row), columns, name)
				self.assertGreaterEqual(row[spec.count_column], open_data.K_ANONYMITY, (name, row))
				for value in row.values():
					text = str(value)
					for pattern in (NATIONAL_ID, PHONE, EMAIL):
						self.assertIsNone(pattern.search(text), (name, row))
			# the files say the same
			self.assertNotIn("\n0", open_data.as_csv(spec, rows).replace("\r\n", "\n").split("\n", 1)[0])
			self.assertEqual(open_data.as_json(spec, rows, 0)["rows"], rows)

	def test_rows_under_the_minimum_and_undeclared_keys_are_not_published(self):
		spec = frappe._dict(
			name="sample",
			title="Sample",
			count_column="people",
			columns=[
				{"name": "village", "type": "string", "en": "Village", "th": "หมู่บ้าน"},
				{"name": "people", "type": "integer", "en": "People", "th": "จำนวนคน"},
			],
		)
		rows = [
			{"village": "A", "people": 5, "full_name": "นายหนึ่ง"},
			{"village": "B", "people": 4},
			{"village": "C", "people": 1},
			{"village": "D", "people": None},
		]
		published, suppressed = open_data.publishable(spec, rows)
		self.assertEqual(published, [{"village": "A", "people": 5}])
		self.assertEqual(suppressed, 3)

	def test_a_dataset_declaring_a_personal_column_is_refused(self):
		spec = frappe._dict(
			name="bad",
			title="Bad",
			count_column="people",
			columns=[
				{"name": "national_id", "type": "string", "en": "ID", "th": "เลขประจำตัว"},
				{"name": "people", "type": "integer", "en": "People", "th": "จำนวนคน"},
			],
		)
		self.assertRaises(open_data.InvalidDatasetError, open_data.validate_spec, spec)
		frappe.clear_last_message()

	def test_catalogue_lists_every_dataset_with_its_files(self):
		catalog = open_data.catalog()
		self.assertEqual(catalog["@type"], "dcat:Catalog")
		by_id = {d["identifier"].rsplit("/", 1)[1]: d for d in catalog["dataset"]}
		self.assertEqual(set(by_id), set(open_data.datasets()))
		for name, entry in by_id.items():
			self.assertEqual(entry["license"], open_data.LICENCE["url"])
			self.assertEqual(
				{d["mediaType"] for d in entry["distribution"]}, {"text/csv", "application/json"}
			)
			self.assertTrue(entry["describedBy"].endswith(f"/open-data/{name}.schema.json"))
