"""LINE Broadcast: Draft → Approved (by an Executive who is not its author) → Sent to every follower.

Who may approve is the Workflow fixture "LINE Broadcast" (transition Approve, Executive, no self-approval);
Frappe refuses any other change of `status`. This controller only records who approved and when, keeps the
approved text fixed, and queues the broadcast once it is approved (line/outbound.py); the delivery of its
message log row marks it Sent.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import apply_workflow, get_transitions, has_approval_access
from frappe.utils import now_datetime

from nonsaad_smart.e_smart_service.line.workflow import APPROVE, APPROVED, DRAFT


class BroadcastApprovalError(frappe.PermissionError):
	pass


class BroadcastLockedError(frappe.ValidationError):
	pass


class LINEBroadcast(Document):
	def validate(self):
		if self.is_new():
			self.approved_by, self.approved_at, self.sent_at = None, None, None
			return
		before = self.get_doc_before_save()
		if not before:
			return
		for field in ("approved_by", "approved_at", "sent_at"):
			self.set(field, before.get(field))
		if before.status != DRAFT and (self.title != before.title or self.message != before.message):
			frappe.throw(_("An approved broadcast cannot be changed"), BroadcastLockedError)
		if before.status == DRAFT and self.status == APPROVED:  # the workflow's Approve (checked by Frappe)
			self.approved_by, self.approved_at = frappe.session.user, now_datetime()

	def on_update(self):
		before = self.get_doc_before_save()
		if before and before.status == DRAFT and self.status == APPROVED:
			from nonsaad_smart.e_smart_service.line.outbound import queue_broadcast

			queue_broadcast(self)

	@frappe.whitelist()
	def approve(self):
		"""The workflow's Approve, with a clear message for whoever may not (the fixture decides who may)."""
		if self.status != DRAFT:
			frappe.throw(_("This broadcast is {0} already").format(_(self.status)), BroadcastLockedError)
		user = frappe.session.user
		if not [
			t for t in get_transitions(self) if t.action == APPROVE and has_approval_access(user, self, t)
		]:
			frappe.throw(
				_("Only an Executive who did not write the broadcast approves it"), BroadcastApprovalError
			)
		return apply_workflow(self, APPROVE).status
