"""LINE Conversation: one LINE user's consent, report in progress and linked Citizen (line/flow.py)."""

import frappe
from frappe.model.document import Document


class LINEConversation(Document):
	def on_trash(self):
		# the photo of a report in progress goes with the conversation
		for name in frappe.get_all(
			"File", filters={"attached_to_doctype": self.doctype, "attached_to_name": self.name}, pluck="name"
		):
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
