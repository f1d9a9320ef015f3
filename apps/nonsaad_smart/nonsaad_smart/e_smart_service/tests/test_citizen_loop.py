"""The citizen closes the loop: after a resolution the requester confirms (→ Closed) or reopens (→ Reopened,
back to the office with their note and photo) within the window, and rates 1–5; a request outside the
municipality's powers is transferred to a named agency and stays trackable; the performance figures
count ratings and reopens."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from nonsaad_smart.e_smart_service import api
from nonsaad_smart.e_smart_service.doctype.service_request.service_request import (
	CitizenNoteRequiredError,
	TransferIncompleteError,
)
from nonsaad_smart.e_smart_service.doctype.service_request.test_service_request import REFUSED, act
from nonsaad_smart.e_smart_service.states import CONFIRMATION_WINDOW_DAYS
from nonsaad_smart.e_smart_service.tests.factories import PHONE, make_request, make_service_type, officer
from nonsaad_smart.smart_core.uploads import Upload, photo_from_data_url
from nonsaad_smart.tests.utils import image_bytes


def photo_file() -> Upload:
	import base64

	return photo_from_data_url(
		"still.jpg,data:image/jpeg;base64," + base64.b64encode(image_bytes()).decode(), "Photo"
	)


class TestCitizenLoop(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.frontdesk, cls.works, cls.tech = officer("frontdesk"), officer("works"), officer("technician")

	def tearDown(self):
		frappe.set_user("Administrator")

	def resolved(self, **kwargs):
		doc = make_request(**kwargs)
		for user, action, values in (
			(self.frontdesk, "Accept", {}),
			(self.works, "Assign", {"assigned_to": self.tech}),
			(self.tech, "Start Work", {}),
			(self.tech, "Resolve", {"resolution_note": "ลอกท่อแล้ว"}),
		):
			doc = act(user, doc, action, **values)
		return doc

	def test_resolution_opens_the_window_and_the_status_page_asks(self):
		doc = self.resolved()
		self.assertEqual(getdate(doc.confirmation_due), getdate(add_days(today(), CONFIRMATION_WINDOW_DAYS)))
		status = api.public_status(doc.name, PHONE[-4:])
		self.assertTrue(status["can_respond"])
		self.assertTrue(status["confirmation_due"])
		self.assertIn(doc.name, doc.requester_message("แก้ไขแล้ว"))

	def test_confirm_closes_with_the_rating(self):
		doc = self.resolved()
		frappe.set_user("Guest")
		self.assertEqual(api.answer_request(doc.name, "confirm", rating="5"), "Closed")
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual((doc.citizen_response, doc.rating, doc.workflow_state), ("Confirmed", 5, "Closed"))
		self.assertTrue(doc.closed_on and doc.citizen_response_on)
		self.assertEqual(doc.status_log[-1].status, "Closed")
		self.assertFalse(api.public_status(doc.name, PHONE[-4:])["can_respond"])

	def test_reopen_goes_back_to_the_office_with_note_and_photo(self):
		doc = self.resolved()
		with self.assertRaises(CitizenNoteRequiredError):
			api.answer_request(doc.name, "reopen")
		state = api.answer_request(doc.name, "reopen", rating=2, note="ยังอุดตันอยู่", photo_file=photo_file())
		self.assertEqual(state, "Reopened")
		doc.reload()
		self.assertEqual((doc.reopen_count, doc.citizen_note, doc.rating), (1, "ยังอุดตันอยู่", 2))
		self.assertTrue(doc.citizen_photo)
		self.assertFalse(doc.resolved_on)
		self.assertTrue(api.is_open(doc.name))
		# the office is told: the technician who resolved it
		self.assertTrue(
			frappe.db.exists("Notification Log", {"document_name": doc.name, "for_user": self.tech})
		)
		# and takes it back through the workflow
		doc = act(self.works, doc, "Assign", assigned_to=self.tech)
		self.assertEqual(doc.workflow_state, "Assigned")

	def test_answers_refused_outside_the_window_or_before_resolution(self):
		doc = make_request()
		with self.assertRaises(api.NotResolvedError):
			api.answer_request(doc.name, "confirm")
		doc = self.resolved()
		frappe.db.set_value("Service Request", doc.name, "confirmation_due", add_days(today(), -1))
		with self.assertRaises(api.ConfirmationWindowClosedError):
			api.answer_request(doc.name, "confirm")
		frappe.db.set_value("Service Request", doc.name, "confirmation_due", today())
		with self.assertRaises(api.InvalidRatingError):
			api.answer_request(doc.name, "confirm", rating=6)
		with self.assertRaises(frappe.ValidationError):
			api.answer_request(doc.name, "maybe")

	def test_officers_cannot_take_the_citizens_actions(self):
		doc = self.resolved()
		for action in ("Confirm Fix", "Citizen Reopen"):
			with self.assertRaises(REFUSED):
				act(self.frontdesk, doc, action)

	def test_transfer_to_an_agency_stays_trackable(self):
		doc = make_request()
		with self.assertRaises(TransferIncompleteError):
			act(self.frontdesk, doc, "Transfer")
		doc = act(
			self.frontdesk,
			doc,
			"Transfer",
			transfer_agency="การไฟฟ้าส่วนภูมิภาคอำเภอโนนสะอาด",
			transfer_reference="PEA-123",
			transfer_note="สายไฟแรงสูงเป็นของการไฟฟ้า ส่งเรื่องให้แล้ว",
		)
		self.assertEqual(doc.workflow_state, api.TRANSFERRED)
		self.assertIn(doc.workflow_state, api.CLOSED_STATES)
		self.assertTrue(doc.transferred_on)
		self.assertFalse(api.is_open(doc.name))
		status = api.public_status(doc.name, PHONE[-4:])
		self.assertEqual(status["transfer"]["agency"], "การไฟฟ้าส่วนภูมิภาคอำเภอโนนสะอาด")
		self.assertEqual(status["status_th"], api.state_label(api.TRANSFERRED))
		self.assertIn("การไฟฟ้า", doc.requester_message("x"))
		# the front desk can bring it back if the agency returns it
		self.assertEqual(act(self.frontdesk, doc, "Reopen").workflow_state, "Accepted")

	def test_performance_counts_ratings_reopens_and_sla(self):
		code = make_service_type("TPERF")
		first = self.resolved(service_type=code)
		api.answer_request(first.name, "confirm", rating=4)
		second = self.resolved(service_type=code)
		api.answer_request(second.name, "reopen", rating=2, note="ยังไม่เรียบร้อย")
		second = act(
			self.works, frappe.get_doc("Service Request", second.name), "Assign", assigned_to=self.tech
		)
		second = act(self.tech, second, "Start Work")
		act(self.tech, second, "Resolve", resolution_note="ลอกท่ออีกครั้ง")
		figures = api.service_performance()
		mine = next(r for r in figures["by_type"] if r["service_type"] == code)
		self.assertEqual((mine["resolved"], mine["on_time"], mine["sla_percent"]), (2, 2, 100.0))
		self.assertEqual((mine["ratings"], mine["average_rating"]), (2, 3.0))
		self.assertEqual((mine["reopened"], mine["reopen_percent"]), (1, 50.0))
		self.assertIsNotNone(mine["median_days"])
		month = next(r for r in figures["by_type_and_month"] if r["service_type"] == code)
		self.assertEqual(month["month"], today()[:7])
		self.assertTrue(figures["by_team"])
