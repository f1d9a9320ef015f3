"""Hooks of Non Sa-at Smart, in the HRMS layout: grouped by purpose, one block each.

A service module plugs in here with a few lines in each block it needs (its fixtures names, its map layer,
its asset register, its setup step, its citizen links, its demo loader), and files in its own folder.
"""

from nonsaad_smart.e_smart_service import states as e_smart_service_workflow
from nonsaad_smart.smart_karupan import workflows as karupan_workflows

app_name = "nonsaad_smart"
app_title = "Non Sa-at Smart"
app_publisher = "Non Sa-at Subdistrict Municipality"
app_description = "Smart Government GIS services of Non Sa-at subdistrict municipality"
app_email = "it@nonsaad.go.th"
app_license = "gpl-3.0"
required_apps = ["frappe/erpnext"]  # org/repo form: a bare name makes frappe ask GitHub

# --- includes in <head>: desk and website assets ----------------------------------------------------
app_include_js = ["/assets/nonsaad_smart/js/thai_date.js"]
app_include_js.append("/assets/nonsaad_smart/js/thai_labels.js")  # workflow states in Thai
app_include_js.append("/assets/nonsaad_smart/js/datetime_control.js")  # Datetime fields without seconds
app_include_css = ["/assets/nonsaad_smart/css/nonsaad.css"]
web_include_js = ["/assets/nonsaad_smart/js/thai_date.js"]
# include js in doctype views
doctype_js = {
	# Smart I Pole on the Service Request form: "Create > Pole Repair" and a link to the pole
	"Service Request": "smart_i_pole/js/service_request.js",
}

# --- website ---------------------------------------------------------------------------------------
website_route_rules = [
	# Smart I Pole: the public page of a pole, what its QR label opens
	{"from_route": "/pole/<code>", "to_route": "pole"},
]
# E-Smart Service: Open311 GeoReport v2 at /open311/v2/services.json, /open311/v2/requests.json, …
page_renderer = ["nonsaad_smart.e_smart_service.open311.Open311Page"]

# --- Jinja: BE dates, baht in words, masked IDs, QR codes in print formats and web pages -------------
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
		"nonsaad_smart.smart_core.qr.qr_image",
		# E-Smart Service: the QR code to the status page on the walk-in receipt
		"nonsaad_smart.e_smart_service.printing.service_request_qr",
		# Smart Karupan: labels, register card, stock check report
		"nonsaad_smart.smart_karupan.printing.asset_register",
		"nonsaad_smart.smart_karupan.printing.stock_check_report",
		"nonsaad_smart.smart_karupan.printing.label_rows",
	],
}

# --- Thai on web pages: a web form's own __() strings and the framework's web-form messages ---------
update_website_context = ["nonsaad_smart.smart_core.translation.add_web_form_messages"]
# guests read Thai whatever their browser says
before_request = [*globals().get("before_request", []), "nonsaad_smart.smart_core.translation.guest_language"]
# E-Smart Service for a logged-in citizen: /my-requests in the menus (lands there: Role fixture home_page)
portal_menu_items = [{"title": "My requests", "route": "/my-requests", "role": "Citizen"}]
update_website_context.append("nonsaad_smart.e_smart_service.citizen_menu.add_my_requests_link")
jinja["filters"].append("nonsaad_smart.smart_core.translation.th_en")

# --- installation and uninstallation: setup in code (setup/install.py), module steps below -----------
before_install = "nonsaad_smart.setup.install.before_install"
after_sync = "nonsaad_smart.setup.install.after_sync"
after_migrate = "nonsaad_smart.setup.install.after_migrate"
before_uninstall = "nonsaad_smart.setup.install.before_uninstall"

# --- testing ---------------------------------------------------------------------------------------
before_tests = "nonsaad_smart.tests.utils.before_tests"

# --- desk boot: E-Smart Service's states for desk JavaScript (frappe.boot.nonsaad_service_request) ----
boot_session = "nonsaad_smart.e_smart_service.api.boot_session"

