"""Municipal staff see their services' workspaces in the desk sidebar, not ERPNext's Selling, Buying, Quality…

Frappe shows a workspace to everyone who can read one DocType of its module, so every officer got
Selling, Support, Quality, Website, Tools, Integrations and the upstream product's settings in the
sidebar. A Module Profile blocks modules from the sidebar (it does not change any permission). Each
municipal staff user gets, automatically, the profile of their role group:

- "Municipal Staff": only the app's own modules (Non Sa-at Smart and its services);
- "Municipal Staff + <modules>": plus the framework/ERPNext modules a service of theirs works in,
  declared by the service in hooks.py (`nonsaad_desk_modules = {"Supplies Officer": ["Assets"]}`).

System Managers (and Administrator) keep everything. A profile set by hand to another name is left
alone. The User `before_validate` hook keeps the profile in step with the user's roles; `setup` creates
the profiles and assigns them to existing users on install and every migrate (new modules get blocked).
"""

import frappe

from nonsaad_smart.hooks import ROLES

BASE_PROFILE = "Municipal Staff"
# roles that keep every module in their sidebar
UNRESTRICTED_ROLES = ("System Manager", "Administrator", "Workspace Manager")
STAFF_ROLES = tuple(role for role in ROLES if role != "Citizen")


def app_modules() -> list[str]:
	return frappe.get_module_list("nonsaad_smart")


def extra_modules_by_role() -> dict[str, list[str]]:
	"""hook nonsaad_desk_modules: {role: [module, …]}, merged over every app by frappe.get_hooks."""
	merged = frappe.get_hooks("nonsaad_desk_modules") or {}
	return {role: list(dict.fromkeys(modules)) for role, modules in merged.items()}


def profile_name(extra: list[str]) -> str:
	return f"{BASE_PROFILE} + {', '.join(sorted(extra))}" if extra else BASE_PROFILE


def ensure_profile(extra: list[str]) -> str:
	"""Create or refresh the Module Profile that allows the app's modules plus `extra`; its name."""
	name = profile_name(extra)
	allowed = set(app_modules()) | set(extra)
	blocked = sorted(m for m in frappe.get_all("Module Def", pluck="name") if m not in allowed)
	profile = (
		frappe.get_doc("Module Profile", name)
		if frappe.db.exists("Module Profile", name)
		else frappe.new_doc("Module Profile")
	)
	if profile.is_new():
		profile.module_profile_name = name
	if sorted(row.module for row in profile.block_modules) != blocked:
		profile.set("block_modules", [{"module": module} for module in blocked])
		profile.save(ignore_permissions=True)
	return name


def profile_for_roles(roles: list[str]) -> str | None:
	"""The Module Profile a user with these roles gets; None for unrestricted or non-staff users."""
	roles = set(roles)
	if roles & set(UNRESTRICTED_ROLES) or not roles & set(STAFF_ROLES):
		return None
	by_role = extra_modules_by_role()
	extra = sorted({module for role in roles for module in by_role.get(role, [])})
	return ensure_profile(extra)


def is_ours(profile: str | None) -> bool:
	return not profile or profile == BASE_PROFILE or profile.startswith(f"{BASE_PROFILE} + ")


def apply_module_profile(doc, method=None):
	"""User before_validate: the municipal staff user's Module Profile follows their roles."""
	if doc.name in ("Administrator", "Guest") or not is_ours(doc.module_profile):
		return
	wanted = profile_for_roles([row.role for row in doc.get("roles", [])])
	if wanted:
		doc.module_profile = wanted  # User.validate copies its blocked modules
	elif doc.module_profile:
		doc.module_profile = None
		doc.set("block_modules", [])


def setup_module_profiles():
	"""Create the profiles and give every enabled staff user theirs (idempotent)."""
	ensure_profile([])
	users = frappe.get_all(
		"User",
		filters={"enabled": 1, "user_type": "System User", "name": ("not in", ["Administrator", "Guest"])},
		fields=["name", "module_profile"],
	)
	for row in users:
		if not is_ours(row.module_profile):
			continue
		roles = frappe.get_roles(row.name)
		wanted = profile_for_roles(roles)
		if (wanted or None) != (row.module_profile or None):
			user = frappe.get_doc("User", row.name)
			user.flags.ignore_password_policy = True
			user.save(ignore_permissions=True)
