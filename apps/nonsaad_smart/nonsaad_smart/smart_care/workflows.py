"""The states and actions of Smart Care's workflow ("Allowance Registration"), as hooks.py names them in its
fixtures (no imports: hooks.py reads this module). The Workflow itself is configuration in
`fixtures/workflow.json` (Approve has allow_self_approval 0: the Executive cannot approve a registration
they created or verified themselves)."""

APPLIED = "Applied"
VERIFIED = "Verified"
APPROVED = "Approved"
ACTIVE = "Active"
SUSPENDED = "Suspended"
ENDED = "Ended"
NOT_ELIGIBLE = "Not Eligible"

STATES = (APPLIED, VERIFIED, APPROVED, ACTIVE, SUSPENDED, ENDED, NOT_ELIGIBLE)
ACTIONS = ("Verify", "Approve", "Activate", "Suspend", "Resume", "End", "Mark Not Eligible")
WORKFLOWS = ("Allowance Registration",)
# states in which the registration is paid
PAID_STATES = (ACTIVE,)
