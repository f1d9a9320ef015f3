"""Smart Karupan setup in code (the HRMS way): named steps run on install and every migrate.

ERPNext's Asset module holds the municipality's durable assets (ครุภัณฑ์). What Thai local government needs
on top is created here: departments and their cost centers, locations, the asset classes of the
government budget classification as Asset Categories with accounts and straight-line depreciation,
fixed-asset Items per class, Custom DocPerms, and custom fields on Asset (municipal code, budget source,
GPS, QR). The seed data is `seed_data.json`; every seeding step is create-only (`smart_core.seed`): a
Location coordinate, a useful life, a category name or a permission an officer changed survives migrate.
Registered in hooks `nonsaad_setup_steps` (with `remove_karupan_setup` for uninstall).
"""

import json
from functools import cache
from pathlib import Path

import erpnext
import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

from nonsaad_smart.smart_core import municipality
from nonsaad_smart.smart_core.seed import create_once, create_records, forget_seeded, seeded_keys

MODULE = "Smart Karupan"
SEED_FILE = Path(__file__).with_name("seed_data.json")


@cache
def seed_data() -> dict:
	"""The seed data (departments, locations, asset classes with items and useful lives, permissions)."""
	return json.loads(SEED_FILE.read_text())


def category_name(code: str) -> str:
	for row in seed_data()["asset_classes"]:
		if row["code"] == code:
			return row["name"]
	raise KeyError(code)


def item_code(class_code: str, suffix: str) -> str:
	return f"KP-{class_code}-{suffix}"


def get_custom_fields() -> dict:
	"""Custom fields on ERPNext's Asset and Asset Category (module Smart Karupan)."""
	return {
		"Asset": [
			{
				"fieldname": "municipal_section",
				"label": "Municipal Register",
				"fieldtype": "Section Break",
				"insert_after": "custodian",
				"collapsible": 0,
			},
			{
				"fieldname": "municipal_asset_code",
				"label": "Municipal Asset Code",
				"fieldtype": "Data",
				"unique": 1,
				"read_only": 1,
				"no_copy": 1,
				"in_list_view": 1,
				"in_standard_filter": 1,
				"search_index": 1,
				"insert_after": "municipal_section",
				"description": "Class code - BE year of acquisition - running number, e.g. 410-69-0001. "
				"Generated when the asset is saved.",
			},
			{
				"fieldname": "budget_source",
				"label": "Budget Source",
				"fieldtype": "Select",
				"options": "\nMunicipal Budget\nGeneral Subsidy\nSpecific Subsidy\nAccumulated Funds\nDonation\nOther",
				"insert_after": "municipal_asset_code",
			},
			{
				"fieldname": "acquisition_method",
				"label": "Acquisition Method",
				"fieldtype": "Select",
				"options": "\nPurchase\nSelection\nE-bidding\nSpecific Method\nDonation\nTransfer In\nOther",
				"insert_after": "budget_source",
			},
			{
				"fieldname": "custodian_name",
				"label": "Custodian Name",
				"fieldtype": "Data",
				"fetch_from": "custodian.employee_name",
				"read_only": 1,
				"insert_after": "acquisition_method",
			},
			{
				"fieldname": "municipal_column_break",
				"fieldtype": "Column Break",
				"insert_after": "custodian_name",
			},
			{
				"fieldname": "latitude",
				"label": "Latitude",
				"fieldtype": "Float",
				"precision": "7",
				"insert_after": "municipal_column_break",
			},
			{
				"fieldname": "longitude",
				"label": "Longitude",
				"fieldtype": "Float",
				"precision": "7",
				"insert_after": "latitude",
			},
			{
				"fieldname": "qr_payload",
				"label": "QR Payload",
				"fieldtype": "Data",
				"read_only": 1,
				"no_copy": 1,
				"insert_after": "longitude",
				"description": "Text of the QR label: <municipality's prefix>-ASSET:<municipal asset code>",
			},
			{
				"fieldname": "disposal_request",
				"label": "Disposal Request",
				"fieldtype": "Link",
				"options": "Asset Disposal Request",
				"read_only": 1,
				"no_copy": 1,
				"allow_on_submit": 1,
				"insert_after": "qr_payload",
			},
		],
		"Asset Category": [
			{
				"fieldname": "municipal_class_code",
				"label": "Municipal Class Code",
				"fieldtype": "Data",
				"length": 3,
				"insert_after": "asset_category_name",
				"description": "3 digits; the first part of the municipal asset code.",
			},
			{
				"fieldname": "useful_life_years",
				"label": "Useful Life (Years)",
				"fieldtype": "Int",
				"insert_after": "municipal_class_code",
				"description": "From the Comptroller General's Department table of useful lives.",
			},
		],
	}


