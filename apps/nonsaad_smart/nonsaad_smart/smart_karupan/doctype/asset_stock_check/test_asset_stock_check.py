"""Asset Stock Check: committee rule, dates, line generation, scanning through the whitelisted methods,
summary, workflow and who sees what (real users, real permissions). Factories used by other tests."""

import erpnext
import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from nonsaad_smart.smart_karupan import api
from nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check import (
	CommitteeConflictError,
	StockCheckDateError,
	StockCheckStateError,
)
from nonsaad_smart.smart_karupan.doctype.asset_stock_check_line.asset_stock_check_line import (
	StockCheckClosedError,
)
from nonsaad_smart.smart_karupan.setup import department_of, root_location
from nonsaad_smart.tests.utils import ensure_test_settings, make_user

# the test runner would build ERPNext's test records for every linked DocType (down to DocTypes of apps
# that are not installed): these tests make what they need themselves
test_ignore = [
	"Company",
	"Workflow State",
	"Department",
	"Location",
	"User",
	"Asset Category",
	"Asset",
	"Asset Stock Check",
]
TEST_FY = 2570  # Oct 2026 – Sep 2027: the demo's stock check is FY 2569, so tests never collide with it
SUPPLIES = "kp.supplies@nonsaad.test"
CHAIR = "kp.chair@nonsaad.test"
MEMBERS = ["kp.member1@nonsaad.test", "kp.member2@nonsaad.test"]
OUTSIDER = "kp.outsider@nonsaad.test"
_serial = [0]


def make_karupan_users():
	make_user(SUPPLIES, ["Supplies Officer"])
	for user in [CHAIR, *MEMBERS, OUTSIDER]:
		make_user(user, ["Stock Check Committee"])
	make_user("kp.mayor@nonsaad.test", ["Executive"])
	make_user("kp.auditor@nonsaad.test", ["Auditor"])
	make_user("kp.frontdesk@nonsaad.test", ["Front Desk Officer"])


def make_location() -> str:
	"""A room of its own, so a test's stock check sees only the test's assets."""
	_serial[0] += 1
	name = f"ห้องทดสอบ {frappe.generate_hash(length=6)}-{_serial[0]}"
	frappe.get_doc(
		{
			"doctype": "Location",
			"location_name": name,
			"parent_location": root_location(),
			"latitude": 16.97,
			"longitude": 102.29,
		}
	).insert(ignore_permissions=True)
	return name


def make_asset(location: str | None = None, submit: bool = True, **kwargs):
	"""A new computer bought in FY 2569, depreciated yearly at 30 September (first row 2026-09-30)."""
	values = {
		"doctype": "Asset",
		"company": erpnext.get_default_company(),
		"item_code": "KP-410-01",
		"asset_name": "เครื่องคอมพิวเตอร์ตั้งโต๊ะ (ทดสอบ)",
		"location": location or make_location(),
		"department": department_of("กองคลัง"),
		"purchase_date": "2025-10-15",
		"available_for_use_date": "2025-10-15",
		"gross_purchase_amount": 24000,
		"purchase_amount": 24000,
		"calculate_depreciation": 1,
		"budget_source": "Municipal Budget",
		"acquisition_method": "Purchase",
		"latitude": 16.97,
		"longitude": 102.29,
	}
	values.update(kwargs)
	doc = frappe.get_doc(values).insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc


def make_stock_check(locations: list[str], committee=None, **kwargs):
	committee = committee or [
		{"user": CHAIR, "committee_role": "Chair"},
		{"user": MEMBERS[0], "committee_role": "Member"},
		{"user": MEMBERS[1], "committee_role": "Member"},
	]
	values = {
		"doctype": "Asset Stock Check",
		"fiscal_year": TEST_FY,
		"company": erpnext.get_default_company(),
		"order_no": f"คำสั่งทดสอบ {frappe.generate_hash(length=5)}",
		"order_date": "2026-11-20",
		"committee": committee,
		"locations": [{"location": loc} for loc in locations],
	}
	values.update(kwargs)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def start_check(check):
	frappe.set_user(SUPPLIES)
	try:
		apply_workflow(frappe.get_doc("Asset Stock Check", check.name), "Start Check")
	finally:
		frappe.set_user("Administrator")
	return frappe.get_doc("Asset Stock Check", check.name)


def scan_as(user, check, code, result, **kwargs):
	frappe.set_user(user)
	try:
		return api.scan(check.name, code, result, **kwargs)
	finally:
		frappe.set_user("Administrator")


