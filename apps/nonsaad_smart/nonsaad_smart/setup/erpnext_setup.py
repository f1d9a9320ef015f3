"""ERPNext's setup wizard, done in code for the municipality (company, Thai fiscal year, THB, Bangkok)."""

import erpnext
import frappe
from frappe.utils import today

from nonsaad_smart.smart_core import municipality
from nonsaad_smart.smart_core.thai_date import fiscal_year, fiscal_year_bounds

COMPANY = "เทศบาลตำบลโนนสะอาด"
COMPANY_ABBR = "NSA"


def wizard_args() -> dict:
	start, end = fiscal_year_bounds(fiscal_year(today()))
	return {
		"currency": "THB",
		"country": "Thailand",
		"timezone": "Asia/Bangkok",
		"language": "English",  # switched to Thai afterwards: the wizard looks languages up by name
		"full_name": "Administrator",
		"email": "admin@nonsaad.go.th",
		# another municipality's site names its own (site config nonsaad_municipality, smart_core/municipality.py)
		"company_name": municipality.profile()["municipality_name_th"],
		"company_abbr": municipality.profile()["company_abbr"],
		"company_tagline": "Smart Government: Open, Digital, Connected",
		"industry": "Government",
		"chart_of_accounts": "Standard",
		"fy_start_date": str(start),
		"fy_end_date": str(end),
		"setup_demo": 0,
	}


def setup_erpnext():
	"""Run the setup wizard once (a company exists afterwards), then make sure the fiscal years exist."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	if not frappe.db.a_row_exists("Company"):
		frappe.local.lang = "en"
		result = setup_complete(wizard_args())
		if (result or {}).get("status") not in ("ok", None):
			frappe.throw(f"ERPNext setup wizard failed: {result}")
		frappe.db.commit()
	ensure_fiscal_years()


def ensure_fiscal_years(years_ahead: int = 1):
	"""Thai government fiscal years (1 Oct – 30 Sep), named by their BE year (พ.ศ.), from the previous
	one to `years_ahead` after the current one. The wizard's year ("2026-2027") gets its BE name too."""
	current = fiscal_year(today())
	company = erpnext.get_default_company()
	for fy in range(current - 1, current + years_ahead + 1):
		name = str(fy)
		start, end = fiscal_year_bounds(fy)
		existing = frappe.db.get_value("Fiscal Year", {"year_start_date": start, "year_end_date": end})
		if existing and existing != name and not frappe.db.exists("Fiscal Year", name):
			frappe.rename_doc("Fiscal Year", existing, name, force=True)
			frappe.db.set_value("Fiscal Year", name, "year", name)
		if frappe.db.exists("Fiscal Year", {"year_start_date": start}):
			continue
		doc = frappe.get_doc(
			{"doctype": "Fiscal Year", "year": name, "year_start_date": start, "year_end_date": end}
		)
		if company:
			doc.append("companies", {"company": company})
		doc.insert(ignore_permissions=True)
