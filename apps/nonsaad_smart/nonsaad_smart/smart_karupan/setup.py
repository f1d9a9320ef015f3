"""Smart Karupan setup in code (the HRMS way): named, idempotent steps run on install and every migrate.

ERPNext's Asset module holds the municipality's durable assets (ครุภัณฑ์). What Thai local government needs
on top is created here: departments and their cost centers, locations, the asset classes of the
government budget classification as Asset Categories with accounts and straight-line depreciation,
fixed-asset Items per class, and custom fields on Asset (municipal code, budget source, GPS, QR).
"""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

MODULE = "Smart Karupan"
ITEM_GROUP = "ครุภัณฑ์ (Durable Assets)"

# (department_name, English name, cost-center code). The organisation chart of a subdistrict
# municipality under the Ministry of Interior's standard structure (สำนัก/กอง + internal audit).
DEPARTMENTS = [
	("สำนักปลัดเทศบาล", "Office of the Municipal Clerk", "01"),
	("กองคลัง", "Finance Division", "04"),
	("กองช่าง", "Public Works Division", "05"),
	("กองการศึกษา", "Education Division", "08"),
	("กองสาธารณสุขและสิ่งแวดล้อม", "Public Health and Environment Division", "06"),
	("กองสวัสดิการสังคม", "Social Welfare Division", "11"),
	("หน่วยตรวจสอบภายใน", "Internal Audit Unit", "12"),
]

# (location_name, parent, latitude, longitude). Demo coordinates around the municipal office; the
# officers correct them on the Location form (they are used as the expected place of each asset).
ROOT_LOCATION = "เทศบาลตำบลโนนสะอาด"
LOCATIONS = [
	(ROOT_LOCATION, None, 16.9700, 102.2900),
	("อาคารสำนักงานเทศบาล", ROOT_LOCATION, 16.9701, 102.2902),
	("ห้องนายกเทศมนตรี", "อาคารสำนักงานเทศบาล", 16.97012, 102.29021),
	("ห้องสำนักปลัดเทศบาล", "อาคารสำนักงานเทศบาล", 16.97008, 102.29018),
	("ห้องกองคลัง", "อาคารสำนักงานเทศบาล", 16.97015, 102.29025),
	("ห้องกองช่าง", "อาคารสำนักงานเทศบาล", 16.97005, 102.29030),
	("ห้องกองการศึกษา", "อาคารสำนักงานเทศบาล", 16.97020, 102.29012),
	("ห้องกองสาธารณสุขและสิ่งแวดล้อม", "อาคารสำนักงานเทศบาล", 16.97002, 102.29010),
	("ห้องกองสวัสดิการสังคม", "อาคารสำนักงานเทศบาล", 16.97018, 102.29005),
	("ห้องประชุมสภาเทศบาล", "อาคารสำนักงานเทศบาล", 16.97024, 102.29028),
	("ห้องเก็บพัสดุ", "อาคารสำนักงานเทศบาล", 16.96998, 102.29035),
	("โรงจอดรถและโรงซ่อมบำรุงกองช่าง", ROOT_LOCATION, 16.9688, 102.2915),
	("ศูนย์พัฒนาเด็กเล็กบ้านโนนสะอาด", ROOT_LOCATION, 16.9732, 102.2871),
	("ศูนย์พัฒนาเด็กเล็กบ้านหนองแวง", ROOT_LOCATION, 16.9585, 102.3010),
	("ศูนย์กู้ชีพกู้ภัยเทศบาล (EMS)", ROOT_LOCATION, 16.9694, 102.2921),
	("สถานีผลิตน้ำประปาเทศบาล", ROOT_LOCATION, 16.9641, 102.2803),
	("สนามกีฬาเทศบาล", ROOT_LOCATION, 16.9755, 102.2950),
]

