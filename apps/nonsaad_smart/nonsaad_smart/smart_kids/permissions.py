"""Row-level access of Smart Kids: a Centre Head sees only their own centre.

Done with Frappe's own User Permissions: the head of centre's user gets one on their Child Development
Centre, and Frappe restricts every DocType that links the centre (Centre Staff, Staff Training, Staff
Certificate, Centre Evaluation) in the desk, REST, reports (get_list) and link searches. The User
Permission follows the centre's `head` field (set, changed or cleared on save).
"""

import frappe

CENTRE = "Child Development Centre"


def sync_head_permission(centre: str, user: str | None, previous_user: str | None = None) -> None:
	if previous_user and previous_user != user:
		for name in frappe.get_all(
			"User Permission",
			filters={"user": previous_user, "allow": CENTRE, "for_value": centre},
			pluck="name",
		):
			frappe.delete_doc("User Permission", name, ignore_permissions=True)
	if user and not frappe.db.exists("User Permission", {"user": user, "allow": CENTRE, "for_value": centre}):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": CENTRE,
				"for_value": centre,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)


# --- a Centre Head who heads no centre sees no centre's records (issue 18) --------------------------
# Frappe applies a User Permission only to users who have one: a Centre Head whose centre was not yet set
# (or was cleared) would read every centre. These hooks close that gap for the DocTypes of a centre.
CENTRE_HEAD = "Centre Head"
CENTRE_DOCTYPES = (
	"Child Development Centre",
	"Centre Staff",
	"Staff Training",
	"Staff Certificate",
	"Centre Evaluation",
)


def heads_no_centre(user: str, doctype: str) -> bool:
	"""True when `user` reads `doctype` only as a Centre Head and heads no centre."""
	if not user or user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	if CENTRE_HEAD not in roles:
		return False
	readers = {p.role for p in frappe.get_meta(doctype).permissions if p.read and not p.permlevel}
	if (roles & readers) - {CENTRE_HEAD}:
		return False
	return not frappe.db.exists("User Permission", {"user": user, "allow": CENTRE})


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	return "1=0" if doctype and heads_no_centre(user, doctype) else ""


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	user = user or frappe.session.user
	return False if heads_no_centre(user, doc.doctype) else None