def setup_karupan():
	"""All steps, in order; the seeding ones are create-only (safe on every migrate)."""
	if not frappe.db.a_row_exists("Company"):
		return  # the ERPNext setup wizard has not run yet (after_sync runs it first)
	company = erpnext.get_default_company()
	log = seeded_keys()
	create_asset_custom_fields()
	setup_company_asset_defaults(company)
	setup_departments(company, log)
	setup_locations(log)
	setup_asset_categories(company, log)
	setup_asset_items(log)
	setup_asset_permissions(log)
	show_custodian_by_name()


def show_custodian_by_name():
	"""The Asset's custodian (a Link to Employee) reads as the person's name, not HR-EMP-00010."""
	make_property_setter(
		"Employee",
		None,
		"show_title_field_in_link",
		1,
		"Check",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)


def create_asset_custom_fields():
	fields = get_custom_fields()
	for rows in fields.values():
		for row in rows:
			row["module"] = MODULE
	create_custom_fields(fields, ignore_validate=True)


def setup_company_asset_defaults(company: str):
	"""Depreciation/disposal accounts and cost center on the Company (ERPNext reads them on disposal)."""
	abbr = frappe.get_cached_value("Company", company, "abbr")
	values = frappe.db.get_value(
		"Company",
		company,
		[
			"accumulated_depreciation_account",
			"depreciation_expense_account",
			"disposal_account",
			"depreciation_cost_center",
			"cost_center",
			"round_off_account",
		],
		as_dict=True,
	)
	updates = {}
	if not values.accumulated_depreciation_account:
		updates["accumulated_depreciation_account"] = account_by_type(company, "Accumulated Depreciation")
	if not values.depreciation_expense_account:
		updates["depreciation_expense_account"] = account_by_type(company, "Depreciation")
	if not values.disposal_account:
		updates["disposal_account"] = frappe.db.get_value(
			"Account", {"company": company, "account_name": "Gain/Loss on Asset Disposal"}
		)
	if not values.depreciation_cost_center:
		updates["depreciation_cost_center"] = values.cost_center or f"Main - {abbr}"
	updates = {k: v for k, v in updates.items() if v}
	if updates:
		frappe.db.set_value("Company", company, updates)


def account_by_type(company: str, account_type: str) -> str | None:
	return frappe.db.get_value("Account", {"company": company, "account_type": account_type, "is_group": 0})


def setup_departments(company: str, log=None):
	"""One Department and one Cost Center per division (สำนัก/กอง) of the municipality."""
	abbr = frappe.get_cached_value("Company", company, "abbr")
	root_cc = frappe.db.get_value(
		"Cost Center", {"company": company, "is_group": 1, "parent_cost_center": ("is", "not set")}
	)
	root_department = frappe.db.get_value(
		"Department", {"is_group": 1, "parent_department": ("is", "not set")}
	)
	departments, cost_centers = [], []
	for row in seed_data()["departments"]:
		name_th = row["department_name"]
		departments.append(
			{
				"doctype": "Department",
				"department_name": name_th,
				"company": company,
				"parent_department": root_department,
			}
		)
		if root_cc:
			cost_centers.append(
				{
					"doctype": "Cost Center",
					"name": f"{name_th} - {abbr}",
					"cost_center_name": name_th,
					"company": company,
					"parent_cost_center": root_cc,
					"is_group": 0,
				}
			)
	log = seeded_keys() if log is None else log
	for record in departments:
		create_once(
			f"Department:{company}:{record['department_name']}",
			lambda r=record: bool(
				frappe.db.exists("Department", {"department_name": r["department_name"], "company": company})
			),
			lambda r=record: frappe.get_doc(r).insert(ignore_permissions=True),
			log,
		)
	create_records(cost_centers, log=log)


