"""The states and actions of the "Service Request" workflow: the one list (no imports, so hooks.py can
read it for its fixtures). Other modules use them through `e_smart_service.api` (Python) or
`frappe.boot.nonsaad_service_request` (desk JavaScript, see `api.boot_session`), never their own copy.
"""

SUBMITTED = "Submitted"
ACCEPTED = "Accepted"
ASSIGNED = "Assigned"
IN_PROGRESS = "In Progress"
RESOLVED = "Resolved"
CLOSED = "Closed"
REJECTED = "Rejected"
DUPLICATE = "Duplicate"
# the citizen says it is not fixed (within the confirmation window): back to the office, with their note
REOPENED = "Reopened"
# not the municipality's (a power line of the PEA, a national highway): handed to the named agency with a
# note; closed for the office, still trackable by the citizen (status page, /my-requests)
TRANSFERRED = "Transferred to Agency"

STATES = (
	SUBMITTED,
	ACCEPTED,
	ASSIGNED,
	IN_PROGRESS,
	RESOLVED,
	CLOSED,
	REJECTED,
	DUPLICATE,
	REOPENED,
	TRANSFERRED,
)
# still to be dealt with by the office
OPEN_STATES = (SUBMITTED, ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED)
# accepted as a real problem and being worked on (a repair may be started)
IN_HAND_STATES = (ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED)
CLOSED_STATES = (RESOLVED, CLOSED, REJECTED, DUPLICATE, TRANSFERRED)
# the matter is settled without a further report: fixed, or found to be no problem (a duplicate is not:
# its report lives on in the original request)
SETTLED_STATES = (RESOLVED, REJECTED)

ACTIONS = (
	"Accept",
	"Reject",
	"Mark Duplicate",
	"Assign",
	"Start Work",
	"Reassign",
	"Resolve",
	"Close",
	"Reopen",
	# the citizen closes the loop (api.citizen_response): confirm the fix, or reopen within the window
	"Confirm Fix",
	"Citizen Reopen",
	# a matter outside the municipality's powers goes to the agency responsible
	"Transfer",
)
# the actions a citizen takes (from /request-status or /my-requests, never in the desk)
CITIZEN_ACTIONS = {"confirm": "Confirm Fix", "reopen": "Citizen Reopen"}
# days after the resolution during which the citizen may confirm or reopen (site config
# nonsaad_confirmation_window_days overrides)
CONFIRMATION_WINDOW_DAYS = 14

# Thai labels for citizens (web pages, Open311 status notes, e-mails)
STATE_TH = {
	SUBMITTED: "ยื่นเรื่องแล้ว",
	ACCEPTED: "รับเรื่องแล้ว",
	ASSIGNED: "มอบหมายผู้รับผิดชอบแล้ว",
	IN_PROGRESS: "กำลังดำเนินการ",
	RESOLVED: "แก้ไขแล้ว",
	CLOSED: "ปิดเรื่อง",
	REJECTED: "ไม่รับเรื่อง",
	DUPLICATE: "เรื่องซ้ำกับเรื่องอื่น",
	REOPENED: "ผู้แจ้งขอให้แก้ไขใหม่",
	TRANSFERRED: "ส่งต่อหน่วยงานที่รับผิดชอบแล้ว",
}
# list-view indicator colours in the desk
STATE_COLOURS = {
	SUBMITTED: "blue",
	ACCEPTED: "cyan",
	ASSIGNED: "purple",
	IN_PROGRESS: "orange",
	RESOLVED: "green",
	CLOSED: "gray",
	REJECTED: "red",
	DUPLICATE: "darkgrey",
	REOPENED: "red",
	TRANSFERRED: "yellow",
}