# Asset classes (ประเภทครุภัณฑ์) of the Thai government budget classification, with the municipality's
# own 3-digit class code (first part of the municipal asset code) and one useful life per class.
#
# Where the lives come from: the Comptroller General's Department (กรมบัญชีกลาง) table of useful lives
# and depreciation rates for government assets (อายุการใช้งานและอัตราค่าเสื่อมราคาของสินทรัพย์), which
# gives a range per class (e.g. computers 3 years, vehicles 5–8, office equipment 2–12). The table
# lists sub-classes with different lives; we keep ONE representative life per class, chosen within the
# CGD range from memory of the table, not copied from the current edition. This is an approximation:
# the Supplies Officer must check each life against the CGD table in force (and DLA letters for local
# government) and correct the Asset Category, which is data and can be edited in the desk.
# (code, Thai name, English name, useful life in years, [(item code suffix, item name), ...])
ASSET_CLASSES = [
	(
		"401",
		"ครุภัณฑ์สำนักงาน",
		"Office equipment",
		10,
		[
			("01", "โต๊ะทำงานเหล็ก"),
			("02", "เก้าอี้สำนักงาน"),
			("03", "ตู้เหล็กเก็บเอกสาร"),
			("04", "เครื่องปรับอากาศ"),
		],
	),
	(
		"402",
		"ครุภัณฑ์ยานพาหนะและขนส่ง",
		"Vehicles and transport",
		8,
		[
			("01", "รถบรรทุก (ดีเซล) ขนาด 1 ตัน"),
			("02", "รถจักรยานยนต์"),
			("03", "รถบรรทุกขยะ"),
		],
	),
	(
		"403",
		"ครุภัณฑ์ไฟฟ้าและวิทยุ",
		"Electrical and radio",
		10,
		[
			("01", "เครื่องกำเนิดไฟฟ้า"),
			("02", "วิทยุสื่อสาร"),
			("03", "เครื่องขยายเสียง"),
		],
	),
	(
		"404",
		"ครุภัณฑ์โฆษณาและเผยแพร่",
		"Advertising and publicity",
		5,
		[
			("01", "เครื่องฉายโปรเจคเตอร์"),
			("02", "กล้องถ่ายภาพดิจิทัล"),
			("03", "จอรับภาพ"),
		],
	),
	(
		"405",
		"ครุภัณฑ์การเกษตร",
		"Agricultural",
		10,
		[
			("01", "เครื่องสูบน้ำ"),
			("02", "เครื่องตัดหญ้า"),
			("03", "เครื่องพ่นหมอกควัน"),
		],
	),
	(
		"406",
		"ครุภัณฑ์ก่อสร้าง",
		"Construction",
		10,
		[
			("01", "เครื่องตบดิน"),
			("02", "เครื่องผสมคอนกรีต"),
			("03", "สว่านไฟฟ้า"),
		],
	),
	(
		"407",
		"ครุภัณฑ์สำรวจ",
		"Survey",
		8,
		[
			("01", "กล้องระดับ"),
			("02", "เครื่องหาพิกัด GPS"),
			("03", "ล้อวัดระยะทาง"),
		],
	),
	(
		"408",
		"ครุภัณฑ์การแพทย์",
		"Medical",
		5,
		[
			("01", "เครื่องกระตุกหัวใจไฟฟ้า (AED)"),
			("02", "เปลตักผู้ป่วย"),
			("03", "เครื่องวัดความดันโลหิต"),
		],
	),
	(
		"409",
		"ครุภัณฑ์วิทยาศาสตร์",
		"Science",
		5,
		[
			("01", "ชุดตรวจวัดคุณภาพน้ำ"),
			("02", "เครื่องวัดเสียง"),
		],
	),
	(
		"410",
		"ครุภัณฑ์คอมพิวเตอร์",
		"Computer",
		3,
		[
			("01", "เครื่องคอมพิวเตอร์ตั้งโต๊ะ"),
			("02", "เครื่องคอมพิวเตอร์โน้ตบุ๊ก"),
			("03", "เครื่องพิมพ์เลเซอร์"),
			("04", "เครื่องสำรองไฟฟ้า (UPS)"),
		],
	),
	(
		"411",
		"ครุภัณฑ์งานบ้านงานครัว",
		"Household and kitchen",
		5,
		[
			("01", "ตู้เย็น"),
			("02", "เครื่องทำน้ำเย็น"),
			("03", "เครื่องซักผ้า"),
		],
	),
	(
		"412",
		"ครุภัณฑ์กีฬา",
		"Sports",
		5,
		[
			("01", "เครื่องออกกำลังกายกลางแจ้ง"),
			("02", "ประตูฟุตบอล"),
		],
	),
	(
		"413",
		"ครุภัณฑ์การศึกษา",
		"Education",
		5,
		[
			("01", "ชุดของเล่นเสริมพัฒนาการ"),
			("02", "โทรทัศน์เพื่อการศึกษา"),
		],
	),
	(
		"414",
		"ครุภัณฑ์ดนตรีและนาฏศิลป์",
		"Music and performing arts",
		5,
		[
			("01", "ชุดกลองยาว"),
			("02", "เครื่องดนตรีพื้นเมือง (พิณ แคน)"),
		],
	),
	(
		"415",
		"ครุภัณฑ์ดับเพลิง",
		"Fire-fighting",
		10,
		[
			("01", "เครื่องดับเพลิงชนิดหาบหาม"),
			("02", "สายส่งน้ำดับเพลิง"),
		],
	),
]


