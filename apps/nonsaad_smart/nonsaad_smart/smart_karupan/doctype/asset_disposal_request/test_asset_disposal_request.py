"""Asset Disposal Request: only damaged/lost/not needed assets of a reported check, no double disposal,
Executive approval without self-approval, 60-day deadline, and completion that disposes of the assets in
ERPNext (scrap → Journal Entry, sale → Sales Invoice) with the right ledger entries."""

import erpnext
import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, getdate, today

from nonsaad_smart.smart_karupan.doctype.asset_disposal_request.asset_disposal_request import (
	AssetNotInCheckError,
	DisposalStateError,
	DoubleDisposalError,
)
from nonsaad_smart.smart_karupan.doctype.asset_stock_check.test_asset_stock_check import (
	CHAIR,
	MEMBERS,
	SUPPLIES,
	make_asset,
	make_karupan_users,
	make_location,
	make_stock_check,
	scan_as,
	start_check,
)
from nonsaad_smart.tests.utils import ensure_test_settings, make_user

test_ignore = [
	"Company",
	"Workflow State",
	"Customer",
	"User",
	"Asset Stock Check",
	"Asset Stock Check Line",
	"Asset",
	"Journal Entry",
	"Sales Invoice",
	"Asset Disposal Request",
]
MAYOR = "kp.mayor@nonsaad.test"
DISPOSAL_COMMITTEE = [
	{"user": MEMBERS[0], "committee_role": "Chair"},
	{"user": MEMBERS[1], "committee_role": "Member"},
	{"user": CHAIR, "committee_role": "Member"},
]


def reported_check(results: list[str]):
	"""A stock check of new assets, scanned with `results` and reported to the Executive."""
	location = make_location()
	assets = [make_asset(location) for _ in results]
	check = start_check(make_stock_check([location]))
	for asset, result in zip(assets, results, strict=True):
		scan_as(CHAIR, check, asset.municipal_asset_code, result)
	frappe.set_user(CHAIR)
	apply_workflow(frappe.get_doc("Asset Stock Check", check.name), "Report to Executive")
	frappe.set_user("Administrator")
	lines = {
		a.name: frappe.db.get_value("Asset Stock Check Line", {"stock_check": check.name, "asset": a.name})
		for a in assets
	}
	return check, assets, lines


def make_request(check, line_names, method="Destruction", user=SUPPLIES, **kwargs):
	"""A disposal request of `line_names`, inserted by `user` (the Supplies Officer by default)."""
	frappe.set_user(user)
	try:
		values = {
			"doctype": "Asset Disposal Request",
			"stock_check": check.name,
			"method": method,
			"reason": "ชำรุดเสียหาย ซ่อมไม่คุ้มค่า",
			"committee": DISPOSAL_COMMITTEE,
			"items": [{"stock_check_line": n, **kwargs.pop("item", {})} for n in line_names],
		}
		values.update(kwargs)
		return frappe.get_doc(values).insert()
	finally:
		frappe.set_user("Administrator")


def act(user, doc, action):
	frappe.set_user(user)
	try:
		return apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	finally:
		frappe.set_user("Administrator")


def buyer() -> str:
	name = "ผู้ซื้อทดสอบ ทอดตลาด"
	if not frappe.db.exists("Customer", name):
		frappe.get_doc({"doctype": "Customer", "customer_name": name, "customer_type": "Individual"}).insert(
			ignore_permissions=True
		)
	return name


