"""Data of the onemap benchmark (tests/bench/test_bench_onemap.py): a Citizen with N linked requests, and the
map's cache cleared for a cold request. Run with `bench execute` by the benchmark."""

import frappe

from nonsaad_smart.e_smart_service.tests.factories import make_request
from nonsaad_smart.tests.utils import make_citizen

BENCH_LAST_NAME = "เบนช์มาร์ก"


def insert_citizen_with_records(count: int = 50) -> str:
	"""A Citizen with `count` Service Requests filed as them; prints and returns its name."""
	citizen = make_citizen(first_name="สามหกศูนย์", last_name=BENCH_LAST_NAME).name
	for _ in range(count):
		make_request(requester=citizen, flags={"allow_duplicate_asset": True})
	frappe.db.commit()
	print(citizen)
	return citizen


def remove_citizen_with_records() -> int:
	citizens = frappe.get_all("Citizen", filters={"last_name": BENCH_LAST_NAME}, pluck="name")
	requests = frappe.get_all(
		"Service Request", filters={"requester": ("in", citizens or [""])}, pluck="name"
	)
	for name in requests:
		frappe.delete_doc("Service Request", name, force=True, ignore_permissions=True)
	for name in citizens:
		frappe.delete_doc("Citizen", name, force=True, ignore_permissions=True)
	frappe.db.commit()
	return len(requests)


def clear_map_cache() -> None:
	"""Cold start of the map: every cached layer (gis.get_layer) and whole-map answer (onemap.get_all_layers)
	dropped, the rest of Frappe's cache (metadata, sessions) kept: the cold request pays for the map only."""
	frappe.cache.delete_keys("nonsaad_layer:")
	frappe.cache.delete_keys("nonsaad_all_layers:")
