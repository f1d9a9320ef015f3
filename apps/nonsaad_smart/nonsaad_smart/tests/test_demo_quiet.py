"""demo/quiet.py: what the demo load does once per transaction answers as the database would."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.demo import quiet


def make_todo(description: str) -> str:
	return (
		frappe.get_doc({"doctype": "ToDo", "description": description}).insert(ignore_permissions=True).name
	)


class TestReadsOnce(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("reads_once_test")

	def tearDown(self):
		frappe.db.rollback(save_point="reads_once_test")

	def test_a_repeated_point_read_is_answered_once(self):
		first = make_todo("first")
		with quiet.reads_once() as stats:
			self.assertEqual(frappe.db.get_value("ToDo", first, "description"), "first")
			hits = stats["hits"]
			self.assertEqual(frappe.db.get_value("ToDo", first, "description"), "first")
			self.assertTrue(frappe.db.exists("ToDo", first))
			self.assertEqual(stats["hits"], hits + 1)
			row = frappe.db.get_value("ToDo", first, ["description", "status"], as_dict=True)
			row.description = "changed by the caller"
			self.assertEqual(
				frappe.db.get_value("ToDo", first, ["description", "status"], as_dict=True).description,
				"first",
			)

	def test_a_write_is_read_back(self):
		first, second = make_todo("first"), make_todo("second")
		with quiet.reads_once() as stats:
			frappe.db.get_value("ToDo", first, "description")
			frappe.db.get_value("ToDo", second, "description")
			# one row's UPDATE (set_value, a save): that row is read again, the other is not
			frappe.db.set_value("ToDo", first, "description", "set")
			hits = stats["hits"]
			self.assertEqual(frappe.db.get_value("ToDo", first, "description"), "set")
			self.assertEqual(frappe.db.get_value("ToDo", second, "description"), "second")
			self.assertEqual(stats["hits"], hits + 1)
			doc = frappe.get_doc("ToDo", second)
			doc.description = "saved"
			doc.save(ignore_permissions=True)
			self.assertEqual(frappe.db.get_value("ToDo", second, "description"), "saved")
			# any other write on the table: every read of it again
			frappe.db.sql("update `tabToDo` set description = 'raw' where name in %s", [(first, second)])
			self.assertEqual(frappe.db.get_value("ToDo", first, "description"), "raw")
			self.assertEqual(frappe.db.get_value("ToDo", second, "description"), "raw")
			# a row inserted after it was found missing
			later = frappe.generate_hash(length=12)
			self.assertIsNone(frappe.db.get_value("ToDo", later, "name"))
			frappe.get_doc({"doctype": "ToDo", "name": later, "description": "later"}).db_insert()
			self.assertEqual(frappe.db.get_value("ToDo", later, "name"), later)

	def test_a_rollback_to_a_savepoint_forgets_the_reads(self):
		first = make_todo("first")
		with quiet.reads_once():
			frappe.db.savepoint("quiet_inner")
			frappe.db.set_value("ToDo", first, "description", "rolled back")
			self.assertEqual(frappe.db.get_value("ToDo", first, "description"), "rolled back")
			frappe.db.rollback(save_point="quiet_inner")
			self.assertEqual(frappe.db.get_value("ToDo", first, "description"), "first")

	def test_locking_reads_go_to_the_database(self):
		first = make_todo("first")
		with quiet.reads_once() as stats:
			frappe.db.get_value("ToDo", first, "description", for_update=True)
			frappe.db.get_value("ToDo", first, "description", for_update=True)
			self.assertEqual(stats["hits"], 0)
		self.assertNotIn("get_values", frappe.db.__dict__)
		self.assertNotIn("sql", frappe.db.__dict__)


class TestDocumentCacheOnce(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("document_cache_test")

	def tearDown(self):
		frappe.db.rollback(save_point="document_cache_test")

	def test_a_saved_record_is_not_read_from_the_cache(self):
		name = make_todo("first")
		with quiet.document_cache_once():
			self.assertEqual(frappe.get_cached_doc("ToDo", name).description, "first")
			doc = frappe.get_doc("ToDo", name)
			doc.description = "second"
			doc.save(ignore_permissions=True)
			self.assertEqual(frappe.get_cached_doc("ToDo", name).description, "second")
			frappe.local.cache.clear()  # what another process reads: Redis
			self.assertEqual(frappe.get_cached_doc("ToDo", name).description, "second")
