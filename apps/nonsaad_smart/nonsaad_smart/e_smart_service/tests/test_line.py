"""The LINE channel in-process (issue 19): signature, consent first, the whole report flow through
`flow.handle`, one push per state change with a retry on a 500, the broadcast's approval.

The Messaging API is `FakeLine` on 127.0.0.1 (line/testing.py): nothing reaches the Internet. The webhook
itself (signature, replays, status codes) is tried over real HTTP in tests/api/test_line_api.py.
"""

import io
import json
import random
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from PIL import Image

from nonsaad_smart.e_smart_service.doctype.line_broadcast.line_broadcast import BroadcastApprovalError
from nonsaad_smart.e_smart_service.line import client, flow, outbound
from nonsaad_smart.e_smart_service.line import testing as t
from nonsaad_smart.e_smart_service.tests.factories import make_service_type, officer
from nonsaad_smart.smart_i_pole.testing import make_pole, pole_service_type
from nonsaad_smart.tests.utils import TEST_CENTER, ensure_test_settings, make_citizen

CONV = "LINE Conversation"
LOG = "LINE Message Log"


def texts(messages: list[dict]) -> str:
	return "\n".join(m.get("text", "") for m in messages)


def postbacks(messages: list[dict]) -> list[str]:
	return [
		item["action"].get("data", "")
		for m in messages
		for item in (m.get("quickReply") or {}).get("items", [])
		if item["action"]["type"] == "postback"
	]


