"""Service Request: tracking numbers, due dates, every workflow transition by the right and a wrong role,
duplicates, resolution rules, row-level access of citizens, bad input (named error, no row written),
escalation, the public status and the receipt print."""

import datetime

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.translate import print_language
from frappe.utils import add_days, getdate, today

from nonsaad_smart.e_smart_service import api, escalation
from nonsaad_smart.e_smart_service.doctype.service_request.service_request import (
	AssigneeRequiredError,
	InvalidAssetError,
	InvalidDuplicateError,
	OpenRequestExistsError,
	ReasonRequiredError,
	ResolutionIncompleteError,
	SelfCloseError,
	UnknownServiceTypeError,
	open_request_for_asset,
)
from nonsaad_smart.e_smart_service.tests.factories import (
	PHONE,
	count,
	data_url_file,
	make_request,
	make_service_type,
	officer,
	repair_type,
)
from nonsaad_smart.e_smart_service.validation import MissingFieldError, UnsafeTextError
from nonsaad_smart.smart_core.contact import InvalidPhoneError
from nonsaad_smart.smart_core.geo import OutsideMunicipalityError
from nonsaad_smart.smart_core.thai_date import fiscal_year
from nonsaad_smart.smart_core.uploads import InvalidPhotoError
from nonsaad_smart.tests.utils import image_bytes, make_citizen, make_user, make_village

REFUSED = (WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError, frappe.ValidationError)


def act(user: str, doc, action: str, **values):
	"""Apply a workflow action as `user` (values are saved first, as the desk form does)."""
	frappe.db.savepoint("act")
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Service Request", doc.name)
		if values:
			doc.update(values)
			doc.save()
		apply_workflow(doc.as_dict(), action)
		return frappe.get_doc("Service Request", doc.name)
	except Exception:
		frappe.db.rollback(save_point="act")  # a refused action leaves nothing behind, as in the desk
		raise
	finally:
		frappe.set_user("Administrator")


