"""Install-time setup in code, one named step each (the HRMS way). Every step is idempotent.

Roles, the Letter Head and workflows come as fixtures (synced before `after_sync`); this module does what
needs logic: ERPNext's setup wizard for the municipality, system settings, the working-day calendar. Then
each module's own steps run, in order, from hooks `nonsaad_setup_steps` (smart_core/registry.py): the core
never imports a module's setup. Seeding steps are create-only (smart_core/seed.py), so officers' edits
survive `bench migrate`; `before_uninstall` removes what the setup added.
"""

import click
import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from nonsaad_smart.setup.brand import setup_brand
from nonsaad_smart.setup.erpnext_setup import setup_erpnext
from nonsaad_smart.setup.holidays import setup_holiday_list
from nonsaad_smart.setup.module_profiles import setup_module_profiles
from nonsaad_smart.smart_core import municipality
from nonsaad_smart.smart_core.auditor import setup_auditor_access
from nonsaad_smart.smart_core.be_calendar import setup_be_naming_series
from nonsaad_smart.smart_core.registry import run_setup_steps, run_uninstall_steps
from nonsaad_smart.smart_core.seed import forget_seeded

LOG_RETENTION_DAYS = 3650  # Activity/Access/View logs are the audit trail: keep them ten years


def get_custom_fields() -> dict:
	"""Custom fields on framework DocTypes, created in code so fixtures that need them can load."""
	return {
		"Role": [
			{
				"fieldname": "nonsaad_description",
				"label": "Description",
				"fieldtype": "Small Text",
				"insert_after": "role_name",
				"translatable": 1,
			}
		],
	}


def before_install():
	"""Before the app's fixtures are synced: the fields they fill must exist."""
	create_custom_fields(get_custom_fields(), ignore_validate=True)


def after_sync():
	"""Runs once after the app is installed and its fixtures are synced."""
	click.secho("Setting up Non Sa-at Smart …", fg="blue")
	setup_erpnext()
	setup_system_settings()
	setup_error_tracebacks()
	setup_holiday_list()
	setup_log_retention()
	setup_print_settings()
	setup_letter_head()
	setup_website()
	setup_auditor_access()
	setup_brand()
	setup_module_profiles()
	setup_be_naming_series()
	run_setup_steps("install")
	frappe.db.commit()
	click.secho("Non Sa-at Smart is set up.", fg="green")


def after_migrate():
	create_custom_fields(get_custom_fields(), ignore_validate=True)
	setup_error_tracebacks()
	setup_holiday_list()
	setup_log_retention()
	setup_letter_head()
	setup_auditor_access()
	setup_brand()
	setup_module_profiles()
	setup_be_naming_series()
	run_setup_steps("migrate")


def before_uninstall():
	"""Remove what the setup added: each module's custom fields and property setters (its own
	`before_uninstall` step), then the core's custom fields and the log of seeded records. Records that are
	the municipality's data (requests, assets, books) stay."""
	run_uninstall_steps()
	remove_custom_fields(get_custom_fields())
	forget_seeded()


def remove_custom_fields(fields: dict) -> None:
	for doctype, rows in fields.items():
		for row in rows:
			frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": row["fieldname"]})
		frappe.db.delete(
			"Property Setter", {"doc_type": doctype, "field_name": ("in", [r["fieldname"] for r in rows])}
		)
		frappe.clear_cache(doctype=doctype)


def setup_system_settings():
	settings = frappe.get_doc("System Settings")
	settings.update(
		{
			"language": "th",
			"time_zone": "Asia/Bangkok",
			"country": "Thailand",
			"currency": "THB",
			"date_format": "dd-mm-yyyy",
			# the desk's date-time picker has no seconds: "HH:mm:ss" showed as "14:05:ss"
			"time_format": "HH:mm",
			"first_day_of_the_week": "Monday",
			"enable_scheduler": 1,
		}
	)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_default("lang", "th")
	frappe.db.set_value("User", "Administrator", "language", "th")


def setup_error_tracebacks():
	"""No Python tracebacks in error answers (Frappe's default shows them to anyone, guests included):
	errors still go to the Error Log for the administrator. Set again on every migrate."""
	if frappe.db.get_single_value("System Settings", "allow_error_traceback"):
		frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)


def setup_log_retention():
	if not frappe.db.exists("DocType", "Log Settings"):
		return
	log_settings = frappe.get_single("Log Settings")
	for row in log_settings.logs_to_clear:
		if row.ref_doctype in ("Activity Log", "Access Log", "View Log", "Route History"):
			row.days = max(row.days or 0, LOG_RETENTION_DAYS)
	log_settings.save(ignore_permissions=True)


# citizen-facing pages in the website's top bar (route, Thai label); each service adds its pages here
WEBSITE_TOP_BAR = [
	("/map", "แผนที่"),
	("/report/new", "แจ้งเรื่องร้องเรียน"),
	("/request-status", "ติดตามสถานะ"),
]


def setup_website():
	"""The public website speaks for the municipality, in Thai, with its citizen services in the top bar."""
	settings = frappe.get_single("Website Settings")
	name = municipality.profile()["municipality_name_th"]
	settings.app_name = name
	settings.brand_html = name
	settings.copyright = municipality.address()
	settings.disable_signup = 1
	existing = {row.url for row in settings.top_bar_items}
	for url, label in WEBSITE_TOP_BAR:
		if url not in existing:
			settings.append("top_bar_items", {"label": label, "url": url})
	settings.save(ignore_permissions=True)


def setup_print_settings():
	settings = frappe.get_single("Print Settings")
	settings.repeat_header_footer = 0  # wkhtmltopdf fetches header HTML over HTTP otherwise
	settings.pdf_page_size = "A4"
	settings.save(ignore_permissions=True)


def setup_letter_head():
	"""The municipality's Letter Head (its logo and names from Smart Settings), data made in code: not a
	fixture (a fixture is Non Sa-at's own, written over on every migrate)."""
	municipality.apply_letter_head()