class TestLineChannel(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_test_settings()
		cls.fake = t.FakeLine().start()
		t.configure(cls.fake.base_url)
		cls.service_type = make_service_type("TLINE", name_th="ทดสอบไลน์")

	@classmethod
	def tearDownClass(cls):
		cls.fake.stop()
		super().tearDownClass()

	def consented_user(self) -> str:
		user = t.line_user_id()
		flow.handle(t.postback(user, "action=consent"))
		return user

	def file_report(self, user: str) -> str:
		flow.handle(t.image_message(user))
		flow.handle(t.location_message(user, *TEST_CENTER, address="บ้านโนนสะอาด"))
		flow.handle(t.postback(user, f"action=type&code={self.service_type}"))
		flow.handle(t.text_message(user, "ไฟฟ้าดับทั้งซอย"))
		answer = flow.handle(t.postback(user, "action=confirm"))
		name = frappe.db.get_value(CONV, user, "last_request")
		self.assertTrue(name)
		self.assertIn(name, texts(answer))
		return name

	def test_signature_is_hmac_sha256_base64(self):
		body = t.webhook_body([t.event("follow", t.line_user_id())])
		good = t.signature(body)
		self.assertEqual(client.signature(body, t.SECRET), good)
		self.assertTrue(client.signature_matches(body, good, t.SECRET))
		self.assertFalse(client.signature_matches(body, good, "another secret"))
		self.assertFalse(client.signature_matches(body + b" ", good, t.SECRET))
		self.assertFalse(client.signature_matches(body, "", t.SECRET))
		self.assertFalse(client.signature_matches(body, good, ""))

	def test_nothing_is_kept_before_consent(self):
		user = t.line_user_id()
		files, calls = frappe.db.count("File"), len(self.fake.calls)
		for ev in (
			t.event("follow", user),
			t.image_message(user),
			t.location_message(user, *TEST_CENTER),
			t.text_message(user, "แจ้งเรื่อง"),
			t.postback(user, "action=report"),
			t.postback(user, "action=decline"),
		):
			answer = flow.handle(ev)
			self.assertTrue(answer)
		self.assertIn("action=consent", postbacks(flow.handle(t.event("follow", user))))
		self.assertFalse(frappe.db.exists(CONV, user))
		self.assertEqual(frappe.db.count("File"), files)
		self.assertEqual(len(self.fake.calls), calls, "no photo is fetched before consent")

	def test_whole_flow_files_a_line_request_with_the_photo(self):
		user = self.consented_user()
		conv = frappe.get_doc(CONV, user)
		self.assertTrue(conv.consent_given_at)
		answer = flow.handle(t.image_message(user, "4711"))
		self.assertTrue(any(c["path"] == "/v2/bot/message/4711/content" for c in self.fake.calls))
		photo = frappe.db.get_value(CONV, user, "photo")
		self.assertTrue(photo.startswith("/private/files/"))
		stored = frappe.get_doc("File", {"file_url": photo}).get_content()
		self.assertFalse(dict(Image.open(io.BytesIO(stored)).getexif()), "EXIF and GPS are dropped")
		self.assertIn("location", json.dumps(answer))
		answer = flow.handle(t.location_message(user, *TEST_CENTER))
		offered = postbacks(answer)
		self.assertTrue(offered and all(p.startswith("action=type") for p in offered), offered)
		self.assertLessEqual(len(offered), 13, "LINE shows at most 13 quick replies")
		answer = flow.handle(t.postback(user, f"action=type&code={self.service_type}"))
		self.assertIn("action=skip", postbacks(answer))
		answer = flow.handle(t.postback(user, "action=skip"))
		self.assertIn("action=confirm", postbacks(answer))
		answer = flow.handle(t.postback(user, "action=confirm"))
		name = frappe.db.get_value(CONV, user, "last_request")
		self.assertIn(name, texts(answer))
		self.assertIn("/request-status?tracking_number=" + name, texts(answer))
		request = frappe.get_doc("Service Request", name)
		self.assertEqual(request.channel, "LINE")
		self.assertEqual(request.service_type, self.service_type)
		self.assertTrue(request.photo and request.photo.startswith("/private/files/"))
		conv = frappe.get_doc(CONV, user)
		self.assertEqual(conv.state, "Idle")
		self.assertFalse(conv.photo or conv.latitude or conv.service_type)
		self.assertFalse(
			frappe.db.exists("File", {"attached_to_doctype": CONV, "attached_to_name": user}),
			"the draft photo is gone",
		)
		kept = frappe.get_doc("File", {"file_url": request.photo, "attached_to_doctype": "Service Request"})
		self.assertTrue(kept.is_private and kept.get_content())
		self.assertEqual(outbound.requesters(name), [user])

	def test_a_pole_qr_link_sent_as_text_reports_that_pole(self):
		pole = make_pole()
		service = pole_service_type()
		user = self.consented_user()
		answer = flow.handle(t.text_message(user, f"https://nonsaad.go.th/pole/{pole.pole_code}"))
		offered = postbacks(answer)
		self.assertIn(f"action=type&code={service}", offered)
		self.assertNotIn(f"action=type&code={self.service_type}", offered, "only the pole's types")
		flow.handle(t.postback(user, f"action=type&code={service}"))
		flow.handle(t.postback(user, "action=skip"))
		answer = flow.handle(t.postback(user, "action=confirm"))
		name = frappe.db.get_value(CONV, user, "last_request")
		self.assertIn(name, texts(answer))
		request = frappe.db.get_value(
			"Service Request", name, ["asset_doctype", "asset_name", "channel"], as_dict=True
		)
		self.assertEqual(
			(request.asset_doctype, request.asset_name, request.channel),
			("Street Light Pole", pole.name, "LINE"),
		)
		unknown = flow.handle(t.text_message(user, "https://nonsaad.go.th/pole/NO-SUCH-POLE"))
		self.assertIn("NO-SUCH-POLE", texts(unknown))

	def test_a_phone_code_links_the_citizen_and_an_unknown_number_tells_nothing(self):
		phone = "08" + "".join(random.choice("0123456789") for _ in range(8))
		citizen = make_citizen(phone=phone)
		user = self.consented_user()
		self.assertIn("action=link_phone", postbacks(flow.handle(t.text_message(user, "ผูกบัญชี"))))
		sent = []
		with patch.object(flow, "send_code", lambda number, code: sent.append((number, code))):
			flow.handle(t.postback(user, "action=link_phone"))
			unknown = texts(flow.handle(t.text_message(user, "0899999999")))
			self.assertEqual(sent, [], "no code for a number no Citizen has")
			flow.handle(t.postback(user, "action=link_phone"))
			known = texts(flow.handle(t.text_message(user, phone)))
		self.assertEqual(unknown, known, "the answer does not tell whether the number is registered")
		self.assertEqual(len(sent), 1)
		code = sent[0][1]
		wrong = "000000" if code != "000000" else "111111"
		flow.handle(t.text_message(user, wrong))
		self.assertFalse(frappe.db.get_value(CONV, user, "citizen"))
		flow.handle(t.text_message(user, code))
		self.assertEqual(frappe.db.get_value(CONV, user, "citizen"), citizen.name)
		name = self.file_report(user)
		self.assertEqual(frappe.db.get_value("Service Request", name, "requester"), citizen.name)

	def test_an_outside_point_or_a_fake_type_is_answered_not_kept(self):
		user = self.consented_user()
		answer = flow.handle(t.location_message(user, 13.75, 100.5))
		self.assertTrue(texts(answer))
		self.assertFalse(frappe.db.get_value(CONV, user, "latitude"))
		flow.handle(t.location_message(user, *TEST_CENTER))
		answer = flow.handle(t.postback(user, "action=type&code=NO-SUCH-TYPE"))
		self.assertFalse(frappe.db.get_value(CONV, user, "service_type"))

	def test_a_state_change_pushes_once_and_a_500_is_retried(self):
		user = self.consented_user()
		name = self.file_report(user)
		doc = frappe.get_doc("Service Request", name)
		apply_workflow(doc, "Accept")
		logs = frappe.get_all(LOG, filters={"service_request": name, "kind": "Push"}, pluck="name")
		self.assertEqual(len(logs), 1)
		frappe.get_doc("Service Request", name).save()  # no state change: no second message
		outbound.on_request_update(frappe.get_doc("Service Request", name))
		self.assertEqual(frappe.db.count(LOG, {"service_request": name, "kind": "Push"}), 1)

		self.fake.push_statuses[:] = [500]
		before = len(self.fake.posts("/v2/bot/message/push"))
		self.assertEqual(outbound.deliver(logs[0]), "Retrying")
		row = frappe.get_doc(LOG, logs[0])
		self.assertEqual((row.attempts, row.response_status), (1, 500))
		self.assertIn("500", row.last_error)
		self.assertTrue(row.next_attempt_at)
		self.assertEqual(outbound.deliver(logs[0]), "Sent")
		self.assertEqual(outbound.deliver(logs[0]), "Sent")  # a repeated job sends nothing
		pushes = self.fake.posts("/v2/bot/message/push")[before:]
		self.assertEqual(len(pushes), 2)
		self.assertEqual(len({p["headers"]["x-line-retry-key"] for p in pushes}), 1)
		message = pushes[-1]["json"]["messages"][0]
		self.assertEqual((pushes[-1]["json"]["to"], message["type"]), (user, "flex"))
		self.assertIn(name, message["altText"])
		self.assertEqual(pushes[-1]["headers"]["authorization"], f"Bearer {t.TOKEN}")

	def test_push_failures_never_block_the_workflow(self):
		user = self.consented_user()
		name = self.file_report(user)
		t.configure(self.fake.base_url, max_attempts=1)
		try:
			apply_workflow(frappe.get_doc("Service Request", name), "Accept")
			log = frappe.get_all(LOG, filters={"service_request": name, "kind": "Push"}, pluck="name")[0]
			self.fake.push_statuses[:] = [503]
			self.assertEqual(outbound.deliver(log), "Failed")
			self.assertEqual(frappe.db.get_value("Service Request", name, "workflow_state"), "Accepted")
		finally:
			t.configure(self.fake.base_url)

	def test_broadcast_needs_an_executive_who_did_not_write_it(self):
		frontdesk, mayor = officer("frontdesk"), officer("mayor")
		frappe.set_user(frontdesk)
		try:
			doc = frappe.get_doc(
				{"doctype": "LINE Broadcast", "title": "ประกาศ", "message": "งดจ่ายน้ำประปาวันพรุ่งนี้"}
			).insert()
			self.assertRaises(BroadcastApprovalError, doc.approve)
			frappe.set_user(mayor)
			own = frappe.get_doc({"doctype": "LINE Broadcast", "title": "ของฉัน", "message": "ข้อความ"})
			own.insert(ignore_permissions=True)  # an Executive's own draft (Executives do not create them)
			self.assertRaises(BroadcastApprovalError, own.approve)
			doc = frappe.get_doc("LINE Broadcast", doc.name)
			doc.approve()
		finally:
			frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual((doc.status, doc.approved_by), ("Approved", mayor))
		log = frappe.get_all(LOG, filters={"line_broadcast": doc.name}, pluck="name")
		self.assertEqual(len(log), 1)
		self.assertEqual(outbound.deliver(log[0]), "Sent")
		self.assertEqual(frappe.db.get_value("LINE Broadcast", doc.name, "status"), "Sent")
		sent = self.fake.posts("/v2/bot/message/broadcast")[-1]["json"]
		self.assertIn("งดจ่ายน้ำประปา", sent["messages"][0]["text"])
