"""LINE Broadcast's workflow (fixture "LINE Broadcast", state field `status`): Draft → Approved by an
Executive who did not write it (the transition's allow_self_approval is off) → Sent, set by the delivery of
its message log row (line/outbound.py), never by a user."""

WORKFLOWS = ("LINE Broadcast",)
DRAFT, APPROVED, SENT = "Draft", "Approved", "Sent"
STATES = (DRAFT, APPROVED, SENT)
APPROVE = "Approve"
ACTIONS = (APPROVE,)
