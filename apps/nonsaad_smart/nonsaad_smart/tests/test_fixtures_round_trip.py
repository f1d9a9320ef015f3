"""`bench export-fixtures --app nonsaad_smart` leaves the repository as it is.

The export is run exactly as Frappe's `frappe.utils.fixtures.export_fixtures` does it (same hooks, same
`export_json`, same order), but into a temporary folder, and compared byte for byte with the committed
`fixtures/`: the working tree is never written, so the test cannot leave it dirty.
"""

import tempfile
from pathlib import Path

import frappe
from frappe.core.doctype.data_import.data_import import export_json
from frappe.tests.utils import FrappeTestCase

FIXTURES = Path(frappe.get_app_path("nonsaad_smart", "fixtures"))


def export_to(folder: Path) -> list[str]:
	"""What export_fixtures writes, written to `folder`; returns the DocTypes exported (in hook order)."""
	doctypes = []
	for fixture in frappe.get_hooks("fixtures", app_name="nonsaad_smart"):
		filters = or_filters = None
		if isinstance(fixture, dict):
			filters, or_filters = fixture.get("filters"), fixture.get("or_filters")
			fixture = fixture.get("doctype") or fixture.get("dt")
		doctypes.append(fixture)
		export_json(
			fixture,
			str(folder / f"{frappe.scrub(fixture)}.json"),
			filters=filters,
			or_filters=or_filters,
			order_by="idx asc, creation asc",
		)
	return doctypes


class TestFixturesRoundTrip(FrappeTestCase):
	def test_one_entry_per_doctype(self):
		doctypes = [
			f.get("dt") or f.get("doctype") for f in frappe.get_hooks("fixtures", app_name="nonsaad_smart")
		]
		self.assertEqual(len(doctypes), len(set(doctypes)), "two entries of a DocType overwrite each other")

	def test_export_fixtures_matches_the_committed_files(self):
		with tempfile.TemporaryDirectory() as folder:
			folder = Path(folder)
			export_to(folder)
			exported = {p.name: p.read_text() for p in folder.glob("*.json")}
		committed = {p.name: p.read_text() for p in FIXTURES.glob("*.json")}
		self.assertEqual(sorted(exported), sorted(committed), "a fixture file nobody exports, or one missing")
		for name, text in committed.items():
			with self.subTest(file=name):
				self.assertEqual(exported[name], text)
