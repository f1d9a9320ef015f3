"""The municipality's brand wherever a user looks: website, login page, desk, e-mails.

The framework and ERPNext on these machines carry a product name of their own (app titles, "Powered by"
footer, logos, favicon, splash image, e-mail footer, About dialog, the apps screen). A citizen or an
officer of Non Sa-at must only ever see เทศบาลตำบลโนนสะอาด. What the framework reads from settings is set
here in code (one idempotent step, run on install and every migrate); what it reads from hooks is in
hooks.py ("brand" block: website_context, base_template, add_to_apps_screen); the About dialog is
replaced in public/js/brand.js and the footer/base templates are the app's own (templates/).
"""

import frappe

from nonsaad_smart.smart_core import municipality

# Non Sa-at's brand (the demo site); a site of another municipality takes its own from
# smart_core/municipality.py (Smart Settings, or the site config written by bin/nonsaad new-municipality)
MUNICIPALITY = "เทศบาลตำบลโนนสะอาด"
ADDRESS = "เทศบาลตำบลโนนสะอาด อำเภอศรีบุญเรือง จังหวัดหนองบัวลำภู 39180"
FOOTER = "เทศบาลตำบลโนนสะอาด · บริการอิเล็กทรอนิกส์ของเทศบาล (โนนสะอาดสมาร์ท)"


def brand_names() -> tuple[str, str, str]:
	"""(name, address, footer line) of this site's municipality."""
	p = municipality.profile()
	name = p["municipality_name_th"]
	if name == MUNICIPALITY:
		return MUNICIPALITY, ADDRESS, FOOTER
	return name, municipality.address(), f"{name} · บริการอิเล็กทรอนิกส์ของเทศบาล ({p['short_name_th']}สมาร์ท)"


LOGO = municipality.APP_LOGO  # the app's logo; a municipality's own is Smart Settings `logo`
FAVICON = "/assets/nonsaad_smart/images/nonsaad-favicon.svg"
APP_NAME = "nonsaad_smart"

# product names of the framework's fork that no municipal page may show (tests look for them)
UPSTREAM_BRANDS = ("Nexelya", "ERPNext", "Frappe", "Powered by", "Built on")
# help links of the framework's navbar point at the upstream product's sites
UPSTREAM_HELP_ITEMS = ("Documentation", "User Forum", "Frappe School", "Report an Issue")


def has_desk_app_permission() -> bool:
	"""add_to_apps_screen: the app's desk is for staff (System Users), not for citizens."""
	if frappe.session.user == "Administrator":
		return True
	return frappe.get_cached_value("User", frappe.session.user, "user_type") == "System User"


def setup_brand():
	setup_website_brand()
	setup_desk_brand()
	setup_system_brand()


def setup_website_brand():
	"""Website Settings: name, logo, favicon, splash, the footer line instead of "Powered by"."""
	name, address, footer = brand_names()
	logo = municipality.logo()
	settings = frappe.get_single("Website Settings")
	settings.update(
		{
			"app_name": name,
			"app_logo": logo,
			"favicon": FAVICON if logo == LOGO else logo,
			"splash_image": logo,
			"footer_logo": logo,
			"brand_html": (
				f'<img src="{frappe.utils.escape_html(logo)}" alt="" style="height: 28px; margin-right: 8px;'
				f' vertical-align: middle;">{frappe.utils.escape_html(name)}'
			),
			"footer_powered": footer,
			"hide_footer_signup": 1,
			"disable_signup": 1,
		}
	)
	if not settings.copyright:
		settings.copyright = address
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)


def setup_desk_brand():
	"""Navbar Settings: the municipality's logo in the desk; no links to the upstream product."""
	navbar = frappe.get_single("Navbar Settings")
	navbar.app_logo = municipality.logo()
	for item in navbar.help_dropdown:
		if item.item_label in UPSTREAM_HELP_ITEMS:
			item.hidden = 1
	for item in navbar.settings_dropdown:
		if item.item_label == "Apps":  # one app for the municipality's staff: no apps screen
			item.hidden = 1
	navbar.save(ignore_permissions=True)


def setup_system_brand():
	"""System Settings: the desk's title, the landing app after login, e-mails signed by the municipality."""
	settings = frappe.get_single("System Settings")
	name, address, _footer = brand_names()
	settings.app_name = name
	settings.default_app = APP_NAME
	settings.email_footer_address = address
	settings.disable_standard_email_footer = 1  # the upstream "Sent via …" line
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)


# the app's workspace (standard JSON): its record name AND title are "Smart Government" on every site (the
# route /app/smart-government; patches/rename_workspace.py renamed the old "Non Sa-at Smart"). Frappe 15's
# desk needs both equal for a public workspace: it keys its routes by the name's slug but links the sidebar
# and the landing /app by the title's, so a title of its own ("Non Sa-at Smart") answered "Not permitted:
# Page". The site's own name is in the workspace's header block, rewritten here on other sites.
WORKSPACE = "Smart Government"
WORKSPACE_HEADER = "Non Sa-at Smart · เทศบาลตำบลโนนสะอาด"


def rebrand_workspace() -> bool:
	"""The workspace's header names this site's app and municipality (Smart Settings), its title stays its
	name, and the services' workspaces stay under it (the desk nests them by the parent's title); kept
	without touching `modified`, so `bench migrate` does not import the JSON over them. False when there
	was nothing to change (Non Sa-at's site as shipped)."""
	if not frappe.db.exists("Workspace", WORKSPACE):
		return False
	current = frappe.db.get_value("Workspace", WORKSPACE, ["title", "content"], as_dict=True)
	header = f"{municipality.app_title()} · {municipality.profile()['municipality_name_th']}"
	content = current.content or ""
	if WORKSPACE_HEADER in content and header != WORKSPACE_HEADER:
		content = content.replace(WORKSPACE_HEADER, header)
	changed = content != (current.content or "") or current.title != WORKSPACE
	if changed:
		frappe.db.set_value(
			"Workspace", WORKSPACE, {"title": WORKSPACE, "content": content}, update_modified=False
		)
	Workspace = frappe.qb.DocType("Workspace")
	stray = frappe.get_all(
		"Workspace", filters={"parent_page": ["in", list({"Non Sa-at Smart", current.title} - {WORKSPACE})]}
	)
	if stray:
		frappe.qb.update(Workspace).set(Workspace.parent_page, WORKSPACE).where(
			Workspace.name.isin([w.name for w in stray])
		).run()
	return changed or bool(stray)


def apply_brand():
	"""Smart Settings saved (its names, address, contact, logo or app title changed): the brand and the
	letter head follow at once."""
	setup_brand()
	rebrand_workspace()
	municipality.apply_letter_head()


def boot_session(bootinfo) -> None:
	"""The desk's brand (About dialog, public/js/brand.js): this site's app title, names and logo."""
	bootinfo.nonsaad_brand = {
		"title": municipality.app_title(),
		"name": municipality.name(),
		"logo": municipality.logo(),
	}
