"""LINE Broadcast: Draft → Approved (by an Executive who is not its author) → Sent to every follower.

The text is fixed once approved; `approve` queues the broadcast (line/outbound.py), and the message log
row's delivery marks it Sent.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

APPROVER_ROLE = "Executive"


class BroadcastApprovalError(frappe.PermissionError):
	pass


class BroadcastLockedError(frappe.ValidationError):
	pass


class LINEBroadcast(Document):
	def validate(self):
		if self.is_new():
			self.status, self.approved_by, self.approved_at, self.sent_at = "Draft", None, None, None
			return
		before = self.get_doc_before_save()
		if before and not self.flags.line_status_change:
			for field in ("status", "approved_by", "approved_at", "sent_at"):
				self.set(field, before.get(field))
			if before.status != "Draft" and (self.title != before.title or self.message != before.message):
				frappe.throw(_("An approved broadcast cannot be changed"), BroadcastLockedError)

	@frappe.whitelist()
	def approve(self):
		"""The Executive approves the text (not their own draft); the broadcast is queued at once."""
		user = frappe.session.user
		if APPROVER_ROLE not in frappe.get_roles(user):
			frappe.throw(_("Only the Executive approves a broadcast"), BroadcastApprovalError)
		if user == self.owner:
			frappe.throw(_("No one approves their own broadcast"), BroadcastApprovalError)
		if self.status != "Draft":
			frappe.throw(_("This broadcast is {0} already").format(_(self.status)), BroadcastLockedError)
		self.check_permission("write")
		self.status, self.approved_by, self.approved_at = "Approved", user, now_datetime()
		self.flags.line_status_change = True
		self.save()
		from nonsaad_smart.e_smart_service.line.outbound import queue_broadcast

		queue_broadcast(self)
		return self.status
