"""Citizen 360: only the sections the viewer may read, duplicates flagged, merge keeps every link."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.tests.factories import make_request
from nonsaad_smart.smart_core.citizen360 import (
	CitizenMergeError,
	citizen_360,
	duplicate_groups,
	merge_citizens,
	possible_duplicates,
)
from nonsaad_smart.smart_core.registry import citizen_links
from nonsaad_smart.smart_kids.tests.factories import make_centre, make_staff
from nonsaad_smart.tests.utils import make_citizen, make_user


class TestCitizen360(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.citizen = make_citizen(first_name="สามหก", last_name="ศูนย์", birth_date="1980-05-05").name
		make_request(requester=cls.citizen)
		make_request(requester=cls.citizen)
		make_staff(make_centre("CDC-36").name, citizen=cls.citizen)

	def tearDown(self):
		frappe.set_user("Administrator")

	def sections_as(self, roles: list[str]) -> dict:
		frappe.set_user("Administrator")
		frappe.set_user(make_user(f"c360.{roles[0].lower().replace(' ', '')}@nonsaad.test", roles))
		return {s["doctype"]: s for s in citizen_360(self.citizen)["sections"]}

	def test_each_role_sees_only_what_it_may_read(self):
		front_desk = self.sections_as(["Front Desk Officer"])
		self.assertIn("Service Request", front_desk)
		self.assertNotIn("Centre Staff", front_desk)
		self.assertEqual(front_desk["Service Request"]["total"], 2)
		self.assertEqual(len(front_desk["Service Request"]["rows"]), 2)

		executive = self.sections_as(["Executive"])
		self.assertEqual({"Service Request", "Centre Staff"} - set(executive), set())
		self.assertEqual(executive["Centre Staff"]["total"], 1)

		welfare = self.sections_as(["Social Welfare Officer"])
		self.assertNotIn("Service Request", welfare)
		self.assertNotIn("Centre Staff", welfare)
		# every section shown is a readable DocType of the registry, for every role
		for roles in (["Front Desk Officer"], ["Executive"], ["Social Welfare Officer"], ["Auditor"]):
			sections = self.sections_as(roles)
			frappe.set_user(f"c360.{roles[0].lower().replace(' ', '')}@nonsaad.test")
			expected = {
				link.doctype for link in citizen_links() if frappe.has_permission(link.doctype, "read")
			}
			self.assertEqual(set(sections), expected, roles)

	def test_no_access_to_the_citizen_no_view(self):
		frappe.set_user(make_user("c360.technician@nonsaad.test", ["Repair Technician"]))
		with self.assertRaises(frappe.PermissionError):
			citizen_360(self.citizen)

	def test_fields_above_the_viewers_permlevel_are_left_out(self):
		# a Citizen link whose fields include a level the viewer lacks: its column is not sent
		for section in self.sections_as(["Executive"]).values():
			meta = frappe.get_meta(section["doctype"])
			permitted = set(meta.get_permitted_fieldnames()) | {"name"}
			for column in section["columns"]:
				self.assertIn(column["field"], permitted)

	def test_same_name_birth_date_and_village_is_a_possible_duplicate(self):
		first = frappe.get_doc("Citizen", self.citizen)
		second = make_citizen(
			first_name="สามหก", last_name="ศูนย์", birth_date="1980-05-05", village=first.village
		)
		other_day = make_citizen(
			first_name="สามหก", last_name="ศูนย์", birth_date="1980-05-06", village=first.village
		)
		self.assertEqual(possible_duplicates(first), [second.name])
		self.assertNotIn(other_day.name, possible_duplicates(first))
		group = next(g for g in duplicate_groups() if first.name in {r.name for r in g})
		self.assertEqual({r.name for r in group}, {first.name, second.name})
		from nonsaad_smart.smart_core.report.suspected_duplicate_citizens.suspected_duplicate_citizens import (
			execute,
		)

		_columns, data = execute()
		self.assertTrue({first.name, second.name} <= {row["citizen"] for row in data})

	def test_merge_keeps_the_links_of_every_registered_doctype(self):
		source = make_citizen(first_name="ซ้ำ", last_name="สอง")
		target = make_citizen(first_name="ซ้ำ", last_name="หนึ่ง")
		request = make_request(requester=source.name).name
		# one bare row per registered DocType (modules that land later included) pointing at the source
		rows = {}
		for link in citizen_links():
			name = frappe.generate_hash(length=12)
			frappe.get_doc({"doctype": link.doctype, "name": name, link.field: source.name}).db_insert()
			rows[name] = link
		frappe.set_user(make_user("c360.admin@nonsaad.test", ["Municipal Admin"]))
		self.assertEqual(merge_citizens(source.name, target.name), target.name)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Citizen", source.name))
		self.assertEqual(frappe.db.get_value("Service Request", request, "requester"), target.name)
		for name, link in rows.items():
			self.assertEqual(frappe.db.get_value(link.doctype, name, link.field), target.name, link.doctype)
			frappe.db.delete(link.doctype, {"name": name})

	def test_merge_needs_delete_on_the_source(self):
		source, target = make_citizen(), make_citizen()
		frappe.set_user(make_user("c360.frontdesk@nonsaad.test", ["Front Desk Officer"]))
		with self.assertRaises(frappe.PermissionError):
			merge_citizens(source.name, target.name)
		# the rights come before the arguments (issue 18): no delete right, a 403 for any call
		with self.assertRaises(frappe.PermissionError):
			merge_citizens(source.name, source.name)
		frappe.set_user("Administrator")
		with self.assertRaises(CitizenMergeError):
			merge_citizens(source.name, source.name)
		self.assertTrue(frappe.db.exists("Citizen", source.name))
