"""The evidence pack of a Service Request (smart_core/evidence.py): the receipt as a Thai PDF with BE dates,
the version history with the workflow's states in Thai, the attachments' list with their SHA-256, and a
manifest whose hashes verify."""

import csv
import hashlib
import io
import json
import zipfile

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from nonsaad_smart.e_smart_service.doctype.service_request.test_service_request import act
from nonsaad_smart.e_smart_service.tests.factories import make_request, officer
from nonsaad_smart.smart_core import evidence
from nonsaad_smart.tests.utils import make_image_file, pdf_text


class TestServiceRequestEvidencePack(FrappeTestCase):
	def test_pack_of_a_request(self):
		frontdesk, auditor = officer("frontdesk"), officer("auditor")
		doc = make_request()
		frappe.flags.in_test = False  # record versions as in production (tests skip them by default)
		try:
			doc = act(frontdesk, doc, "Accept")
		finally:
			frappe.flags.in_test = True
		photo = make_image_file(attached_to_doctype="Service Request", attached_to_name=doc.name)
		frappe.set_user(auditor)
		try:
			_name, content = evidence.make_pack("Service Request", doc.name)
		finally:
			frappe.set_user("Administrator")
		pack = zipfile.ZipFile(io.BytesIO(content))
		manifest = json.loads(pack.read("manifest.json"))
		for entry in manifest["files"]:
			self.assertEqual(
				hashlib.sha256(pack.read(entry["name"])).hexdigest(), entry["sha256"], entry["name"]
			)
		text = pdf_text(pack.read(f"{doc.name}.pdf"))
		self.assertIn(str(getdate(doc.submitted_on).year + 543), text)  # BE year
		versions = pack.read("versions.csv").decode("utf-8-sig")
		self.assertIn("ยื่นเรื่องแล้ว → รับเรื่องแล้ว", versions)  # the workflow state, in Thai
		files = list(csv.DictReader(io.StringIO(pack.read("attachments.csv").decode("utf-8-sig"))))
		stored = frappe.get_doc("File", {"file_url": photo, "attached_to_name": doc.name})
		self.assertEqual(
			[(f["file_url"], f["sha256"]) for f in files],
			[(stored.file_url, hashlib.sha256(stored.get_content()).hexdigest())],
		)
