"""The states and actions of Smart Karupan's workflows ("Asset Stock Check", "Asset Disposal Request"),
as hooks.py names them in its fixtures (no imports: hooks.py reads this module)."""

DRAFT = "Draft"
CHECKING = "Checking"
REPORTED = "Reported to Executive"
ACKNOWLEDGED = "Acknowledged"
PENDING_APPROVAL = "Pending Approval"
APPROVED = "Approved"
REJECTED = "Rejected"
COMPLETED = "Completed"

STATES = (DRAFT, CHECKING, REPORTED, ACKNOWLEDGED, PENDING_APPROVAL, APPROVED, REJECTED, COMPLETED)
ACTIONS = (
	"Start Check",
	"Report to Executive",
	"Acknowledge",
	"Return",
	"Submit for Approval",
	"Approve",
	"Reject",
	"Revise",
	"Complete",
)
WORKFLOWS = ("Asset Stock Check", "Asset Disposal Request")