def department_of(name_th: str, company: str | None = None) -> str:
	company = company or erpnext.get_default_company()
	return frappe.db.get_value("Department", {"department_name": name_th, "company": company})


def cost_center_of(name_th: str, company: str | None = None) -> str:
	company = company or erpnext.get_default_company()
	return f"{name_th} - {frappe.get_cached_value('Company', company, 'abbr')}"


def root_location() -> str:
	"""The root of the location tree: the municipality itself (its Thai name)."""
	return municipality.profile()["municipality_name_th"]


def location_centre() -> tuple[float, float]:
	"""Where the seeded places are put: the municipality's map centre (the site config written by
	bin/nonsaad new-municipality, else Smart Settings), else the seed file's own origin (Non Sa-at's)."""
	conf = frappe.conf.get("nonsaad_municipality") or {}
	lat, lng = conf.get("map_center_lat"), conf.get("map_center_lng")
	if not (lat and lng):
		lat = frappe.db.get_single_value("Smart Settings", "map_center_lat")
		lng = frappe.db.get_single_value("Smart Settings", "map_center_lng")
	if not (lat and lng):
		lat, lng = seed_data()["location_origin"]
	return float(lat), float(lng)


def seed_locations(demo: bool = False) -> list[dict]:
	"""The seed file's places for this municipality: named after it, moved to its map centre. `demo`: Non
	Sa-at's own places of the demo data (made by the demo loader only)."""
	p = municipality.profile()
	names = {"municipality": p["municipality_name_th"], "place": p["short_name_th"]}
	origin_lat, origin_lng = seed_data()["location_origin"]
	lat, lng = location_centre()
	rows = []
	for row in seed_data()["locations"]:
		if bool(row.get("demo")) != demo:
			continue
		rows.append(
			{
				"location_name": row["location_name"].format(**names),
				"parent_location": (row["parent_location"] or "").format(**names) or None,
				"latitude": round(row["latitude"] + lat - origin_lat, 7),
				"longitude": round(row["longitude"] + lng - origin_lng, 7),
			}
		)
	return rows


def setup_locations(log=None, demo: bool = False):
	"""The municipality's places (create-only: an officer's corrected coordinate stays)."""
	locations = seed_locations(demo)
	parents = {row["parent_location"] for row in seed_locations(False) + locations}
	log = seeded_keys() if log is None else log
	for row in locations:
		name = row["location_name"]

		def create(row=row, name=name):
			frappe.get_doc({"doctype": "Location", **row, "is_group": 1 if name in parents else 0}).insert(
				ignore_permissions=True
			)
			# written again after insert: on a fresh install the stored point was seen rounded to the
			# municipal centre; the coordinates are the expected place of each asset, so make them exact
			frappe.db.set_value(
				"Location",
				name,
				{"latitude": row["latitude"], "longitude": row["longitude"]},
				update_modified=False,
			)

		create_once(
			f"Location:{name}", lambda name=name: bool(frappe.db.exists("Location", name)), create, log
		)


def setup_asset_categories(company: str, log=None):
	"""One Asset Category per class: its own fixed-asset account, straight line over the useful life.

	Keyed by the class code, not the name: a category an officer renamed or re-timed is not seeded again.
	"""
	parent = fixed_asset_group(company)
	accumulated = frappe.get_cached_value(
		"Company", company, "accumulated_depreciation_account"
	) or account_by_type(company, "Accumulated Depreciation")
	expense = frappe.get_cached_value("Company", company, "depreciation_expense_account") or account_by_type(
		company, "Depreciation"
	)
	log = seeded_keys() if log is None else log
	for row in seed_data()["asset_classes"]:
		code, name_th, life = row["code"], row["name"], row["useful_life_years"]

		def create(code=code, name_th=name_th, life=life):
			account = ensure_account(company, f"{code} {name_th}", parent)
			doc = (
				frappe.get_doc("Asset Category", name_th)
				if frappe.db.exists("Asset Category", name_th)
				else frappe.new_doc("Asset Category")
			)
			doc.asset_category_name = name_th
			doc.municipal_class_code = code
			doc.useful_life_years = life
			doc.enable_cwip_accounting = 0
			if not any(a.company_name == company for a in doc.accounts):
				doc.append(
					"accounts",
					{
						"company_name": company,
						"fixed_asset_account": account,
						"accumulated_depreciation_account": accumulated,
						"depreciation_expense_account": expense,
					},
				)
			if not doc.finance_books:
				# yearly straight line; Thai government books depreciation at the fiscal year end (30 Sep)
				doc.append(
					"finance_books",
					{
						"depreciation_method": "Straight Line",
						"total_number_of_depreciations": life,
						"frequency_of_depreciation": 12,
					},
				)
			doc.save(ignore_permissions=True)

		def exists(code=code):
			category = frappe.db.get_value("Asset Category", {"municipal_class_code": code})
			return bool(
				category
				and frappe.db.exists("Asset Category Account", {"parent": category, "company_name": company})
			)

		create_once(f"Asset Category:{company}:{code}", exists, create, log)


