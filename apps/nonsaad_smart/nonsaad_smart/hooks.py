app_name = "nonsaad_smart"
app_title = "Non Sa-at Smart"
app_publisher = "Non Sa-at Subdistrict Municipality"
app_description = "Smart Government GIS services of Non Sa-at subdistrict municipality"
app_email = "it@nonsaad.go.th"
app_license = "gpl-3.0"
required_apps = ["frappe/erpnext"]  # org/repo form: a bare name makes frappe ask GitHub

# --- install / migrate: setup in code, see setup/install.py --------------------------------------
before_install = "nonsaad_smart.setup.install.before_install"
after_sync = "nonsaad_smart.setup.install.after_sync"
after_migrate = "nonsaad_smart.setup.install.after_migrate"
before_tests = "nonsaad_smart.tests.utils.before_tests"

# --- configuration shipped as fixtures (synced on install and every migrate) ----------------------
ROLES = [
	"Municipal Admin",
	"Executive",
	"Front Desk Officer",
	"Public Works Officer",
	"Repair Technician",
	"EMS Dispatcher",
	"EMS Crew",
	"Supplies Officer",
	"Stock Check Committee",
	"Education Officer",
	"Centre Head",
	"Public Health Officer",
	"Social Welfare Officer",
	"Care Manager",
	"Caregiver",
	"Auditor",
	"Citizen",
]
fixtures = [
	{"dt": "Role", "filters": [["role_name", "in", ROLES]]},
	{"dt": "Letter Head", "filters": [["name", "in", ["Non Sa-at Municipality"]]]},
]

# --- desk and website assets ---------------------------------------------------------------------
app_include_js = ["/assets/nonsaad_smart/js/thai_date.js"]
app_include_js.append("/assets/nonsaad_smart/js/thai_labels.js")  # workflow states in Thai
app_include_css = ["/assets/nonsaad_smart/css/nonsaad.css"]
web_include_js = ["/assets/nonsaad_smart/js/thai_date.js"]

# --- Jinja: BE dates, baht in words, masked IDs in print formats and web pages -------------------
jinja = {
	"filters": [
		"nonsaad_smart.smart_core.jinja.be_date",
		"nonsaad_smart.smart_core.jinja.baht_text",
		"nonsaad_smart.smart_core.jinja.mask_id",
	],
	"methods": [
		"nonsaad_smart.smart_core.jinja.be_date",
		"nonsaad_smart.smart_core.jinja.fiscal_year",
		"nonsaad_smart.smart_core.jinja.smart_settings",
	],
}

# --- Thai on web pages: a web form's own __() strings and the framework's web-form messages ---------
update_website_context = ["nonsaad_smart.smart_core.translation.add_web_form_messages"]
before_request = ["nonsaad_smart.smart_core.translation.guest_language"]  # guests read Thai
jinja["filters"].append("nonsaad_smart.smart_core.translation.th_en")

# --- PDPA: reads of sensitive records over REST are logged like desk views (smart_core/audit.py) --
after_request = ["nonsaad_smart.smart_core.audit.log_api_read"]

doc_events = {
	"Service Request": {
		# Smart I Pole: an accepted report about a pole makes the pole Faulty
		"on_update": "nonsaad_smart.smart_i_pole.events.on_service_request_update",
	},
}

# --- Smart I Pole: the public page of a pole, what its QR label opens --------------------------------
website_route_rules = [
	{"from_route": "/pole/<code>", "to_route": "pole"},
]

# --- one map: GeoJSON layers served by smart_core.gis.get_layer (see gis.py) ----------------------
nonsaad_map_layers = [
	{
		"villages": {
			"label": "Villages",
			"doctype": "Village",
			"method": "nonsaad_smart.smart_core.gis.village_layer",
			"public": 1,
			"color": "#2e7d32",
		}
	},
	{
		"street_lights": {
			"label": "Street Lights",
			"doctype": "Street Light Pole",
			"method": "nonsaad_smart.smart_i_pole.api.public_pole_layer",
			"public": 1,
			"color": "#f9a825",
		}
	},
]

# --- demo data: each service's loader fn(path) runs after the core loaders (see demo/loader.py) -----
nonsaad_demo_loaders = []

scheduler_events = {}

