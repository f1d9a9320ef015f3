"""E-Smart Service's open dataset: requests counted per month, village, type and state; a cell under the
k-anonymity minimum is not published (smart_core/open_data.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.tests.factories import make_request, make_service_type
from nonsaad_smart.smart_core import open_data
from nonsaad_smart.tests.utils import make_village


class TestRequestsOpenData(FrappeTestCase):
	def test_counts_per_village_month_type_and_state_with_small_cells_suppressed(self):
		village = make_village(96)
		big, small = make_service_type("TODBIG"), make_service_type("TODSMALL")
		for _i in range(5):
			make_request(service_type=big, village=village, submitted_on="2020-01-15 10:00:00")
		for _i in range(2):
			make_request(service_type=small, village=village, submitted_on="2020-01-16 10:00:00")
		_spec, rows, suppressed = open_data.rows_of("service-requests")
		mine = [r for r in rows if r["month"] == "2020-01" and r["village_no"] == 96]
		self.assertEqual(len(mine), 1)
		self.assertEqual(
			(mine[0]["service_type"], mine[0]["state"], mine[0]["requests"]), (big, "Submitted", 5)
		)
		self.assertEqual(mine[0]["state_th"], "ยื่นเรื่องแล้ว")
		self.assertGreaterEqual(suppressed, 1)
		self.assertFalse([r for r in rows if r["service_type"] == small and r["month"] == "2020-01"])
