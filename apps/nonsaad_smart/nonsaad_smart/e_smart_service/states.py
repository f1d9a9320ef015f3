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

STATES = (SUBMITTED, ACCEPTED, ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED, DUPLICATE)
# still to be dealt with by the office
OPEN_STATES = (SUBMITTED, ACCEPTED, ASSIGNED, IN_PROGRESS)
# accepted as a real problem and being worked on (a repair may be started)
IN_HAND_STATES = (ACCEPTED, ASSIGNED, IN_PROGRESS)
CLOSED_STATES = (RESOLVED, CLOSED, REJECTED, DUPLICATE)
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
)

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
}