def category_name(code: str) -> str:
	for class_code, name_th, _name_en, _life, _items in ASSET_CLASSES:
		if class_code == code:
			return name_th
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
				"description": "Text of the QR label: NSA-ASSET:<municipal asset code>",
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
	"""All steps, in order; each one is idempotent (safe on every migrate)."""
	if not frappe.db.a_row_exists("Company"):
		return  # the ERPNext setup wizard has not run yet (after_sync runs it first)
	company = default_company()
	create_asset_custom_fields()
	setup_company_asset_defaults(company)
	setup_departments(company)
	setup_locations()
	setup_asset_categories(company)
	setup_asset_items()
	setup_asset_permissions()
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


def default_company() -> str:
	return frappe.defaults.get_global_default("company") or frappe.db.get_value("Company", {}, "name")


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


def setup_departments(company: str):
	"""One Department and one Cost Center per division (สำนัก/กอง) of the municipality."""
	abbr = frappe.get_cached_value("Company", company, "abbr")
	root_cc = frappe.db.get_value(
		"Cost Center", {"company": company, "is_group": 1, "parent_cost_center": ("is", "not set")}
	)
	root_department = frappe.db.get_value(
		"Department", {"is_group": 1, "parent_department": ("is", "not set")}
	)
	for name_th, _name_en, _code in DEPARTMENTS:
		if not frappe.db.exists("Department", {"department_name": name_th, "company": company}):
			frappe.get_doc(
				{
					"doctype": "Department",
					"department_name": name_th,
					"company": company,
					"parent_department": root_department,
				}
			).insert(ignore_permissions=True)
		if root_cc and not frappe.db.exists("Cost Center", f"{name_th} - {abbr}"):
			frappe.get_doc(
				{
					"doctype": "Cost Center",
					"cost_center_name": name_th,
					"company": company,
					"parent_cost_center": root_cc,
					"is_group": 0,
				}
			).insert(ignore_permissions=True)


def department_of(name_th: str, company: str | None = None) -> str:
	company = company or default_company()
	return frappe.db.get_value("Department", {"department_name": name_th, "company": company})


def cost_center_of(name_th: str, company: str | None = None) -> str:
	company = company or default_company()
	return f"{name_th} - {frappe.get_cached_value('Company', company, 'abbr')}"


def setup_locations():
	for name, parent, lat, lng in LOCATIONS:
		if not frappe.db.exists("Location", name):
			is_group = any(p == name for _n, p, _a, _b in LOCATIONS)
			frappe.get_doc(
				{
					"doctype": "Location",
					"location_name": name,
					"parent_location": parent,
					"is_group": 1 if is_group else 0,
					"latitude": lat,
					"longitude": lng,
				}
			).insert(ignore_permissions=True)
		# written again after insert: on a fresh install the stored point was seen rounded to the
		# municipal centre; the coordinates are the expected place of each asset, so make them exact
		stored = frappe.db.get_value("Location", name, ["latitude", "longitude"])
		if (round(stored[0] or 0, 5), round(stored[1] or 0, 5)) != (round(lat, 5), round(lng, 5)):
			frappe.db.set_value("Location", name, {"latitude": lat, "longitude": lng}, update_modified=False)


