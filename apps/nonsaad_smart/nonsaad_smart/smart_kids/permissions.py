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