class TestServiceRequest(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.frontdesk, cls.works, cls.tech = officer("frontdesk"), officer("works"), officer("technician")
		cls.mayor, cls.auditor = officer("mayor"), officer("auditor")

	def tearDown(self):
		frappe.set_user("Administrator")

	# --- numbers and dates ----------------------------------------------------------------------
	def test_tracking_numbers_by_fiscal_year_without_gaps(self):
		first, second = make_request(), make_request()
		prefix = f"SR-{fiscal_year(today())}-"
		self.assertTrue(first.name.startswith(prefix) and len(first.name) == len(prefix) + 5)
		self.assertEqual(int(second.name[-5:]), int(first.name[-5:]) + 1)
		# a failed insert does not use up a number (its increment is rolled back with it)
		frappe.db.savepoint("bad")
		with self.assertRaises(MissingFieldError):
			make_request(description="")
		frappe.db.rollback(save_point="bad")
		self.assertEqual(int(make_request().name[-5:]), int(second.name[-5:]) + 1)
		# the fiscal year of the submission names it: 10 April 2026 is in FY 2569
		self.assertTrue(make_request(submitted_on="2026-04-10 09:00:00").name.startswith("SR-2569-"))

	def test_due_date_skips_weekends_and_holidays(self):
		sla1 = make_service_type("TSLA1", sla_days=1)
		# Friday before Songkran (13–15 April): Sat, Sun, Mon–Wed off → Thursday
		doc = make_request(service_type=sla1, submitted_on="2026-04-10 09:00:00")
		self.assertEqual(getdate(doc.due_date), datetime.date(2026, 4, 16))
		# Friday 4 Dec 2026: Monday 7 Dec is the Father's Day substitute → Tuesday
		doc = make_request(service_type=sla1, submitted_on="2026-12-04 15:00:00")
		self.assertEqual(getdate(doc.due_date), datetime.date(2026, 12, 8))
		doc = make_request(
			service_type=make_service_type("TSLA5", sla_days=5), submitted_on="2026-11-23 10:00:00"
		)
		self.assertEqual(getdate(doc.due_date), datetime.date(2026, 11, 30))

	def test_village_from_point_and_fetched_fields(self):
		village = make_village(98, latitude=16.95, longitude=102.27)
		doc = make_request(latitude=16.9501, longitude=102.2701)
		self.assertEqual(doc.village, village)
		self.assertEqual(doc.kind, "Complaint")
		self.assertEqual(doc.workflow_state, "Submitted")
		self.assertEqual(doc.report_count, 1)
		self.assertEqual([r.status for r in doc.status_log], ["Submitted"])

	# --- the workflow: each transition by its role, refused for another -------------------------
	def test_full_path_by_the_right_roles(self):
		doc = make_request(service_type=repair_type())
		with self.assertRaises(REFUSED):
			act(self.tech, doc, "Accept")
		doc = act(self.frontdesk, doc, "Accept")
		self.assertEqual(doc.workflow_state, "Accepted")
		self.assertTrue(doc.accepted_on)
		with self.assertRaises(REFUSED):
			act(self.frontdesk, doc, "Assign", assigned_to=self.tech)
		with self.assertRaises(AssigneeRequiredError):
			act(self.works, doc, "Assign")
		doc = act(self.works, doc, "Assign", assigned_to=self.tech)
		self.assertEqual(doc.workflow_state, "Assigned")
		with self.assertRaises(REFUSED):
			act(self.works, doc, "Start Work")
		doc = act(self.tech, doc, "Start Work")
		self.assertEqual(doc.workflow_state, "In Progress")
		with self.assertRaises(REFUSED):
			act(self.frontdesk, doc, "Resolve", resolution_note="เปลี่ยนหลอดแล้ว")
		with self.assertRaises(ResolutionIncompleteError):
			act(self.tech, doc, "Resolve")
		with self.assertRaises(ResolutionIncompleteError):  # a repair needs the after photo too
			act(self.tech, doc, "Resolve", resolution_note="เปลี่ยนหลอดแล้ว")
		doc = act(
			self.tech, doc, "Resolve", resolution_note="เปลี่ยนหลอดแล้ว", after_photo="/private/files/after.jpg"
		)
		self.assertEqual((doc.workflow_state, doc.resolved_by), ("Resolved", self.tech))
		with self.assertRaises(REFUSED):
			act(self.tech, doc, "Close")
		doc = act(self.frontdesk, doc, "Close")
		self.assertEqual(doc.workflow_state, "Closed")
		self.assertEqual(
			[r.status for r in doc.status_log],
			["Submitted", "Accepted", "Assigned", "In Progress", "Resolved", "Closed"],
		)

	def test_executive_closes_and_complaint_needs_no_photo(self):
		doc = make_request()
		doc = act(self.frontdesk, doc, "Accept")
		doc = act(self.works, doc, "Assign", assigned_to=self.tech)
		doc = act(self.tech, doc, "Start Work")
		doc = act(self.tech, doc, "Resolve", resolution_note="ลอกท่อแล้ว")
		with self.assertRaises(REFUSED):
			act(self.auditor, doc, "Close")
		self.assertEqual(act(self.mayor, doc, "Close").workflow_state, "Closed")

	def test_reopen_after_resolution(self):
		doc = make_request()
		for user, action, values in (
			(self.frontdesk, "Accept", {}),
			(self.works, "Assign", {"assigned_to": self.tech}),
			(self.tech, "Start Work", {}),
			(self.tech, "Resolve", {"resolution_note": "ลอกท่อแล้ว"}),
		):
			doc = act(user, doc, action, **values)
		doc = act(self.frontdesk, doc, "Reopen")
		self.assertEqual(doc.workflow_state, "In Progress")
		self.assertFalse(doc.resolved_by)

	def test_resolver_cannot_close_own_work(self):
		both = officer("desktech")
		doc = make_request()
		doc = act(self.frontdesk, doc, "Accept")
		doc = act(self.works, doc, "Assign", assigned_to=both)
		doc = act(both, doc, "Start Work")
		doc = act(both, doc, "Resolve", resolution_note="ลอกท่อแล้ว")
		with self.assertRaises(SelfCloseError):
			act(both, doc, "Close")

	def test_reject_needs_reason_and_a_second_person(self):
		doc = make_request()
		with self.assertRaises(REFUSED):
			act(self.tech, doc, "Reject", reason="ไม่ใช่อำนาจหน้าที่")
		with self.assertRaises(ReasonRequiredError):
			act(self.frontdesk, doc, "Reject")
		doc = act(self.frontdesk, doc, "Reject", reason="อยู่ในความรับผิดชอบของทางหลวงชนบท")
		self.assertEqual(doc.workflow_state, "Rejected")
		# the officer who filed a walk-in request cannot reject it alone (allow_self_approval = 0)
		frappe.set_user(self.frontdesk)
		own = make_request(channel="Walk-in")
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.ValidationError):
			act(self.frontdesk, own, "Reject", reason="ซ้ำ")

	def test_duplicate_links_the_original_and_counts_as_a_report(self):
		original, copy = make_request(), make_request(requester_name="นางสอง แจ้งซ้ำ")
		with self.assertRaises(ReasonRequiredError):
			act(self.frontdesk, copy, "Mark Duplicate", duplicate_of=original.name)
		with self.assertRaises(InvalidDuplicateError):
			act(self.frontdesk, copy, "Mark Duplicate", reason="ซ้ำ")
		with self.assertRaises(InvalidDuplicateError):
			act(self.frontdesk, copy, "Mark Duplicate", reason="ซ้ำ", duplicate_of=copy.name)
		act(self.frontdesk, copy, "Mark Duplicate", reason="ซ้ำ", duplicate_of=original.name)
		original.reload()
		self.assertEqual(original.report_count, 2)
		self.assertEqual(original.additional_reports[0].reporter_name, "นางสอง แจ้งซ้ำ")

	# --- duplicate reports of one asset merge --------------------------------------------------------
	def test_reports_about_one_asset_merge(self):
		first = make_request()
		# stand-in for a pole of Smart I Pole: the link is set directly, the merge is what is tested
		frappe.db.set_value(
			"Service Request", first.name, {"asset_doctype": "Street Light Pole", "asset_name": "T-001"}
		)
		self.assertEqual(open_request_for_asset("Street Light Pole", "T-001"), first.name)
		before = count()
		name, merged = api.submit_report(
			{
				"service_type": first.service_type,
				"description": "ไฟดับอีกแล้ว",
				"requester_name": "นายสาม",
				"requester_phone": "0899999999",
				"channel": "Web",
				"asset_doctype": "Street Light Pole",
				"asset_name": "T-001",
				"latitude": 16.97,
				"longitude": 102.29,
			},
			data_url_file(image_bytes()),
		)
		self.assertEqual((name, merged, count()), (first.name, True, before))
		first.reload()
		self.assertEqual(first.report_count, 2)
		self.assertEqual(first.additional_reports[0].reporter_phone, "0899999999")
		self.assertTrue(first.additional_reports[0].photo)
		# a bad merged report is refused like a new one
		with self.assertRaises(InvalidPhoneError):
			api.submit_report(
				{
					"service_type": first.service_type,
					"description": "x",
					"requester_name": "ก",
					"requester_phone": "123",
					"channel": "Web",
					"asset_doctype": "Street Light Pole",
					"asset_name": "T-001",
				}
			)
		# inserting a second open request for the asset directly is refused with the original's number
		with self.assertRaises(OpenRequestExistsError):
			make_request(asset_doctype="Street Light Pole", asset_name="T-001")
		# once resolved, a new report opens a new request
		frappe.db.set_value("Service Request", first.name, "workflow_state", "Resolved")
		self.assertIsNone(open_request_for_asset("Street Light Pole", "T-001"))

	def test_unknown_asset_refused(self):
		with self.assertRaises(InvalidAssetError):
			make_request(asset_doctype="Road", asset_name="NO-SUCH-ROAD")
		with self.assertRaises(frappe.ValidationError):
			make_request(asset_doctype="User", asset_name="Administrator")

	# --- resolve_request() for other modules --------------------------------------------------------
	def test_resolve_request_needs_write_permission_and_an_open_request(self):
		doc = act(self.frontdesk, make_request(), "Accept")
		citizen_user = make_user("sr.citizen.resolve@nonsaad.test", ["Citizen"], user_type="Website User")
		frappe.set_user(citizen_user)
		with self.assertRaises(frappe.PermissionError):
			api.resolve_request(doc.name, "แก้แล้ว")
		frappe.set_user(self.tech)
		# a Repair Technician writes only the requests assigned to them
		with self.assertRaises(frappe.PermissionError):
			api.resolve_request(doc.name, "ลอกท่อแล้ว")
		frappe.set_user("Administrator")
		doc.db_set("assigned_to", self.tech)
		frappe.set_user(self.tech)
		api.resolve_request(doc.name, "ลอกท่อแล้ว")
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.resolved_by), ("Resolved", self.tech))
		with self.assertRaises(api.RequestNotOpenError):
			api.resolve_request(doc.name, "อีกครั้ง")
		repair = act(self.frontdesk, make_request(service_type=repair_type()), "Accept")
		with self.assertRaises(ResolutionIncompleteError):
			api.resolve_request(repair.name, "ซ่อมแล้ว")

	# --- bad input: a named error and no row -------------------------------------------------------
	def test_bad_input_is_refused_and_nothing_written(self):
		make_service_type("TPRIVATE", kind="Certificate", is_public=0)
		cases = [
			(MissingFieldError, {"description": "  "}),
			(MissingFieldError, {"requester_name": None}),
			(MissingFieldError, {"requester_phone": None}),
			(MissingFieldError, {"latitude": None, "longitude": None}),
			(InvalidPhoneError, {"requester_phone": "12345"}),
			(OutsideMunicipalityError, {"latitude": 13.7563, "longitude": 100.5018}),
			(UnsafeTextError, {"description": "<script>alert(1)</script>"}),
			(UnsafeTextError, {"description": 'ไฟดับ <img src=x onerror="alert(1)">'}),
			(UnsafeTextError, {"requester_name": "<b>ชื่อ</b>"}),
			(UnsafeTextError, {"description": "ก" * 2001}),
			(UnknownServiceTypeError, {"service_type": "NO-SUCH"}),
			(UnknownServiceTypeError, {"service_type": "TPRIVATE"}),
		]
		before = count()
		for error, values in cases:
			with self.assertRaises(error, msg=str(values)[:80]):
				make_request(**values)
		self.assertEqual(count(), before)
		self.assertEqual(make_request(description="ไฟดับ < 3 วันแล้ว").description, "ไฟดับ < 3 วันแล้ว")

	def test_bad_photos_refused_before_writing(self):
		before, files = count(), count("File")
		report = {
			"service_type": make_service_type(),
			"description": "ท่ออุดตัน",
			"requester_name": "ก",
			"requester_phone": PHONE,
			"channel": "Web",
			"latitude": 16.97,
			"longitude": 102.29,
		}
		png_named_jpg = data_url_file(b"\x89PNG\r\n\x1a\n" + b"0" * 100, "x.jpg")
		for photo in (
			data_url_file(b"%PDF-1.4 not an image", "report.pdf", "application/pdf"),
			data_url_file(b"<svg onload=alert(1)></svg>", "x.svg", "image/svg+xml"),
			data_url_file(b"MZ\x90\x00 an exe renamed", "photo.jpg"),
			png_named_jpg,
			data_url_file(b"\xff\xd8\xff" + b"0" * (6 * 1024 * 1024), "huge.jpg"),
			"not-a-data-url",
		):
			with self.assertRaises(InvalidPhotoError):
				api.submit_report(report, photo)
		self.assertEqual((count(), count("File")), (before, files))
		name, merged = api.submit_report(
			{**report, "workflow_state": "Closed", "priority": "Urgent"}, data_url_file(image_bytes())
		)
		doc = frappe.get_doc("Service Request", name)
		self.assertFalse(merged)
		self.assertEqual(
			(doc.workflow_state, doc.priority), ("Submitted", "Normal")
		)  # office fields not settable
		self.assertTrue(doc.photo.startswith("/private/files/"))

	# --- who sees what ------------------------------------------------------------------------------
	def test_citizen_reads_only_own_requests(self):
		user = make_user("sr.citizen.own@nonsaad.test", ["Citizen"], user_type="Website User")
		me, other = make_citizen(user=user), make_citizen()
		own = make_request(requester=me.name, requester_name=None, requester_phone=None, channel="Walk-in")
		others = make_request(
			requester=other.name, requester_name=None, requester_phone=None, channel="Walk-in"
		)
		guest_report = make_request()
		frappe.set_user(user)
		self.assertTrue(frappe.has_permission("Service Request", "read", own.name))
		self.assertFalse(frappe.has_permission("Service Request", "read", others.name))
		self.assertFalse(frappe.has_permission("Service Request", "read", guest_report.name))
		self.assertFalse(frappe.has_permission("Service Request", "write", own.name))
		self.assertEqual(frappe.get_list("Service Request", pluck="name"), [own.name])
		self.assertEqual([r.name for r in api.my_requests()], [own.name])
		# filing while logged in files as themselves, whatever the form says
		name, _merged = api.submit_report(
			{
				"service_type": make_service_type(),
				"description": "ขยะไม่เก็บ",
				"requester_name": "ใครก็ได้",
				"requester_phone": PHONE,
				"channel": "Web",
				"latitude": 16.97,
				"longitude": 102.29,
			}
		)
		self.assertEqual(frappe.db.get_value("Service Request", name, "requester"), me.name)

	def test_registered_citizen_hears_of_each_new_state(self):
		if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
			# an outgoing account as the municipality has one; not connected (nothing leaves the test)
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": "SR Test Outgoing",
					"email_id": "saraban@nonsaad.test",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "localhost",
				}
			).db_insert()
		me = make_citizen(email="sr.mail.citizen@nonsaad.test")
		doc = make_request(requester=me.name, requester_name=None, requester_phone=None, channel="Walk-in")
		act(self.frontdesk, doc, "Accept")
		mails = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Service Request", "reference_name": doc.name},
			pluck="name",
		)
		self.assertEqual(len(mails), 1)
		self.assertEqual(
			frappe.get_all("Email Queue Recipient", filters={"parent": mails[0]}, pluck="recipient"),
			["sr.mail.citizen@nonsaad.test"],
		)

	def test_officer_permissions(self):
		doc = make_request()
		nurse = make_user("sr.nurse@nonsaad.test", ["Caregiver"])
		frappe.set_user(self.auditor)
		self.assertTrue(frappe.has_permission("Service Request", "read", doc.name))
		self.assertFalse(frappe.has_permission("Service Request", "write", doc.name))
		frappe.set_user(self.tech)
		self.assertFalse(frappe.has_permission("Service Request", "create"))
		self.assertFalse(frappe.has_permission("Service Request", "delete", doc.name))
		frappe.set_user(nurse)
		self.assertFalse(frappe.has_permission("Service Request", "read", doc.name))
		self.assertTrue(frappe.get_meta("Service Request").track_changes)

	# --- public status --------------------------------------------------------------------------------
	def test_public_status_shows_no_personal_data(self):
		doc = make_request(requester_phone="0899991234", requester_name="นายลับ เฉพาะ")
		status = api.public_status(doc.name, "1234")
		self.assertEqual(status["status"], "Submitted")
		self.assertEqual(status["timeline"][0]["status"], "Submitted")
		text = frappe.as_json(status)
		for secret in ("นายลับ", "0899991234", doc.description):
			self.assertNotIn(secret, text)
		for wrong in ("1235", "", "12345", "abcd"):
			self.assertIsNone(api.public_status(doc.name, wrong))
		self.assertIsNone(api.public_status("SR-2570-99999", "1234"))
		self.assertEqual(api.public_status(doc.name.lower(), "1234")["tracking_number"], doc.name)

	# --- escalation ------------------------------------------------------------------------------------
	def test_overdue_requests_escalate_once_a_day(self):
		head = make_user("sr.head@nonsaad.test", ["Public Works Officer"])
		kind = make_service_type("TOVERDUE", sla_days=1, department_head=head)
		late = make_request(service_type=kind, submitted_on=add_days(today(), -20) + " 09:00:00")
		on_time = make_request(service_type=kind)
		escalated = escalation.escalate_overdue_requests()
		self.assertIn(late.name, escalated)
		self.assertNotIn(on_time.name, escalated)
		notes = frappe.get_all("Notification Log", filters={"document_name": late.name}, pluck="for_user")
		self.assertIn(head, notes)
		self.assertIn(self.mayor, notes)
		self.assertNotIn(late.name, escalation.escalate_overdue_requests())  # not twice the same day
		closed = act(
			self.frontdesk,
			make_request(service_type=kind, submitted_on=add_days(today(), -20) + " 09:00:00"),
			"Reject",
			reason="ไม่ใช่อำนาจหน้าที่",
		)
		self.assertNotIn(closed.name, escalation.escalate_overdue_requests(add_days(today(), 1)))

	def test_tracking_counters_are_a_daily_job_of_their_own(self):
		from frappe.utils import add_months

		from nonsaad_smart.e_smart_service import tracking

		series = frappe.qb.DocType("Series")
		next_year = tracking.series_key(add_months(today(), 12))

		def counter_exists() -> bool:
			return bool(frappe.qb.from_(series).select(series.name).where(series.name == next_year).run())

		frappe.qb.from_(series).delete().where(series.name == next_year).run()
		escalation.escalate_overdue_requests()
		self.assertFalse(counter_exists())  # escalating notifies, nothing else
		tracking.create_counters()
		self.assertTrue(counter_exists())
		self.assertIn(
			"nonsaad_smart.e_smart_service.tracking.create_counters",
			frappe.get_hooks("scheduler_events")["daily"],
		)

	# --- the walk-in receipt --------------------------------------------------------------------------
	def test_receipt_print(self):
		doc = make_request(channel="Walk-in", submitted_on="2026-11-26 10:00:00")
		with print_language("th"):  # the format's print language (the desk prints it so): English sources
			html = frappe.get_print("Service Request", doc.name, "Service Request Receipt")
		self.assertIn("ใบรับเรื่อง", html)
		self.assertIn(doc.name, html)
		self.assertIn("26 พฤศจิกายน 2569", html)
		self.assertIn("data:image/png;base64,", html)
		self.assertIn("เทศบาลตำบลโนนสะอาด", html)