# --- configuration shipped as fixtures (synced on install and every migrate) --------------------------
# ONE entry per DocType, its filter naming all of the app's records (bench export-fixtures writes one file
# per DocType: two entries for the same DocType would overwrite each other). Each module names its
# workflows' states and actions in its own module (e_smart_service/states.py, smart_karupan/workflows.py).
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
WORKFLOWS = ["Service Request", *karupan_workflows.WORKFLOWS]
WORKFLOW_STATES = sorted({*e_smart_service_workflow.STATES, *karupan_workflows.STATES})
WORKFLOW_ACTIONS = sorted({*e_smart_service_workflow.ACTIONS, *karupan_workflows.ACTIONS})
fixtures = [
	{"dt": "Role", "filters": [["role_name", "in", ROLES]]},
	{"dt": "Letter Head", "filters": [["name", "in", ["Non Sa-at Municipality"]]]},
	{"dt": "Workflow State", "filters": [["name", "in", WORKFLOW_STATES]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", WORKFLOW_ACTIONS]]},
	{"dt": "Workflow", "filters": [["name", "in", WORKFLOWS]]},
	# the workspace's mini map (the Executive's dashboard map card: smart_core/workspace, public/js/smart_map.js)
	{"dt": "Custom HTML Block", "filters": [["name", "in", ["Municipal Map"]]]},
]

# --- document events -------------------------------------------------------------------------------
# (Service Request's events reach the asset registers' modules through nonsaad_asset_registers below)
doc_events = {
	# Smart Karupan: municipal asset code, QR payload, GPS check, Thai fiscal-year depreciation defaults
	"Asset": {
		"before_validate": "nonsaad_smart.smart_karupan.asset.before_validate",
		"validate": "nonsaad_smart.smart_karupan.asset.validate",
	},
}

# --- permissions: one permissions.py per module; hooks return None where they have no opinion ---------
permission_query_conditions = {
	# E-Smart Service: a citizen (website user) sees only the requests filed as them
	"Service Request": "nonsaad_smart.e_smart_service.permissions.query_conditions",
	# Smart Karupan: a Stock Check Committee member sees only the checks (and their lines) they sit on
	"Asset Stock Check": "nonsaad_smart.smart_karupan.permissions.get_permission_query_conditions",
	"Asset Stock Check Line": "nonsaad_smart.smart_karupan.permissions.line_query_conditions",
}
has_permission = {
	"Service Request": "nonsaad_smart.e_smart_service.permissions.has_permission",
	"Asset Stock Check": "nonsaad_smart.smart_karupan.permissions.has_permission",
	"Asset Stock Check Line": "nonsaad_smart.smart_karupan.permissions.line_has_permission",
}

# --- overrides -------------------------------------------------------------------------------------
# uploads: every new File is checked by content (and photos re-encoded) before it is written
# (smart_core/uploads.py; the app's pages check their photos with the same helper before any row)
override_doctype_class = {"File": "nonsaad_smart.smart_core.uploads.CheckedFile"}
override_whitelisted_methods = {
	# E-Smart Service: the report web form checks the photo first, merges duplicates, answers the number
	"frappe.website.doctype.web_form.web_form.accept": "nonsaad_smart.e_smart_service.web.accept",
}

# --- request hooks: PDPA, reads of sensitive records over REST are logged like desk views -------------
after_request = ["nonsaad_smart.smart_core.audit.log_api_read"]

# --- scheduled tasks -------------------------------------------------------------------------------
scheduler_events = {
	"daily": [
		"nonsaad_smart.e_smart_service.escalation.escalate_overdue_requests",
		# E-Smart Service: the tracking-number counters of this fiscal year and the next (a job of its own)
		"nonsaad_smart.e_smart_service.tracking.create_counters",
		"nonsaad_smart.smart_karupan.notifications.send_overdue_reminders",
		# Smart Kids: certificates expiring in 90, 30 and 7 days
		"nonsaad_smart.smart_kids.alerts.send_certificate_alerts",
	],
}

# === registries of Non Sa-at Smart (read by smart_core/registry.py, smart_core/gis.py, demo/loader.py) ==
# --- one map: GeoJSON layers served by smart_core.gis.get_layer (see gis.py) --------------------------
nonsaad_map_layers = [
	{
		"villages": {
			"label": "Villages",
			"doctype": "Village",
			"method": "nonsaad_smart.smart_core.gis.village_layer",
			"public": 1,
			"color": "#6a1b9a",
			# a labelled badge (หมู่ number), or the village's area when its boundary is known
			"style": {"shape": "badge", "text_field": "village_no"},
			"popup": [{"field": "village_no"}, {"field": "households"}, {"field": "population"}],
		}
	},
	{
		"street_lights": {
			"label": "Street Lights",
			"doctype": "Street Light Pole",
			"method": "nonsaad_smart.smart_i_pole.api.public_pole_layer",
			"public": 1,
			"color": "#f9a825",
			"style": {
				"shape": "circle",
				"color_by": "status",
				"colors": {"Working": "#2e7d32", "Faulty": "#c62828", "Under Repair": "#ef6c00"},
			},
			"popup": [{"field": "status"}, {"field": "lamp_type"}, {"field": "village"}],
			"links": [
				{
					"label": "Report a problem",
					"url": "/report/new?asset_doctype=Street%20Light%20Pole&asset_name={name}",
					"audience": "public",
				},
				{"label": "Pole page", "url": "/pole/{name}", "audience": "public"},
			],
		}
	},
	# E-Smart Service: open requests (staff only: get_list applies each user's permissions)
	{
		"open_requests": {
			"label": "Open Requests",
			"doctype": "Service Request",
			"method": "nonsaad_smart.e_smart_service.gis.open_request_layer",
			"public": 0,
			"color": "#1565c0",
			"style": {"shape": "square", "color": "#1565c0"},
			"popup": [
				{"field": "service_name"},
				{"field": "workflow_state", "translate": 1},
				{"field": "priority"},
				{"field": "due_date"},
				{"field": "overdue", "label": "Overdue", "type": "Check"},
			],
		}
	},
	# Smart Kids: the child development centres (open data: public facilities)
	{
		"child_development_centres": {
			"label": "Child Development Centres",
			"doctype": "Child Development Centre",
			"method": "nonsaad_smart.smart_kids.api.centre_layer",
			"public": 1,
			"color": "#6a1b9a",
			"style": {"shape": "square", "color": "#6a1b9a"},
			"popup": [
				{"field": "village"},
				{"field": "capacity"},
				{"field": "enrolled_children"},
				{"field": "phone"},
			],
		}
	},
]

# --- asset registers: what a Service Request may be about; E-Smart Service calls the callbacks ---------
# (Smart Terrain adds Road, Drain and Culvert here; until then the demo's DRAIN/POTHOLE/CULVERT service
# types have no register, see e_smart_service/assets.py)
nonsaad_asset_registers = [
	{
		"doctype": "Street Light Pole",
		"code_field": "pole_code",
		"label": "Street Light Pole",
		"map_layer": "street_lights",
		# an accepted report makes the pole Faulty; a settled one with no open work makes it Working
		"on_request_update": "nonsaad_smart.smart_i_pole.events.on_request_update",
	},
]

# --- setup steps: each module's install/migrate step, run in this order by setup/install.py -----------
nonsaad_setup_steps = [
	{
		"name": "smart_karupan",
		"method": "nonsaad_smart.smart_karupan.setup.setup_karupan",
		"on": ["install", "migrate"],
		"before_uninstall": "nonsaad_smart.smart_karupan.setup.remove_karupan_setup",
	},
	# Smart Kids: the national standard's indicators, staff ratio rules and training targets (create-only)
	{
		"name": "smart_kids",
		"method": "nonsaad_smart.smart_kids.setup.setup_kids",
		"on": ["install", "migrate"],
	},
]

# --- citizen links: DocTypes that link a Citizen (citizen 360 view, PDPA export) ----------------------
nonsaad_citizen_links = [
	{
		"doctype": "Service Request",
		"field": "requester",
		"fields": ["service_name", "workflow_state", "submitted_on", "due_date"],
	},
	{"doctype": "Centre Staff", "field": "citizen", "fields": ["centre", "position", "status"]},
]

# --- demo data: each service's loader fn(path) runs after the core loaders (see demo/loader.py) -------
nonsaad_demo_loaders = [
	"nonsaad_smart.e_smart_service.demo.load",
	# after E-Smart Service's loader: the demo requests about poles need its Service Types
	"nonsaad_smart.smart_i_pole.demo.load",
	"nonsaad_smart.smart_karupan.demo.load",
	"nonsaad_smart.smart_kids.demo.load",
]

# --- Security (issue 9): trusted client address, CSRF for citizens, security headers, uploads ----------
# the client address from the proxy hop we trust (site config nonsaad_trusted_proxies), before anything
# (rate limits, login lock-out) reads frappe.local.request_ip: smart_core/client_ip.py
before_request = [
	*globals().get("before_request", []),
	"nonsaad_smart.smart_core.client_ip.set_request_ip",
	"nonsaad_smart.smart_core.web_security.require_csrf_for_website_users",
	"nonsaad_smart.smart_core.web_security.refuse_rest_list_of_single",
]
after_request.append("nonsaad_smart.smart_core.web_security.add_security_headers")
doc_events.setdefault("File", {})["validate"] = "nonsaad_smart.smart_core.web_security.refuse_public_upload"

# --- PDPA and server-side rights (smart_core/field_access.py, audit.py, write_rights.py) ------------------
# sensitive DocTypes: every read path writes the PDPA read log (View Log / Access Log); modules add theirs
nonsaad_sensitive_doctypes = ["Citizen"]
# counts, lists, group-by, search, stats, exports: the list's row rules and no filter/sort on unreadable fields
# (underscore names: Frappe does not read them as hooks)
from nonsaad_smart.smart_core import audit as _audit
from nonsaad_smart.smart_core import field_access as _field_access
from nonsaad_smart.smart_core import write_rights as _write_rights

override_whitelisted_methods.update(_field_access.COUNT_AND_LIST_METHODS)
override_whitelisted_methods.update(_audit.PRINT_METHODS)
# generic writes: no system field set by hand, workflow "allow edit" role, role field rights
override_whitelisted_methods.update(_write_rights.WRITE_METHODS)
before_request = [
	*globals().get("before_request", []),
	"nonsaad_smart.smart_core.write_rights.before_request",
]
# child rows follow their parent's row-level rules (get_list on a child DocType with parent=...)
permission_query_conditions = globals().get("permission_query_conditions", {})
for _child in (
	"Service Request Report",
	"Service Request Status Log",
	"Asset Stock Check Committee Member",
	"Asset Stock Check Department",
	"Asset Stock Check Location",
	"Asset Stock Check Summary",
	"Asset Disposal Item",
	"Pole Repair Part",
):
	permission_query_conditions[_child] = "nonsaad_smart.smart_core.field_access.child_query_conditions"
# a Repair Technician reads and writes only the requests and repairs assigned to them
has_permission["Pole Repair"] = "nonsaad_smart.smart_i_pole.permissions.has_permission"
permission_query_conditions["Pole Repair"] = "nonsaad_smart.smart_i_pole.permissions.query_conditions"
# roles that write only some fields of a DocType (smart_core/write_rights.py check_role_fields)
nonsaad_role_field_rights = [{"Asset Stock Check": {"Stock Check Committee": ["findings"]}}]

# --- Auditor (smart_core/auditor.py): reads the trail of the app's DocTypes, writes nothing ---------
permission_query_conditions.update(
	{
		"Version": "nonsaad_smart.smart_core.auditor.version_conditions",
		"View Log": "nonsaad_smart.smart_core.auditor.view_log_conditions",
		"Access Log": "nonsaad_smart.smart_core.auditor.access_log_conditions",
		"Activity Log": "nonsaad_smart.smart_core.auditor.activity_log_conditions",
		"Deleted Document": "nonsaad_smart.smart_core.auditor.deleted_document_conditions",
	}
)
has_permission.update(
	{
		log: "nonsaad_smart.smart_core.auditor.has_log_permission"
		for log in ("Version", "View Log", "Access Log", "Activity Log", "Deleted Document")
	}
)
# a comment is a write: only those who may change the record comment on it
override_whitelisted_methods["frappe.desk.form.utils.add_comment"] = (
	"nonsaad_smart.smart_core.auditor.add_comment"
)

# --- Smart Karupan: the Asset form prints the QR label of its asset ------------------------------------
doctype_js["Asset"] = "smart_karupan/js/asset.js"

# --- Buddhist-era dates for Thai readers (smart_core/be_calendar.py, public/js/thai_date.js) -------
# the framework's date formatters print BE years for a Thai reader (prints, web pages, exports);
# dates stay CE in the database and the API
before_request = [*globals().get("before_request", []), "nonsaad_smart.smart_core.be_calendar.install"]
before_job = [*globals().get("before_job", []), "nonsaad_smart.smart_core.be_calendar.install"]
# .BEYYYY. / .BEYY. / .BEFY. (BE fiscal year) in naming series: PRP-2570-00001, ADR-2570-0001
naming_series_variables = {
	"BEYYYY": "nonsaad_smart.smart_core.be_calendar.naming_variable",
	"BEYY": "nonsaad_smart.smart_core.be_calendar.naming_variable",
	"BEFY": "nonsaad_smart.smart_core.be_calendar.naming_variable",
}
# ERPNext DocTypes Thai users read (Karupan's register, its movements, disposal entries): BE series too
nonsaad_be_naming_series = ["Asset", "Asset Movement", "Journal Entry", "Sales Invoice"]

# --- Brand: the municipality's name, logo and footer everywhere, never the framework's (setup/brand.py) --
# (the desk logo, site name, footer line and e-mail footer are settings, set in code by setup/brand.py)
app_logo_url = "/assets/nonsaad_smart/images/nonsaad-logo.svg"
add_to_apps_screen = [
	{
		"name": "nonsaad_smart",
		"logo": "/assets/nonsaad_smart/images/nonsaad-logo.svg",
		"title": "Non Sa-at Smart",
		"route": "/app/non-sa-at-smart",
		# citizens (website users) are never sent to the desk
		"has_permission": "nonsaad_smart.setup.brand.has_desk_app_permission",
	}
]
# later apps win for these keys: ERPNext's favicon and splash image are replaced
website_context = {
	"favicon": "/assets/nonsaad_smart/images/nonsaad-favicon.svg",
	"splash_image": "/assets/nonsaad_smart/images/nonsaad-logo.svg",
}
# the framework's base.html without the upstream name in the page source
base_template = "nonsaad_smart/templates/nonsaad_base.html"
app_include_js.append("/assets/nonsaad_smart/js/brand.js")
# municipal staff see only their services' workspaces (Module Profile per role group)
doc_events.setdefault("User", {})["before_validate"] = (
	"nonsaad_smart.setup.module_profiles.apply_module_profile"
)
# framework/ERPNext modules a role works in, besides the app's own (setup/module_profiles.py)
nonsaad_desk_modules = {"Supplies Officer": ["Assets"]}

# === Smart Pet / issue 15 ===========================================================================
# dogs and cats registered, rabies vaccination coverage per village, bites and strays followed up
from nonsaad_smart.smart_pet import workflows as pet_workflows

WORKFLOWS.extend(pet_workflows.WORKFLOWS)
WORKFLOW_STATES.extend(s for s in pet_workflows.STATES if s not in WORKFLOW_STATES)
WORKFLOW_ACTIONS.extend(a for a in pet_workflows.ACTIONS if a not in WORKFLOW_ACTIONS)
nonsaad_map_layers.append(
	{
		# open data, aggregated per village (a village's centre point, never an owner's home)
		"rabies_coverage": {
			"label": "Rabies Vaccination Coverage",
			"doctype": "Village",
			"method": "nonsaad_smart.smart_pet.api.coverage_layer",
			"public": 1,
			"color": "#2e7d32",
			"depends_on": ["Pet", "Rabies Vaccination"],
			"style": {
				"shape": "circle",
				"color_by": "band",
				"colors": {
					"Target Reached": "#2e7d32",
					"Below Target": "#f9a825",
					"Campaign Needed": "#c62828",
				},
			},
			"popup": [
				{"field": "coverage", "label": "Coverage %", "type": "Percent"},
				{"field": "dogs", "label": "Registered Living Dogs", "type": "Int"},
				{"field": "vaccinated", "label": "Vaccinated in 12 Months", "type": "Int"},
				{"field": "band", "label": "Band", "type": "Data", "translate": 1},
			],
		}
	}
)
nonsaad_citizen_links.extend(
	[
		{"doctype": "Pet", "field": "pet_owner", "fields": ["pet_name", "species", "status", "next_due"]},
		{"doctype": "Bite Incident", "field": "victim", "fields": ["bitten_at", "place", "workflow_state"]},
	]
)
nonsaad_demo_loaders.append("nonsaad_smart.smart_pet.demo.load")
nonsaad_sensitive_doctypes.extend(["Pet", "Bite Incident"])
for _dt in ("Pet", "Rabies Vaccination", "Bite Incident"):
	# a citizen: only their own pets, their pets' vaccinations, the bites they suffered or their pet caused
	permission_query_conditions[_dt] = "nonsaad_smart.smart_pet.permissions.query_conditions"
	has_permission[_dt] = "nonsaad_smart.smart_pet.permissions.has_permission"
for _child in ("Bite Observation", "Vaccination Campaign Village"):
	permission_query_conditions[_child] = "nonsaad_smart.smart_core.field_access.child_query_conditions"
scheduler_events["daily"].extend(
	[
		"nonsaad_smart.smart_pet.alerts.send_booster_reminders",
		"nonsaad_smart.smart_pet.alerts.send_observation_alerts",
	]
)
portal_menu_items.append({"title": "My pets", "route": "/my-pets", "role": "Citizen"})
nonsaad_overview_figures = globals().get("nonsaad_overview_figures", [])
nonsaad_overview_figures.extend(
	[
		{
			"service": "Smart Pet",
			"label": "Rabies vaccinations",
			"doctype": "Rabies Vaccination",
			"date_field": "vaccination_date",
			"filters": {"docstatus": 1},
			"route": "/app/rabies-vaccination",
		},
		{
			"service": "Smart Pet",
			"label": "Dog vaccination coverage %",
			"method": "nonsaad_smart.smart_pet.api.municipal_coverage",
			"route": "/app/query-report/Rabies Vaccination Coverage",
		},
		{
			"service": "Smart Pet",
			"label": "Bite incidents",
			"doctype": "Bite Incident",
			"date_field": "bitten_at",
			"filters": {},
			"route": "/app/bite-incident",
		},
	]
)
nonsaad_open_datasets = globals().get("nonsaad_open_datasets", [])
nonsaad_open_datasets.append(
	{
		"name": "vaccination-coverage",
		"title": "Rabies vaccination coverage by village and month",
		"method": "nonsaad_smart.smart_pet.api.coverage_dataset",
		"count_column": "dogs",
		"columns": [
			{"name": "month", "type": "string", "en": "Month (YYYY-MM, CE)", "th": "เดือน (ปี ค.ศ.-เดือน)"},
			{"name": "village", "type": "string", "en": "Village", "th": "หมู่บ้าน"},
			{"name": "village_no", "type": "integer", "en": "Village number (Moo)", "th": "หมู่ที่"},
			{
				"name": "dogs",
				"type": "integer",
				"en": "Registered living dogs",
				"th": "สุนัขที่ขึ้นทะเบียนและยังมีชีวิต",
			},
			{
				"name": "vaccinated",
				"type": "integer",
				"en": "Dogs vaccinated in the last 12 months",
				"th": "สุนัขที่ได้รับวัคซีนในรอบ 12 เดือน",
			},
			{"name": "coverage_percent", "type": "number", "en": "Coverage (%)", "th": "ความครอบคลุม (%)"},
		],
	}
)