# --- E-Smart Service (e_smart_service/): service types, requests, workflow, web form, Open311 ------
fixtures += [
	{"dt": "Workflow", "filters": [["name", "in", ["Service Request"]]]},
	{
		"dt": "Workflow State",
		"filters": [
			[
				"name",
				"in",
				[
					"Submitted",
					"Accepted",
					"Assigned",
					"In Progress",
					"Resolved",
					"Closed",
					"Rejected",
					"Duplicate",
				],
			]
		],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [
			[
				"name",
				"in",
				[
					"Accept",
					"Reject",
					"Mark Duplicate",
					"Assign",
					"Start Work",
					"Reassign",
					"Resolve",
					"Close",
					"Reopen",
				],
			]
		],
	},
]
# a citizen (website user) sees only the requests filed as them, not guest reports without a requester
permission_query_conditions = globals().get("permission_query_conditions", {})
permission_query_conditions["Service Request"] = "nonsaad_smart.e_smart_service.permissions.query_conditions"
has_permission = globals().get("has_permission", {})
has_permission["Service Request"] = "nonsaad_smart.e_smart_service.permissions.has_permission"
# the report web form: photo checked before writing, duplicate reports merged, only the number answered
override_whitelisted_methods = {
	"frappe.website.doctype.web_form.web_form.accept": "nonsaad_smart.e_smart_service.web.accept",
}
# Open311 GeoReport v2 at /open311/v2/services.json, /open311/v2/requests.json, …
page_renderer = ["nonsaad_smart.e_smart_service.open311.Open311Page"]
scheduler_events.setdefault("daily", []).append(
	"nonsaad_smart.e_smart_service.escalation.escalate_overdue_requests"
)
nonsaad_demo_loaders.append("nonsaad_smart.e_smart_service.demo.load")
# the QR code to the status page on the walk-in receipt
jinja["methods"].append("nonsaad_smart.e_smart_service.printing.service_request_qr")
# the one map: open requests (staff only: get_list applies each user's permissions)
nonsaad_map_layers.append(
	{
		"open_requests": {
			"label": "Open Requests",
			"doctype": "Service Request",
			"method": "nonsaad_smart.e_smart_service.gis.open_request_layer",
			"public": 0,
			"color": "#c62828",
		}
	}
)

# E-Smart Service for a logged-in citizen: /my-requests in the menus (lands there: Role fixture home_page)
portal_menu_items = [{"title": "My requests", "route": "/my-requests", "role": "Citizen"}]
update_website_context.append("nonsaad_smart.e_smart_service.citizen_menu.add_my_requests_link")

# --- Smart I Pole (smart_i_pole/): poles, repairs, /pole/<code>, QR labels (hooks also above) ----
# after E-Smart Service's loader: the demo requests about poles need its Service Types
nonsaad_demo_loaders.append("nonsaad_smart.smart_i_pole.demo.load")
# the Service Request form gets "Create > Pole Repair" and a link to the pole
doctype_js = {"Service Request": "smart_i_pole/js/service_request.js"}

# --- Smart Karupan (smart_karupan/): ERPNext Asset + municipal register, stock check, disposal ------
fixtures += [
	{"dt": "Workflow", "filters": [["name", "in", ["Asset Stock Check", "Asset Disposal Request"]]]},
	{
		"dt": "Workflow State",
		"filters": [
			[
				"name",
				"in",
				[
					"Draft",
					"Checking",
					"Reported to Executive",
					"Acknowledged",
					"Pending Approval",
					"Approved",
					"Rejected",
					"Completed",
				],
			]
		],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [
			[
				"name",
				"in",
				[
					"Start Check",
					"Report to Executive",
					"Acknowledge",
					"Return",
					"Submit for Approval",
					"Approve",
					"Reject",
					"Revise",
					"Complete",
				],
			]
		],
	},
]
doc_events.setdefault("Asset", {}).update(
	{
		# municipal asset code, QR payload, GPS check, Thai fiscal-year depreciation defaults
		"before_validate": "nonsaad_smart.smart_karupan.asset.before_validate",
		"validate": "nonsaad_smart.smart_karupan.asset.validate",
	}
)
# a Stock Check Committee member sees only the checks (and their lines) they sit on
permission_query_conditions = globals().get("permission_query_conditions", {})
permission_query_conditions.update(
	{
		"Asset Stock Check": "nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check.get_permission_query_conditions",
		"Asset Stock Check Line": "nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check.line_query_conditions",
	}
)
has_permission = globals().get("has_permission", {})
has_permission.update(
	{
		"Asset Stock Check": "nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check.has_permission",
		"Asset Stock Check Line": "nonsaad_smart.smart_karupan.doctype.asset_stock_check.asset_stock_check.line_has_permission",
	}
)
jinja["methods"] += [
	"nonsaad_smart.smart_karupan.labels.qr_svg",
	"nonsaad_smart.smart_karupan.printing.asset_register",
	"nonsaad_smart.smart_karupan.printing.stock_check_report",
	"nonsaad_smart.smart_karupan.printing.label_rows",
]
scheduler_events.setdefault("daily", []).append(
	"nonsaad_smart.smart_karupan.notifications.send_overdue_reminders"
)
nonsaad_demo_loaders.append("nonsaad_smart.smart_karupan.demo.load")
