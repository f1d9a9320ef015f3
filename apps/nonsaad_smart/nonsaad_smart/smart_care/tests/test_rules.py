"""The pure rules at their edges: age reached in the fiscal year (30 September), 29 February, ADL groups,
Barthel allowed scores, bank account lengths."""

import frappe
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_care.rules import (
	InvalidBankAccountError,
	InvalidBarthelScoreError,
	adl_group,
	age_in_fiscal_year,
	barthel_total,
	mask_account,
	normalize_account,
)
from nonsaad_smart.smart_care.tests.factories import adl_scores


class TestRules(FrappeTestCase):
	def test_age_reached_in_fiscal_year(self):
		# fiscal year 2569 = 1 Oct 2025 – 30 Sep 2026
		self.assertEqual(age_in_fiscal_year("1956-03-15", 2569), 70)  # turns 70 in March 2026
		self.assertEqual(age_in_fiscal_year("1956-09-30", 2569), 70)  # on the last day
		self.assertEqual(age_in_fiscal_year("1956-10-01", 2569), 69)  # a day later: next fiscal year
		self.assertEqual(age_in_fiscal_year("1956-10-01", 2570), 70)
		self.assertEqual(age_in_fiscal_year("1955-10-01", 2569), 70)  # turned 70 on the first day

	def test_born_on_29_february(self):
		self.assertEqual(age_in_fiscal_year("1956-02-29", 2569), 70)  # 2026 has no 29 Feb: still reached
		self.assertEqual(age_in_fiscal_year("1956-02-29", 2568), 69)
		self.assertEqual(age_in_fiscal_year("1964-02-29", 2567), 60)  # 2024 is a leap year

	def test_adl_groups(self):
		self.assertEqual(
			[adl_group(t) for t in (0, 4, 5, 11, 12, 20)],
			["Bedbound"] * 2 + ["Homebound"] * 2 + ["Social"] * 2,
		)
		self.assertEqual(barthel_total(adl_scores(20)), 20)
		self.assertEqual(barthel_total(adl_scores(0)), 0)
		for field, bad in (("grooming", "2"), ("transfer", "4"), ("feeding", "-1"), ("stairs", None)):
			with self.assertRaises(InvalidBarthelScoreError, msg=field):
				barthel_total({**adl_scores(10), field: bad})

	def test_bank_account_length_per_bank(self):
		self.assertEqual(normalize_account("Krungthai Bank", "987-6-54321-0"), "9876543210")
		self.assertEqual(normalize_account("Government Savings Bank", "0201 2345 6789"), "020123456789")
		for bank, account in (
			("Krungthai Bank", "12345"),
			("Government Savings Bank", "9876543210"),
			("Kasikornbank", "12345abcde"),
			(None, "1234567890"),
		):
			with self.assertRaises(InvalidBankAccountError, msg=(bank, account)):
				normalize_account(bank, account)
		self.assertEqual(mask_account("9876543210"), "xxxxxx3210")
		self.assertEqual(frappe.db.count("Allowance Rate", {"valid_from_fiscal_year": 2556}), 6)


class TestOpenData(FrappeTestCase):
	def test_allowance_counts_per_village_and_month(self):
		from nonsaad_smart.smart_care.api import allowance_counts

		for row in allowance_counts():
			self.assertRegex(row["month"], r"^\d{4}-\d{2}$")
			self.assertEqual(set(row), {"village", "month", "allowance_kind", "persons", "amount"})
