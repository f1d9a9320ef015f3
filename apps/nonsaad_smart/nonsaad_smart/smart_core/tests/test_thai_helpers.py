"""Unit tests of the Thai helpers: national ID, BE dates, fiscal year, baht in words."""

import datetime

from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core import baht, thai_date, thai_id
from nonsaad_smart.smart_core.thai_id import InvalidNationalIDError

VALID = "1101700230708"  # check digit 8


class TestNationalID(FrappeTestCase):
	def test_valid_id_is_accepted(self):
		self.assertEqual(thai_id.normalize_national_id(VALID), VALID)

	def test_check_digit_formula(self):
		self.assertEqual(thai_id.check_digit(VALID[:12]), 8)
		self.assertEqual(thai_id.make_national_id("339040000126"), "3390400001260")

	def test_dashes_and_spaces_are_accepted_and_removed(self):
		self.assertEqual(thai_id.normalize_national_id("1-1017-00230-70-8"), VALID)
		self.assertEqual(thai_id.normalize_national_id(" 1 1017 00230 70 8 "), VALID)

	def test_wrong_check_digit_is_rejected(self):
		with self.assertRaises(InvalidNationalIDError):
			thai_id.normalize_national_id(VALID[:12] + "9")

	def test_wrong_lengths_are_rejected(self):
		for bad in (VALID[:12], VALID + "1", ""):
			with self.subTest(bad=bad), self.assertRaises(InvalidNationalIDError):
				thai_id.normalize_national_id(bad)

	def test_letters_and_other_symbols_are_rejected(self):
		for bad in ("11017002307O8", "1101700230708a", "1.1017.00230.70.8", "๑๑๐๑๗๐๐๒๓๐๗๐๘"):
			with self.subTest(bad=bad), self.assertRaises(InvalidNationalIDError):
				thai_id.normalize_national_id(bad)

	def test_mask_keeps_last_three_digits(self):
		self.assertEqual(thai_id.mask_national_id(VALID), "x-xxxx-xxxxx-70-8")
		self.assertEqual(thai_id.mask_national_id(""), "")
		self.assertEqual(thai_id.format_national_id(VALID), "1-1017-00230-70-8")

	def test_is_valid(self):
		self.assertTrue(thai_id.is_valid_national_id(VALID))
		self.assertFalse(thai_id.is_valid_national_id("1234567890123"))


class TestBuddhistEra(FrappeTestCase):
	def test_be_is_ce_plus_543(self):
		self.assertEqual(thai_date.be_year("2026-11-26"), 2569)
		self.assertEqual(thai_date.format_be_date("2026-11-26"), "26/11/2569")

	def test_styles(self):
		self.assertEqual(thai_date.format_be_date("2026-01-05", "long"), "5 มกราคม 2569")
		self.assertEqual(thai_date.format_be_date("2026-12-31", "medium"), "31 ธ.ค. 2569")

	def test_datetime_keeps_time(self):
		self.assertEqual(thai_date.format_be_date(datetime.datetime(2026, 11, 26, 9, 5)), "26/11/2569 09:05")
		self.assertEqual(thai_date.format_be_date("2026-11-26 14:30:00"), "26/11/2569 14:30")

	def test_leap_day(self):
		self.assertEqual(thai_date.format_be_date("2024-02-29", "long"), "29 กุมภาพันธ์ 2567")
		self.assertEqual(thai_date.parse_be_date("29/02/2567"), datetime.date(2024, 2, 29))
		with self.assertRaises(Exception):
			thai_date.parse_be_date("29/02/2568")  # 2025 is not a leap year

	def test_year_boundaries_round_trip(self):
		for ce in ("2025-12-31", "2026-01-01", "2000-01-01", "1999-12-31"):
			d = datetime.date.fromisoformat(ce)
			self.assertEqual(thai_date.parse_be_date(thai_date.format_be_date(d)), d)

	def test_empty_and_bad_input(self):
		self.assertEqual(thai_date.format_be_date(None), "")
		with self.assertRaises(Exception):
			thai_date.parse_be_date("2026-11-26")


class TestFiscalYear(FrappeTestCase):
	def test_edges(self):
		self.assertEqual(thai_date.fiscal_year("2026-09-30"), 2569)
		self.assertEqual(thai_date.fiscal_year("2026-10-01"), 2570)
		self.assertEqual(thai_date.fiscal_year("2026-01-01"), 2569)
		self.assertEqual(thai_date.fiscal_year("2025-12-31"), 2569)

	def test_bounds(self):
		self.assertEqual(
			thai_date.fiscal_year_bounds(2570), (datetime.date(2026, 10, 1), datetime.date(2027, 9, 30))
		)


class TestBahtText(FrappeTestCase):
	def test_words(self):
		cases = {
			0: "ศูนย์บาทถ้วน",
			1: "หนึ่งบาทถ้วน",
			11: "สิบเอ็ดบาทถ้วน",
			21: "ยี่สิบเอ็ดบาทถ้วน",
			101: "หนึ่งร้อยเอ็ดบาทถ้วน",
			600: "หกร้อยบาทถ้วน",
			1000: "หนึ่งพันบาทถ้วน",
			1250.50: "หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์",
			0.25: "ยี่สิบห้าสตางค์",
			1_000_000: "หนึ่งล้านบาทถ้วน",
			21_000_001: "ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน",
			-5: "ลบห้าบาทถ้วน",
		}
		for amount, words in cases.items():
			with self.subTest(amount=amount):
				self.assertEqual(baht.baht_text(amount), words)
