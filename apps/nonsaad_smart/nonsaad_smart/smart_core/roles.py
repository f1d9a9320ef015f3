"""Who holds a role: Frappe's own query (enabled users, Administrator excluded).

Call `frappe.utils.user.get_users_with_role` directly; the name below stays for existing imports."""

from frappe.utils.user import get_users_with_role as users_with_role

__all__ = ["users_with_role"]
