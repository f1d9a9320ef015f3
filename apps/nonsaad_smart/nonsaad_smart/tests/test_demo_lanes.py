"""Demo loading in parallel lanes (demo/lanes.py): the order the hook's `after` and `weight` give, real
lanes (2 OS processes with their own connections and commits) on the test site, names that do not depend
on which lane ran first, and a failing loader that fails the whole load with its traceback.

The lane loaders below are real loaders (dotted paths the lane processes import); what they write is
committed by the lanes and deleted again at the end of the class."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.demo import lanes
from nonsaad_smart.tests.utils import TEST_CENTER, make_citizen, make_village

HERE = "nonsaad_smart.tests.test_demo_lanes"
MARK = "lane-test"


def citizens_loader(path):
	for _ in range(4):
		make_citizen(first_name=MARK)


def pets_loader(path):
	for _ in range(4):
		frappe.get_doc(
			{
				"doctype": "Pet",
				"species": "Dog",
				"pet_name": MARK,
				"sex": "Male",
				"status": "Alive",
				"village": make_village(),
				"latitude": TEST_CENTER[0],
				"longitude": TEST_CENTER[1],
			}
		).insert(ignore_permissions=True)


def after_citizens_loader(path):
	"""Runs `after` citizens_loader: sees its committed citizens."""
	if frappe.db.count("Citizen", {"first_name": MARK}) < 4:
		raise AssertionError("started before the loader it is after had committed")


def idle_loader(path):
	pass


def thai_loader(path):
	"""The lanes start in the language the load is in (the parent's, after the core loaders)."""
	if frappe.local.lang != "th":
		raise AssertionError(f"lane in {frappe.local.lang}")


def failing_loader(path):
	raise ZeroDivisionError("a loader that fails")


def entry(name: str, **kwargs) -> dict:
	return {"method": f"{HERE}.{name}", **kwargs}


def marked() -> dict[str, list[str]]:
	return {
		"Citizen": sorted(frappe.get_all("Citizen", {"first_name": MARK}, pluck="name")),
		"Pet": sorted(frappe.get_all("Pet", {"pet_name": MARK}, pluck="name")),
	}


def counter(prefix: str) -> int:
	return int(frappe.db.get_value("Series", prefix, "current", order_by=None) or 0)


class TestLaneOrder(FrappeTestCase):
	def test_entries_from_the_hook(self):
		entries = lanes.hook_entries()
		by_method = {e.method: e for e in entries}
		karupan = "nonsaad_smart.smart_karupan.demo.load"
		self.assertEqual(by_method["nonsaad_smart.smart_ems.demo.load"].after, (karupan,))
		self.assertEqual(max(entries, key=lambda e: e.weight).method, karupan)
		order = [e.method for e in lanes.sequential_order(entries)]
		for e in entries:
			for needed in e.after:
				self.assertLess(order.index(needed), order.index(e.method))

	def test_heaviest_ready_first_and_after_waits(self):
		entries = lanes.parse_entries(
			[
				"a.light",
				{"method": "b.heavy", "weight": 9},
				{"method": "c.after", "after": ["b.heavy"], "weight": 99},
			]
		)
		self.assertEqual(lanes.next_entry(entries, set()).method, "b.heavy")
		rest = [e for e in entries if e.method != "b.heavy"]
		self.assertEqual(lanes.next_entry(rest, set()).method, "a.light")
		self.assertEqual(lanes.next_entry(rest, {"b.heavy"}).method, "c.after")
		self.assertEqual(
			[e.method for e in lanes.sequential_order(entries)], ["a.light", "b.heavy", "c.after"]
		)

	def test_unknown_after_and_cycles_are_refused(self):
		with self.assertRaises(lanes.DemoLoadError):
			lanes.parse_entries([{"method": "a", "after": ["nowhere"]}])
		with self.assertRaises(lanes.DemoLoadError):
			lanes.parse_entries([{"method": "a", "after": ["b"]}, {"method": "b", "after": ["a"]}])

	def test_processes_from_the_environment(self):
		import os

		saved = os.environ.pop("NONSAAD_DEMO_PROCESSES", None)
		try:
			self.assertEqual(lanes.processes(), 2)
			os.environ["NONSAAD_DEMO_PROCESSES"] = "1"
			self.assertEqual(lanes.processes(), 1)
		finally:
			os.environ.pop("NONSAAD_DEMO_PROCESSES", None)
			if saved is not None:
				os.environ["NONSAAD_DEMO_PROCESSES"] = saved


class TestLanesOnTheSite(FrappeTestCase):
	"""Two lane processes on the test site (they commit: the class deletes their records at its end)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_village()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for doctype, names in marked().items():
			for name in names:
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def run_lanes(self, *entries, count=2):
		parsed = lanes.parse_entries(list(entries))
		results = lanes.run_in_lanes(parsed, count, frappe.get_app_path("nonsaad_smart"), 1, len(parsed))
		frappe.db.commit()  # our own snapshot: see what the lanes committed
		return results

	def test_two_lanes_give_the_names_one_lane_gives(self):
		"""Citizens and pets loaded at once in two processes: each series numbers on, unbroken, as if loaded
		one after the other; the loader `after` the citizens starts once they are committed."""
		citizens, pets = counter("CIT-"), counter("PET-")
		results = self.run_lanes(
			entry("citizens_loader"),
			entry("pets_loader"),
			entry("after_citizens_loader", after=[f"{HERE}.citizens_loader"]),
		)
		self.assertEqual({r["lane"] for r in results}, {1, 2})
		self.assertEqual(
			marked(),
			{
				"Citizen": [f"CIT-{citizens + i:05d}" for i in range(1, 5)],
				"Pet": [f"PET-{pets + i:05d}" for i in range(1, 5)],
			},
		)
		by_label = {r["label"].rsplit(".", 1)[1]: r for r in results}
		self.assertGreaterEqual(
			by_label["after_citizens_loader"]["started_s"], by_label["citizens_loader"]["ended_s"]
		)

	def test_lanes_load_in_the_language_of_the_load(self):
		lang, frappe.local.lang = frappe.local.lang, "th"
		try:
			self.run_lanes(entry("thai_loader"), entry("idle_loader"))
		finally:
			frappe.local.lang = lang

	def test_a_failing_loader_fails_the_load_with_its_traceback(self):
		with self.assertRaises(lanes.DemoLoadError) as raised:
			self.run_lanes(entry("failing_loader"), entry("idle_loader"))
		self.assertIn("failing_loader failed", str(raised.exception))
		self.assertIn("ZeroDivisionError: a loader that fails", str(raised.exception))