def other_journal_entry() -> str:
	"""A draft voucher of the accounts office (not the Supplies Officer's)."""
	company = erpnext.get_default_company()
	cash = frappe.db.get_value("Account", {"company": company, "account_type": "Cash", "is_group": 0})
	expense = frappe.get_cached_value("Company", company, "round_off_account")
	return (
		frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"company": company,
				"posting_date": today(),
				"accounts": [
					{"account": expense, "debit_in_account_currency": 100},
					{"account": cash, "credit_in_account_currency": 100},
				],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


class TestAssetDisposalRequest(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_test_settings()
		make_karupan_users()
		make_user("kp.boss@nonsaad.test", ["Executive", "Supplies Officer"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_destruction_approved_and_completed_scraps_assets_in_the_books(self):
		check, _assets, lines = reported_check(["Damaged", "Lost"])
		request = make_request(check, list(lines.values()))
		self.assertEqual(request.total_book_value, sum(flt(i.book_value) for i in request.items))
		act(SUPPLIES, request, "Submit for Approval")
		approved = act(MAYOR, request, "Approve")
		self.assertEqual((approved.workflow_state, approved.docstatus), ("Approved", 1))
		approved.reload()
		self.assertEqual(approved.approved_by, MAYOR)
		self.assertEqual(getdate(approved.deadline), getdate(add_days(today(), 60)))
		done = act(SUPPLIES, request, "Complete")
		self.assertEqual(done.workflow_state, "Completed")
		done.reload()
		self.assertTrue(done.completed_on)
		for item in done.items:
			asset = frappe.get_doc("Asset", item.asset)
			self.assertEqual(asset.status, "Scrapped")
			self.assertEqual(asset.disposal_request, done.name)
			self.assertEqual(item.journal_entry, asset.journal_entry_for_scrap)
			self.assertEqual(
				frappe.db.get_value("Asset Stock Check Line", item.stock_check_line, "disposal_request"),
				done.name,
			)
			je = frappe.get_doc("Journal Entry", item.journal_entry)
			self.assertEqual(je.docstatus, 1)
			accounts = frappe.get_doc("Asset Category", asset.asset_category).accounts[0]
			fixed = sum(flt(a.credit) for a in je.accounts if a.account == accounts.fixed_asset_account)
			self.assertEqual(fixed, asset.gross_purchase_amount)  # the cost leaves the books
			self.assertAlmostEqual(
				sum(flt(a.debit) for a in je.accounts), sum(flt(a.credit) for a in je.accounts)
			)
			gl = frappe.db.count("GL Entry", {"voucher_no": je.name, "is_cancelled": 0})
			self.assertGreaterEqual(gl, 2)
			# posted as the officer who completed the disposal (ERPNext's ignore_permissions, no
			# switch to Administrator): the voucher's trail names the real actor
			self.assertEqual((je.owner, je.modified_by), (SUPPLIES, SUPPLIES))

	def test_officer_reads_own_disposal_vouchers_only(self):
		check, _assets, lines = reported_check(["Lost"])
		request = make_request(check, list(lines.values()), method="Write-off", reason="สูญหาย")
		act(SUPPLIES, request, "Submit for Approval")
		act(MAYOR, request, "Approve")
		own = act(SUPPLIES, request, "Complete").items[0].journal_entry
		other = other_journal_entry()
		frappe.set_user(SUPPLIES)
		self.assertTrue(frappe.has_permission("Journal Entry", "read", own))
		self.assertFalse(frappe.has_permission("Journal Entry", "read", other))
		self.assertFalse(frappe.has_permission("Journal Entry", "create"))
		self.assertNotIn(other, frappe.get_list("Journal Entry", pluck="name", limit_page_length=0))

	def test_auction_completed_through_a_sales_invoice(self):
		check, assets, lines = reported_check(["Not Needed"])
		request = make_request(
			check, list(lines.values()), method="Auction", buyer=buyer(), item={"sale_amount": 3500}
		)
		act(SUPPLIES, request, "Submit for Approval")
		act(MAYOR, request, "Approve")
		done = act(SUPPLIES, request, "Complete")
		done.reload()
		invoice = frappe.get_doc("Sales Invoice", done.sales_invoice)
		self.assertEqual(invoice.docstatus, 1)
		self.assertEqual((invoice.items[0].asset, invoice.items[0].is_fixed_asset), (assets[0].name, 1))
		self.assertEqual(invoice.grand_total, 3500)
		self.assertEqual(frappe.db.get_value("Asset", assets[0].name, "status"), "Sold")
		self.assertEqual((invoice.owner, invoice.modified_by), (SUPPLIES, SUPPLIES))
		disposal_account = frappe.get_cached_value("Company", invoice.company, "disposal_account")
		self.assertTrue(
			frappe.db.exists("GL Entry", {"voucher_no": invoice.name, "account": disposal_account})
		)

	def test_asset_not_in_the_check_or_not_to_dispose_refused(self):
		check, _assets, lines = reported_check(["Damaged", "Found In Use"])
		_other_check, _other, other_lines = reported_check(["Damaged"])
		before = frappe.db.count("Asset Disposal Request")
		with self.assertRaises(AssetNotInCheckError):
			make_request(check, list(other_lines.values()))  # a line of another check
		found_in_use = list(lines.values())[1]
		with self.assertRaises(AssetNotInCheckError):
			make_request(check, [found_in_use])
		self.assertEqual(frappe.db.count("Asset Disposal Request"), before)

	def test_check_must_be_reported_first(self):
		location = make_location()
		asset = make_asset(location)
		check = start_check(make_stock_check([location]))
		scan_as(CHAIR, check, asset.municipal_asset_code, "Damaged")
		line = frappe.db.get_value("Asset Stock Check Line", {"stock_check": check.name})
		with self.assertRaises(DisposalStateError):
			make_request(check, [line])

	def test_double_disposal_refused(self):
		check, assets, lines = reported_check(["Damaged"])
		line = lines[assets[0].name]
		first = make_request(check, [line])
		with self.assertRaises(DoubleDisposalError):
			make_request(check, [line])  # already in an open request
		act(SUPPLIES, first, "Submit for Approval")
		act(MAYOR, first, "Approve")
		act(SUPPLIES, first, "Complete")
		with self.assertRaises(DoubleDisposalError):
			make_request(check, [line])  # already scrapped
		self.assertEqual(frappe.db.get_value("Asset", assets[0].name, "status"), "Scrapped")

	def test_no_self_approval_and_only_executive_approves(self):
		check, _assets, lines = reported_check(["Lost"])
		boss = "kp.boss@nonsaad.test"  # an Executive who is also a Supplies Officer
		request = make_request(check, list(lines.values()), "Write-off", user=boss, reason="สูญหาย")
		frappe.set_user(boss)
		apply_workflow(request, "Submit for Approval")
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc(request.doctype, request.name), "Approve")  # own request
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.ValidationError):
			act(SUPPLIES, request, "Approve")  # not an Executive
		self.assertEqual(frappe.db.get_value(request.doctype, request.name, "docstatus"), 0)
		self.assertEqual(act(MAYOR, request, "Approve").workflow_state, "Approved")

	def test_permissions(self):
		check, _assets, lines = reported_check(["Damaged"])
		request = make_request(check, list(lines.values()))
		frappe.set_user("kp.auditor@nonsaad.test")
		self.assertTrue(frappe.has_permission("Asset Disposal Request", "read", request.name))
		self.assertFalse(frappe.has_permission("Asset Disposal Request", "write", request.name))
		frappe.set_user(CHAIR)
		self.assertFalse(frappe.has_permission("Asset Disposal Request", "create"))
		frappe.set_user("kp.frontdesk@nonsaad.test")
		self.assertFalse(frappe.has_permission("Asset Disposal Request", "read", request.name))

	def test_deadline_report_and_reminder(self):
		from nonsaad_smart.smart_karupan.notifications import remind_disposals
		from nonsaad_smart.smart_karupan.report.asset_disposal_deadlines.asset_disposal_deadlines import (
			execute,
		)

		check, _assets, lines = reported_check(["Damaged"])
		request = make_request(check, list(lines.values()))
		act(SUPPLIES, request, "Submit for Approval")
		act(MAYOR, request, "Approve")
		_cols, rows = execute({"stock_check": check.name, "open_only": 1})
		self.assertEqual((rows[0].name, rows[0].days_left, rows[0].overdue), (request.name, 60, 0))
		remind_disposals(on_date=add_days(today(), 61))
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": MEMBERS[0], "document_name": request.name})
		)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": SUPPLIES, "document_name": request.name})
		)
		# once a day: a second run on the same day sends nothing, the next day's run sends again
		sent = frappe.db.count("Notification Log", {"document_name": request.name})
		self.assertEqual(remind_disposals(on_date=add_days(today(), 61)), 0)
		self.assertEqual(frappe.db.count("Notification Log", {"document_name": request.name}), sent)
		self.assertGreaterEqual(remind_disposals(on_date=add_days(today(), 62)), 1)
		self.assertGreater(frappe.db.count("Notification Log", {"document_name": request.name}), sent)
