"""Staff Certificate: dates, duplicates, the 90/30/7-day alerts (each once, to the centre head and the
Education Officers), a renewal starting the alerts again, the teaching licence copied to the staff."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from nonsaad_smart.smart_kids.alerts import alert_stage, send_staff_certificate_alerts
from nonsaad_smart.smart_kids.doctype.staff_certificate.staff_certificate import InvalidCertificateError
from nonsaad_smart.smart_kids.tests.factories import (
	education_officer,
	make_centre,
	make_certificate,
	make_head,
	make_staff,
)


def alerts_for(user: str, certificate: str) -> int:
	return frappe.db.count(
		"Notification Log",
		{"for_user": user, "document_type": "Staff Certificate", "document_name": certificate},
	)


class TestStaffCertificate(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.centre = make_centre("CDC-61").name
		cls.head = make_head(cls.centre, "kids.head61@nonsaad.test")
		cls.officer = education_officer()
		cls.staff = make_staff(cls.centre, "Teacher").name

	def test_alert_stage_dates(self):
		day = getdate("2026-12-01")
		cases = {91: None, 90: 90, 31: 90, 30: 30, 8: 30, 7: 7, 0: 7, -1: None}
		for days, stage in cases.items():
			self.assertEqual(alert_stage(add_days(day, days), day), stage, days)

	def test_each_stage_sent_once_to_head_and_officer(self):
		cert = make_certificate(self.staff, 60).name
		send_staff_certificate_alerts()
		send_staff_certificate_alerts()  # the same day again: nothing new
		for user in (self.head.user, self.officer):
			self.assertEqual(alerts_for(user, cert), 1, user)
		self.assertEqual(frappe.db.get_value("Staff Certificate", cert, "alert_stage"), 90)
		send_staff_certificate_alerts(add_days(today(), 31))  # 29 days left: the 30-day alert
		send_staff_certificate_alerts(add_days(today(), 54))  # 6 days left: the 7-day alert
		send_staff_certificate_alerts(add_days(today(), 55))
		self.assertEqual(alerts_for(self.officer, cert), 3)
		self.assertEqual(frappe.db.get_value("Staff Certificate", cert, "alert_stage"), 7)

	def test_renewal_starts_the_alerts_again(self):
		doc = make_certificate(self.staff, 20)
		send_staff_certificate_alerts()
		self.assertEqual(frappe.db.get_value("Staff Certificate", doc.name, "alert_stage"), 30)
		doc.reload()
		doc.expires_on = add_days(today(), 80)
		doc.save()
		self.assertEqual(doc.alert_stage, 0)
		send_staff_certificate_alerts()
		self.assertEqual(alerts_for(self.officer, doc.name), 2)

	def test_no_alert_far_from_expiry_or_without_expiry(self):
		far = make_certificate(self.staff, 200).name
		never = make_certificate(self.staff, None).name
		send_staff_certificate_alerts()
		self.assertEqual(alerts_for(self.officer, far) + alerts_for(self.officer, never), 0)

	def test_bad_dates_and_duplicates(self):
		with self.assertRaises(InvalidCertificateError):
			make_certificate(self.staff, 30, issued_on=add_days(today(), 1))
		with self.assertRaises(InvalidCertificateError):
			make_certificate(self.staff, -500)  # expires before it was issued (400 days ago)
		make_certificate(self.staff, 100, certificate_number="fa-123")
		with self.assertRaises(InvalidCertificateError):
			make_certificate(self.staff, 200, certificate_number="FA-123")

	def test_teaching_licence_copied_to_staff(self):
		make_certificate(self.staff, 300, kind="Teaching Licence", certificate_number="6512345678901")
		make_certificate(self.staff, 1200, kind="Teaching Licence", certificate_number="6512345678902")
		values = frappe.db.get_value("Centre Staff", self.staff, ["licence_number", "licence_expiry"])
		self.assertEqual(values[0], "6512345678902")
		self.assertEqual(getdate(values[1]), getdate(add_days(today(), 1200)))
