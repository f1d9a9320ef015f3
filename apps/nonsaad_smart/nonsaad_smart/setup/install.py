"""Install-time setup in code, one named step each (the HRMS way). Every step is idempotent.

Roles, the Letter Head and workflows come as fixtures (synced before `after_sync`); this module does what
needs logic: ERPNext's setup wizard for the municipality, system settings, the working-day calendar.
"""

import click
import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from nonsaad_smart.setup.brand import setup_brand
from nonsaad_smart.setup.erpnext_setup import setup_erpnext
from nonsaad_smart.setup.holidays import setup_holiday_list
from nonsaad_smart.setup.module_profiles import setup_module_profiles
from nonsaad_smart.smart_core.be_calendar import setup_be_naming_series
from nonsaad_smart.smart_karupan.setup import setup_karupan

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
	setup_holiday_list()
	setup_log_retention()
	setup_print_settings()
	setup_website()
	setup_karupan()
	setup_brand()
	setup_module_profiles()
	setup_be_naming_series()
	frappe.db.commit()
	click.secho("Non Sa-at Smart is set up.", fg="green")


def after_migrate():
	create_custom_fields(get_custom_fields(), ignore_validate=True)
	setup_holiday_list()
	setup_log_retention()
	setup_karupan()
	setup_brand()
	setup_module_profiles()
	setup_be_naming_series()


def setup_system_settings():
	settings = frappe.get_doc("System Settings")
	settings.update(
		{
			"language": "th",
			"time_zone": "Asia/Bangkok",
			"country": "Thailand",
			"currency": "THB",
			"date_format": "dd-mm-yyyy",
			"first_day_of_the_week": "Monday",
			"enable_scheduler": 1,
		}
	)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_default("lang", "th")
	frappe.db.set_value("User", "Administrator", "language", "th")


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
	settings.app_name = "เทศบาลตำบลโนนสะอาด"
	settings.brand_html = "เทศบาลตำบลโนนสะอาด"
	settings.copyright = "เทศบาลตำบลโนนสะอาด อำเภอศรีบุญเรือง จังหวัดหนองบัวลำภู"
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
