"""The personal-data matrix (smart_core/personal_data.json) is what the Citizen DocType enforces, and the
query rule of field_access refuses fields above a user's permlevels (unit level; HTTP in tests/security)."""

import json
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core import audit, field_access, write_rights
from nonsaad_smart.tests.utils import make_user

MATRIX = json.loads((Path(__file__).parent.parent / "personal_data.json").read_text())


class TestPersonalDataMatrix(FrappeTestCase):
	def test_every_citizen_field_is_in_one_group_at_its_permlevel(self):
		meta = frappe.get_meta("Citizen")
		grouped = {f: g["permlevel"] for g in MATRIX["groups"].values() for f in g["fields"]}
		data_fields = [df for df in meta.fields if df.fieldtype not in ("Section Break", "Column Break")]
		for df in data_fields:
			self.assertIn(df.fieldname, grouped, df.fieldname)
			self.assertEqual(df.permlevel, grouped[df.fieldname], df.fieldname)

	def test_docperms_match_the_matrix(self):
		meta = frappe.get_meta("Citizen")
		for role, rights in MATRIX["roles"].items():
			levels = {MATRIX["groups"][g]["permlevel"] for g in rights["read"]}
			have = {p.permlevel for p in meta.permissions if p.role == role and p.read}
			self.assertEqual(have, levels, role)
			write = {MATRIX["groups"][g]["permlevel"] for g in rights["write"]}
			have_write = {p.permlevel for p in meta.permissions if p.role == role and p.write}
			self.assertEqual(have_write, write, role)
		roles_with_read = {p.role for p in meta.permissions if p.read}
		self.assertEqual(roles_with_read, set(MATRIX["roles"]))

	def test_sensitive_doctypes_search_is_no_oracle(self):
		"""Link search matches a text against the title and search fields: on a sensitive DocType each of
		them is level 0, or a text search by a reader of the DocType who may not read that field is refused
		(else the search would answer yes or no about a hidden value: Bite Incident's title, the victim)."""
		for doctype in audit.sensitive_doctypes():
			meta = frappe.get_meta(doctype)
			for fieldname in [meta.title_field, *(meta.get_search_fields() or [])]:
				df = meta.get_field(fieldname) if fieldname else None
				if not df or not df.permlevel:
					continue
				readers = {p.role for p in meta.permissions if p.read and not p.permlevel}
				above = {p.role for p in meta.permissions if p.read and p.permlevel == df.permlevel}
				blind = sorted(readers - above - {"System Manager"})
				self.assertTrue(blind, f"{doctype}.{fieldname}: no reader without its level to try")
				kind = "Website User" if blind[0] == "Citizen" else "System User"
				user = make_user(f"pdpa-search-{frappe.scrub(blind[0])}@example.com", [blind[0]], kind)
				frappe.set_user(user)
				try:
					with self.assertRaises(field_access.RestrictedFieldError, msg=f"{doctype}.{fieldname}"):
						field_access.search_widget(doctype, "ab")
				finally:
					frappe.set_user("Administrator")


class TestQueryRule(FrappeTestCase):
	def setUp(self):
		self.dispatcher = make_user("pdpa-dispatcher@example.com", ["EMS Dispatcher"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_restricted_fields_follow_the_matrix(self):
		frappe.set_user(self.dispatcher)
		hidden = field_access.restricted_fields("Citizen")
		for f in ("national_id", "phone", "house_no", "latitude", "user"):
			self.assertIn(f, hidden)
		for f in ("full_name", "village", "birth_date", "national_id_masked"):
			self.assertNotIn(f, hidden)

	def test_check_query_refuses_every_kind_of_use(self):
		frappe.set_user(self.dispatcher)
		bad = [
			{"filters": {"phone": "0812345678"}},
			{"filters": [["Citizen", "national_id", "like", "3%"]]},
			{"or_filters": [["latitude", ">", 16]]},
			{"order_by": "`tabCitizen`.`national_id` asc"},
			{"group_by": "house_no"},
			{"fields": ["max(national_id) as x"]},
		]
		for args in bad:
			with self.assertRaises(field_access.RestrictedFieldError, msg=str(args)):
				field_access.check_query("Citizen", **args)
		field_access.check_query(
			"Citizen", filters={"village": "x"}, order_by="full_name asc", fields=["name", "national_id"]
		)

	def test_system_fields_of_service_request(self):
		names = {df.fieldname for df in write_rights.system_fields(frappe.get_meta("Service Request"))}
		self.assertTrue({"due_date", "submitted_on", "report_count", "resolved_by", "status_log"} <= names)
		self.assertNotIn("workflow_state", names)
		self.assertNotIn("service_name", names)  # fetched from the service type by Frappe