class TestAssetStockCheck(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_test_settings()
		make_karupan_users()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_committee_needs_three_members_and_one_chair(self):
		location = make_location()
		with self.assertRaises(CommitteeConflictError):
			make_stock_check(
				[location], committee=[{"user": CHAIR, "committee_role": "Chair"}, {"user": MEMBERS[0]}]
			)
		with self.assertRaises(CommitteeConflictError):
			make_stock_check(
				[location],
				committee=[{"user": u, "committee_role": "Member"} for u in [CHAIR, *MEMBERS]],
			)
		with self.assertRaises(CommitteeConflictError):
			make_stock_check(
				[location],
				committee=[
					{"user": CHAIR, "committee_role": "Chair"},
					{"user": MEMBERS[0], "committee_role": "Chair"},
					{"user": MEMBERS[1]},
				],
			)

	def test_supplies_officer_may_not_sit_on_the_committee(self):
		before = frappe.db.count("Asset Stock Check")
		with self.assertRaises(CommitteeConflictError):
			make_stock_check(
				[make_location()],
				committee=[
					{"user": CHAIR, "committee_role": "Chair"},
					{"user": MEMBERS[0]},
					{"user": SUPPLIES},
				],
			)
		self.assertEqual(frappe.db.count("Asset Stock Check"), before)

	def test_order_must_be_dated_within_the_fiscal_year(self):
		with self.assertRaises(StockCheckDateError):
			make_stock_check([make_location()], order_date="2027-10-02")  # after FY 2570 ended
		with self.assertRaises(StockCheckDateError):
			make_stock_check([make_location()], order_date="2026-09-01")  # before FY 2570 began

	def test_start_is_first_working_day_of_october_and_due_30_working_days_later(self):
		from nonsaad_smart.smart_core.working_days import add_working_days, working_days_between

		check = make_stock_check([make_location()], fiscal_year=2569, order_date="2026-09-15")
		self.assertEqual(getdate(check.start_date), getdate("2026-10-01"))  # a Thursday, no holiday
		self.assertEqual(getdate(check.due_date), add_working_days("2026-10-01", 30))
		self.assertEqual(working_days_between(check.start_date, check.due_date), 30)
		# Oct 13 and Oct 23 2026 are public holidays: 30 working days end in mid-November
		self.assertEqual(getdate(check.due_date), getdate("2026-11-16"))

	def test_lines_generated_for_submitted_assets_in_scope_only(self):
		location = make_location()
		assets = [make_asset(location) for _ in range(3)]
		make_asset(location, submit=False)  # a draft is not in the register yet
		make_asset(make_location())  # elsewhere: out of scope
		check = start_check(make_stock_check([location]))
		self.assertEqual(check.workflow_state, "Checking")
		lines = frappe.get_all("Asset Stock Check Line", {"stock_check": check.name}, pluck="asset")
		self.assertEqual(sorted(lines), sorted(a.name for a in assets))
		self.assertEqual(check.total_assets, 3)
		self.assertEqual(check.checked_count, 0)
		# the same assets are not put into a second check of the same fiscal year
		second = start_check(make_stock_check([location]))
		self.assertEqual(second.total_assets, 0)

	def test_scan_by_member_updates_line_and_summary(self):
		location = make_location()
		assets = [make_asset(location) for _ in range(3)]
		check = start_check(make_stock_check([location]))
		out = scan_as(
			MEMBERS[0],
			check,
			assets[0].qr_payload,
			"Found In Use",
			condition="Good",
			latitude=16.9701,
			longitude=102.2902,
		)
		self.assertEqual(out["check"]["checked_count"], 1)
		line = frappe.get_doc("Asset Stock Check Line", out["line"])
		self.assertEqual((line.result, line.scanned_by), ("Found In Use", MEMBERS[0]))
		self.assertTrue(line.scanned_at)
		scan_as(CHAIR, check, assets[1].municipal_asset_code, "Damaged", remark="จอแตก")
		check.reload()
		self.assertEqual((check.found_in_use, check.damaged, check.checked_count), (1, 1, 2))
		row = next(r for r in check.summary if r.asset_category == assets[0].asset_category)
		self.assertEqual((row.total, row.found_in_use, row.damaged, row.unchecked), (3, 1, 1, 1))

	def test_scan_refuses_outsider_out_of_scope_and_second_scan(self):
		location = make_location()
		asset = make_asset(location)
		elsewhere = make_asset(make_location())
		check = start_check(make_stock_check([location]))
		with self.assertRaises(api.NotCommitteeMemberError):
			scan_as(OUTSIDER, check, asset.municipal_asset_code, "Found In Use")
		with self.assertRaises(api.NotCommitteeMemberError):
			scan_as(SUPPLIES, check, asset.municipal_asset_code, "Found In Use")
		with self.assertRaises(api.NotInScopeError):
			scan_as(CHAIR, check, elsewhere.municipal_asset_code, "Found In Use")
		with self.assertRaises(api.NotInScopeError):
			scan_as(CHAIR, check, "999-99-9999", "Found In Use")
		scan_as(CHAIR, check, asset.municipal_asset_code, "Found In Use")
		with self.assertRaises(api.AlreadyScannedError):
			scan_as(MEMBERS[0], check, asset.municipal_asset_code, "Lost")
		scan_as(MEMBERS[0], check, asset.municipal_asset_code, "Found Unused", overwrite=1)
		self.assertEqual(
			frappe.db.get_value("Asset Stock Check Line", {"stock_check": check.name}, "result"),
			"Found Unused",
		)

	def test_scan_stores_photo_as_private_file(self):
		location = make_location()
		asset = make_asset(location)
		check = start_check(make_stock_check([location]))
		png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
		out = scan_as(CHAIR, check, asset.municipal_asset_code, "Found In Use", photo=png)
		photo = frappe.db.get_value("Asset Stock Check Line", out["line"], "photo")
		self.assertTrue(photo.startswith("/private/files/"))
		with self.assertRaises(frappe.ValidationError):
			scan_as(
				CHAIR,
				check,
				asset.municipal_asset_code,
				"Found In Use",
				overwrite=1,
				photo="data:text/html;base64,PGI+",
			)

	def test_report_needs_every_asset_checked_then_executive_acknowledges(self):
		location = make_location()
		assets = [make_asset(location) for _ in range(2)]
		check = start_check(make_stock_check([location]))
		scan_as(CHAIR, check, assets[0].municipal_asset_code, "Found In Use")
		frappe.set_user(CHAIR)
		with self.assertRaises(StockCheckStateError):
			apply_workflow(frappe.get_doc("Asset Stock Check", check.name), "Report to Executive")
		frappe.set_user("Administrator")
		scan_as(MEMBERS[1], check, assets[1].municipal_asset_code, "Not Needed")
		frappe.set_user(MEMBERS[0])  # a member, not the chair, cannot report
		with self.assertRaises(frappe.PermissionError):
			apply_workflow(frappe.get_doc("Asset Stock Check", check.name), "Report to Executive")
		frappe.set_user(CHAIR)
		doc = apply_workflow(frappe.get_doc("Asset Stock Check", check.name), "Report to Executive")
		self.assertEqual(doc.workflow_state, "Reported to Executive")
		frappe.set_user("Administrator")
		# closed for the committee: a line can no longer be changed
		with self.assertRaises(StockCheckClosedError):
			line = frappe.get_doc(
				"Asset Stock Check Line", {"stock_check": check.name, "asset": assets[0].name}
			)
			line.result = "Lost"
			line.save()
		frappe.set_user("kp.mayor@nonsaad.test")
		doc = apply_workflow(frappe.get_doc("Asset Stock Check", check.name), "Acknowledge")
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Acknowledged", 1))
		self.assertTrue(doc.acknowledged_on)

	def test_who_sees_what(self):
		location = make_location()
		make_asset(location)
		check = start_check(make_stock_check([location]))
		line = frappe.db.get_value("Asset Stock Check Line", {"stock_check": check.name})
		for user in (CHAIR, MEMBERS[0], SUPPLIES, "kp.mayor@nonsaad.test", "kp.auditor@nonsaad.test"):
			frappe.set_user(user)
			self.assertTrue(frappe.has_permission("Asset Stock Check", "read", check.name), user)
			self.assertTrue(frappe.has_permission("Asset Stock Check Line", "read", line), user)
		frappe.set_user(MEMBERS[0])
		self.assertTrue(frappe.has_permission("Asset Stock Check Line", "write", line))
		self.assertIn(check.name, frappe.get_list("Asset Stock Check", pluck="name"))
		self.assertIn(line, frappe.get_list("Asset Stock Check Line", pluck="name", limit_page_length=0))
		frappe.set_user(OUTSIDER)  # a committee member of no check sees none
		self.assertFalse(frappe.has_permission("Asset Stock Check", "read", check.name))
		self.assertFalse(frappe.has_permission("Asset Stock Check Line", "write", line))
		self.assertEqual(frappe.get_list("Asset Stock Check Line", pluck="name"), [])
		frappe.set_user("kp.auditor@nonsaad.test")
		self.assertFalse(frappe.has_permission("Asset Stock Check Line", "write", line))
		self.assertFalse(frappe.has_permission("Asset Stock Check", "create"))
		frappe.set_user("kp.frontdesk@nonsaad.test")
		self.assertFalse(frappe.has_permission("Asset Stock Check", "read"))
		self.assertFalse(frappe.has_permission("Asset Stock Check Line", "read"))
		self.assertFalse(frappe.has_permission("Asset", "read"))
		frappe.set_user(SUPPLIES)
		self.assertTrue(frappe.has_permission("Asset Stock Check", "create"))
		self.assertTrue(frappe.has_permission("Asset", "create"))

	def test_overdue_reminder_goes_to_chair_and_supplies_officer(self):
		from nonsaad_smart.smart_karupan.notifications import remind_stock_checks

		check = start_check(make_stock_check([make_location()]))
		remind_stock_checks(on_date=frappe.utils.add_days(check.due_date, 1))
		for user in (CHAIR, SUPPLIES):
			self.assertTrue(
				frappe.db.exists("Notification Log", {"for_user": user, "document_name": check.name}), user
			)
		self.assertFalse(
			frappe.db.exists("Notification Log", {"for_user": MEMBERS[0], "document_name": check.name})
		)
		# once a day only
		count = frappe.db.count("Notification Log", {"document_name": check.name})
		remind_stock_checks(on_date=frappe.utils.add_days(check.due_date, 1))
		self.assertEqual(frappe.db.count("Notification Log", {"document_name": check.name}), count)
