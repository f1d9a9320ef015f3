"""A test that fails on purpose when NONSAAD_CANARY=1.

`bin/nonsaad test` runs it once that way and requires bench run-tests to exit non-zero: proof, on
every run, that a failing test turns the run red (run-tests exits 0 on failures unless CI is set).
"""

import os
import unittest

from frappe.tests.utils import FrappeTestCase


class TestCanary(FrappeTestCase):
	@unittest.skipUnless(os.environ.get("NONSAAD_CANARY") == "1", "only in the red-run check")
	def test_fails_on_purpose(self):
		self.fail("canary: this failure is expected and proves failures are reported")