def setup_asset_categories(company: str):
	"""One Asset Category per class: its own fixed-asset account, straight line over the useful life."""
	parent = fixed_asset_group(company)
	accumulated = frappe.get_cached_value(
		"Company", company, "accumulated_depreciation_account"
	) or account_by_type(company, "Accumulated Depreciation")
	expense = frappe.get_cached_value("Company", company, "depreciation_expense_account") or account_by_type(
		company, "Depreciation"
	)
	for code, name_th, _name_en, life, _items in ASSET_CLASSES:
		account = ensure_account(company, f"{code} {name_th}", parent)
		if frappe.db.exists("Asset Category", name_th):
			doc = frappe.get_doc("Asset Category", name_th)
			if doc.municipal_class_code == code and any(a.company_name == company for a in doc.accounts):
				continue
		else:
			doc = frappe.new_doc("Asset Category")
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


def setup_asset_items():
	"""Fixed-asset, non-stock Items of each class (what an Asset is 'of')."""
	if not frappe.db.exists("Item Group", ITEM_GROUP):
		frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": ITEM_GROUP, "parent_item_group": "All Item Groups"}
		).insert(ignore_permissions=True)
	uom = "Nos" if frappe.db.exists("UOM", "Nos") else frappe.db.get_value("UOM", {}, "name")
	for code, name_th, _name_en, _life, items in ASSET_CLASSES:
		for suffix, item_name in items:
			code_ = item_code(code, suffix)
			if frappe.db.exists("Item", code_):
				continue
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code_,
					"item_name": item_name,
					"item_group": ITEM_GROUP,
					"stock_uom": uom,
					"is_stock_item": 0,
					"is_fixed_asset": 1,
					"asset_category": name_th,
					"include_item_in_manufacturing": 0,
				}
			).insert(ignore_permissions=True)


# Who may do what on ERPNext's asset DocTypes (Custom DocPerm; ERPNext's own roles are kept, since
# add_permission copies the standard rows first). The Supplies Officer manages the register; the
# Executive and the Auditor read it; other municipal roles get nothing.
MANAGE = ("read", "write", "create", "submit", "cancel", "amend", "report", "export", "print", "email")
READ = ("read", "report", "print")
ASSET_PERMISSIONS = {
	"Asset": {"Supplies Officer": MANAGE, "Executive": READ, "Auditor": (*READ, "export")},
	"Asset Movement": {"Supplies Officer": MANAGE, "Executive": READ, "Auditor": READ},
	"Asset Depreciation Schedule": {"Supplies Officer": MANAGE, "Executive": READ, "Auditor": READ},
	"Asset Category": {
		"Supplies Officer": ("read", "write", "create", "report"),
		"Executive": READ,
		"Auditor": READ,
	},
	"Location": {
		"Supplies Officer": ("read", "write", "create", "report"),
		"Executive": READ,
		"Auditor": READ,
	},
	"Item": {"Supplies Officer": ("read", "report"), "Auditor": READ},
	"Department": {"Supplies Officer": ("read",), "Executive": ("read",), "Auditor": ("read",)},
	"Employee": {"Supplies Officer": ("read",), "Auditor": ("read",)},
	"Customer": {"Supplies Officer": ("read", "write", "create"), "Auditor": ("read",)},
}


def setup_asset_permissions():
	from frappe.permissions import add_permission, update_permission_property

	for doctype, roles in ASSET_PERMISSIONS.items():
		for role, rights in roles.items():
			if not frappe.db.exists("Role", role):
				continue
			exists = frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0})
			if not exists:
				add_permission(doctype, role, 0)
			current = frappe.db.get_value(
				"Custom DocPerm",
				{"parent": doctype, "role": role, "permlevel": 0},
				list(rights),
				as_dict=True,
			)
			for right in rights:
				if not (current or {}).get(right):
					update_permission_property(doctype, role, 0, right, 1, validate=False)


def remove_karupan_setup():
	"""Uninstall: the custom fields go; assets, categories and accounts stay (they are the books)."""
	for doctype, rows in get_custom_fields().items():
		for row in rows:
			frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": row["fieldname"]})