def fixed_asset_group(company: str) -> str:
	"""The group account that holds the fixed-asset accounts in the company's chart."""
	existing = frappe.db.get_value(
		"Account", {"company": company, "account_type": "Fixed Asset", "is_group": 0}, "parent_account"
	)
	if existing:
		return existing
	return frappe.db.get_value(
		"Account",
		{"company": company, "root_type": "Asset", "is_group": 1, "account_name": ("like", "Fixed Asset%")},
	)


def ensure_account(company: str, account_name: str, parent: str) -> str:
	name = frappe.db.get_value("Account", {"company": company, "account_name": account_name})
	if name:
		return name
	return (
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": account_name,
				"company": company,
				"parent_account": parent,
				"account_type": "Fixed Asset",
				"root_type": "Asset",
				"report_type": "Balance Sheet",
				"is_group": 0,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def setup_asset_items(log=None):
	"""Fixed-asset, non-stock Items of each class (what an Asset is 'of')."""
	data = seed_data()
	uom = "Nos" if frappe.db.exists("UOM", "Nos") else frappe.db.get_value("UOM", {}, "name")
	records = [
		{
			"doctype": "Item Group",
			"name": data["item_group"],
			"item_group_name": data["item_group"],
			"parent_item_group": "All Item Groups",
		}
	]
	for row in data["asset_classes"]:
		category = frappe.db.get_value("Asset Category", {"municipal_class_code": row["code"]}) or row["name"]
		for item in row["items"]:
			records.append(
				{
					"doctype": "Item",
					"name": item_code(row["code"], item["suffix"]),
					"item_code": item_code(row["code"], item["suffix"]),
					"item_name": item["item_name"],
					"item_group": data["item_group"],
					"stock_uom": uom,
					"is_stock_item": 0,
					"is_fixed_asset": 1,
					"asset_category": category,
					"include_item_in_manufacturing": 0,
				}
			)
	create_records(records, log=log)


# Who may do what on ERPNext's asset DocTypes (seed_data.json "permissions" → Custom DocPerm; ERPNext's
# own roles are kept, since add_permission copies the standard rows first). The Supplies Officer manages
# the register; the Executive and the Auditor read it; other municipal roles get nothing.
def setup_asset_permissions(log=None):
	"""Create-only per (DocType, role): a right or a row an officer removed is not given back."""
	from frappe.permissions import add_permission, update_permission_property

	log = seeded_keys() if log is None else log
	for doctype, roles in seed_data()["permissions"].items():
		for role, rights in roles.items():
			if not frappe.db.exists("Role", role):
				continue

			def create(doctype=doctype, role=role, rights=rights):
				add_permission(doctype, role, 0)
				for right in rights:
					update_permission_property(doctype, role, 0, right, 1, validate=False)

			def exists(doctype=doctype, role=role):
				return bool(
					frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0})
				)

			create_once(f"Custom DocPerm:{doctype}:{role}", exists, create, log)


def remove_karupan_setup():
	"""Uninstall: the custom fields and property setters go; assets, categories and accounts stay (they
	are the books); the seed log of the module is forgotten."""
	for doctype, rows in get_custom_fields().items():
		for row in rows:
			frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": row["fieldname"]})
		frappe.db.delete("Property Setter", {"doc_type": doctype, "module": MODULE})
		frappe.clear_cache(doctype=doctype)
	for prefix in ("Department:", "Cost Center:", "Location:", "Asset Category:", "Item:", "Item Group:"):
		forget_seeded(prefix)
	forget_seeded("Custom DocPerm:")
