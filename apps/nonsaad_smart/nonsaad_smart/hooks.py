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
		"nonsaad_smart.smart_kids.alerts.send_staff_certificate_alerts",
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
			# what the map derives from a feature's data (its properties: name, village, status, lamp_type)
			# is declared here once, not carried by 10 000 features: the title ({field}: the popup's
			# display value, i.e. the status translated), the colour by status, the pole page in `links`
			"title": "{name} – {status}",
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

# --- demo data: each service's loader fn(path) runs after the core loaders (see demo/loader.py), in 2
# parallel lanes (demo/lanes.py): "after" = loaders it needs (their data or a counter both number: then
# they must not run at once), "weight" = its cost (≈ seconds on an idle machine) to balance the lanes
_E_SMART_DEMO = "nonsaad_smart.e_smart_service.demo.load"
_KARUPAN_DEMO = "nonsaad_smart.smart_karupan.demo.load"
nonsaad_demo_loaders = [
	{"method": _E_SMART_DEMO, "weight": 4},
	# the demo requests about poles need E-Smart Service's Service Types, and number in its SR- series
	{"method": "nonsaad_smart.smart_i_pole.demo.load", "after": [_E_SMART_DEMO], "weight": 6},
	{"method": _KARUPAN_DEMO, "weight": 16},
	{"method": "nonsaad_smart.smart_kids.demo.load", "weight": 1.5},
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
# the history (timeline Versions, a Version or Deleted Document opened or printed): values masked per viewer
override_whitelisted_methods.update(_field_access.HISTORY_METHODS)
override_doctype_class.update(
	{
		"Version": "nonsaad_smart.smart_core.field_access.MaskedVersion",
		"Deleted Document": "nonsaad_smart.smart_core.field_access.MaskedDeletedDocument",
	}
)
# a print holds only what its reader may read (a Jinja format prints fields as stored; the print page's title)
doc_events.setdefault("*", {})["before_print"] = "nonsaad_smart.smart_core.field_access.print_as_read"
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
		# the same on every municipality's site (hidden in the navbar: setup/brand.py); the workspace's
		# title and the About dialog are the site's own app title (Smart Settings)
		"title": "Smart Government",
		"route": "/app/smart-government",
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

# === Performance / issue 11 (docs/performance.md) ===================================================
# caches kept in step with the database: a map layer is dropped when a record of its doctype (or
# `depends_on`) changes; process caches (boundary, villages, service types, holidays) on their DocType
_any_doc_events = doc_events.setdefault("*", {})
for _event in ("on_change", "on_trash", "after_delete", "after_rename"):
	_current = _any_doc_events.get(_event) or []
	_any_doc_events[_event] = [
		*([_current] if isinstance(_current, str) else _current),
		"nonsaad_smart.smart_core.gis.invalidate_layer_cache",
		"nonsaad_smart.smart_core.cache.on_doc_change",
	]
# large JSON answers are gzipped when the client accepts it (after the audit hook has read them)
after_request.append("nonsaad_smart.smart_core.compression.gzip_response")
# Frappe's Workflow Action rows of a new Service Request are written after the commit (smart_core/deferred.py)
before_request.append("nonsaad_smart.smart_core.deferred.install")
before_job.append("nonsaad_smart.smart_core.deferred.install")

# === Reliability suite (issue 18) ==================================================================
# Smart Kids: a Centre Head who heads no centre reads no centre's records (User Permissions apply only
# to users who have one); the permission matrix test tries it with a second Centre Head
for _dt in (
	"Child Development Centre",
	"Centre Staff",
	"Staff Training",
	"Staff Certificate",
	"Centre Evaluation",
):
	permission_query_conditions[_dt] = "nonsaad_smart.smart_kids.permissions.query_conditions"
	has_permission[_dt] = "nonsaad_smart.smart_kids.permissions.has_permission"
# Smart Core: a citizen (website user) without a linked Citizen record reads no resident's record
permission_query_conditions["Citizen"] = "nonsaad_smart.smart_core.citizen_rows.query_conditions"
has_permission["Citizen"] = "nonsaad_smart.smart_core.citizen_rows.has_permission"

# === Open data, performance page, the citizen closes the loop, the auditor (issue 17, second half) ====
# --- open data (smart_core/open_data.py): datasets aggregated per village/month, k-anonymity applied by
# the framework; other modules append theirs (COMMON contract 3)
from nonsaad_smart.smart_core.open_data import columns as open_data_columns

nonsaad_open_datasets = [*globals().get("nonsaad_open_datasets", [])]
page_renderer.append("nonsaad_smart.smart_core.open_data.OpenDataPage")
# E-Smart Service: requests by village, month, service type and state
_request_month = (
	"month",
	{"en": "Month of submission (YYYY-MM, Gregorian)", "th": "เดือนที่ยื่นเรื่อง (ปี ค.ศ.-เดือน)"},
)
_request_village_no = (
	"village_no",
	{"en": "Village number (Moo); empty when not located", "th": "หมู่ที่ (ว่างเมื่อไม่ระบุที่ตั้ง)"},
)
nonsaad_open_datasets.append(
	{
		"name": "service-requests",
		"title": "Service requests by village, month, service type and state",
		"description": "The number of complaints, petitions, applications and repair reports filed with "
		"the municipality, per village (หมู่), month of submission, service type and workflow state.",
		"method": "nonsaad_smart.e_smart_service.open_data.requests_by_village_and_month",
		"count_column": "requests",
		"keywords": ["service requests", "complaints", "E-Smart Service"],
		"columns": open_data_columns(
			_request_month,
			_request_village_no,
			"village",
			"service_type",
			"service_name",
			("state", "string", "Workflow state (English)", "สถานะของเรื่อง (ภาษาอังกฤษ)"),
			("state_th", "string", "Workflow state (Thai)", "สถานะของเรื่อง"),
			"requests",
		),
	}
)
# E-Smart Service: the same counts coarser (per type and month; per village and month), so that a
# small village's requests are not all suppressed
nonsaad_open_datasets.extend(
	[
		{
			"name": "service-requests-by-type",
			"title": "Service requests by service type and month",
			"method": "nonsaad_smart.e_smart_service.open_data.requests_by_type_and_month",
			"count_column": "requests",
			"keywords": ["service requests", "E-Smart Service"],
			"columns": open_data_columns(_request_month, "service_type", "service_name", "requests"),
		},
		{
			"name": "service-requests-by-village",
			"title": "Service requests by village and month",
			"method": "nonsaad_smart.e_smart_service.open_data.requests_by_village_per_month",
			"count_column": "requests",
			"keywords": ["service requests", "E-Smart Service"],
			"columns": open_data_columns(_request_month, _request_village_no, "village", "requests"),
		},
	]
)
# E-Smart Service on the Executive overview (COMMON contract 2): what citizens say of the fixes
nonsaad_overview_figures = [*globals().get("nonsaad_overview_figures", [])]
nonsaad_overview_figures.extend(
	[
		{
			"service": "E-Smart Service",
			"label": "Citizens' average rating (1-5)",
			"method": "nonsaad_smart.e_smart_service.performance.average_rating",
			"doctype": "Service Request",  # shown only to those who read requests
			"route": "/performance",
		},
		{
			"service": "E-Smart Service",
			"label": "Requests reopened by the citizen (%)",
			"method": "nonsaad_smart.e_smart_service.performance.reopen_rate",
			"doctype": "Service Request",  # shown only to those who read requests
			"route": "/performance",
		},
	]
)
# Smart I Pole: street lights working per village
nonsaad_open_datasets.append(
	{
		"name": "street-lights",
		"title": "Street lights working per village",
		"description": "Street-light poles in service per village (หมู่) and how many of them work today.",
		"method": "nonsaad_smart.smart_i_pole.open_data.lights_per_village",
		"count_column": "poles",
		"keywords": ["street lights", "infrastructure", "Smart I Pole"],
		"columns": open_data_columns(
			"village_no",
			"village",
			("poles", "integer", "Street-light poles in service", "จำนวนเสาไฟฟ้าส่องสว่างที่ใช้งาน"),
			("working", "integer", "Poles whose light works", "จำนวนเสาที่ไฟติด"),
			("faulty", "integer", "Poles reported faulty", "จำนวนเสาที่ชำรุด"),
			("under_repair", "integer", "Poles under repair", "จำนวนเสาที่อยู่ระหว่างซ่อม"),
			("working_percent", "number", "Share of poles working (%)", "ร้อยละของเสาที่ไฟติด"),
		),
	}
)
# --- the auditor (smart_core/audit_trail.py, evidence.py, report "Audit Trail"): the audit logs are kept
# at least 2 years (Log Settings, raised on install and migrate, never lowered)
nonsaad_setup_steps.append(
	{
		"name": "audit_log_retention",
		"method": "nonsaad_smart.smart_core.audit_trail.setup_log_retention",
		"on": ["install", "migrate"],
	}
)

# === One municipality, one system (issue 17, part 1): Citizen 360, one map, Executive overview ============
# the map's search box also finds E-Smart Service's tracking numbers (smart_core/onemap.py search; staff only)
nonsaad_map_search = globals().get("nonsaad_map_search", [])
nonsaad_map_search.append(
	{"doctype": "Service Request", "field": "name", "label": "Service Request", "layer": "open_requests"}
)
# the villages are a base layer: drawn first, they show the municipality without internet tiles
for _layer in nonsaad_map_layers:
	if "villages" in _layer:
		_layer["villages"].update({"base": 1, "group": "Base map"})
# the Executive overview (smart_core/overview.py): the existing services' figures per month
nonsaad_overview_figures = globals().get("nonsaad_overview_figures", [])
nonsaad_overview_figures.extend(
	[
		{
			"service": "E-Smart Service",
			"label": "Requests received",
			"doctype": "Service Request",
			"date_field": "submitted_on",
			"filters": {},
			"route": "/app/service-request",
		},
		{
			"service": "E-Smart Service",
			"label": "Requests resolved",
			"doctype": "Service Request",
			"date_field": "resolved_on",
			"filters": {},
			"route": "/app/service-request?workflow_state=Resolved",
		},
		{
			"service": "E-Smart Service",
			"label": "Resolved within due date %",
			"method": "nonsaad_smart.e_smart_service.dashboard.sla_compliance_between",
			"doctype": "Service Request",
			"route": "/app/service-request/view/report",
		},
		{
			"service": "Smart I Pole",
			"label": "Street light repairs completed",
			"doctype": "Pole Repair",
			"date_field": "end_datetime",
			"filters": {"docstatus": 1},
			"route": "/app/pole-repair",
		},
		{
			"service": "Smart Karupan",
			"label": "Assets registered",
			"doctype": "Asset",
			"date_field": "purchase_date",
			"filters": {"docstatus": 1},
			"route": "/app/asset",
		},
		{
			"service": "Smart Karupan",
			"label": "Asset disposals completed",
			"doctype": "Asset Disposal Request",
			"date_field": "completed_on",
			"filters": {},
			"route": "/app/asset-disposal-request",
		},
		{
			"service": "Smart Kids",
			"label": "Staff trainings",
			"doctype": "Staff Training",
			"date_field": "end_date",
			"filters": {},
			"route": "/app/staff-training",
		},
		{
			"service": "Smart Kids",
			"label": "Centre evaluations",
			"doctype": "Centre Evaluation",
			"date_field": "evaluation_date",
			"filters": {"docstatus": 1},
			"route": "/app/centre-evaluation",
		},
	]
)
# the Executive overview workspace's block (a fixture, like the Municipal Map)
for _fixture in fixtures:
	if _fixture["dt"] == "Custom HTML Block":
		_fixture["filters"][0][2].append("Executive Overview")

# === Smart Terrain / issue 12: roads, drains, culverts, flood points, surveys, maintenance works ======
from nonsaad_smart.smart_terrain import workflows as terrain_workflows

WORKFLOWS.extend(terrain_workflows.WORKFLOWS)
WORKFLOW_STATES.extend(s for s in terrain_workflows.STATES if s not in WORKFLOW_STATES)
WORKFLOW_ACTIONS.extend(a for a in terrain_workflows.ACTIONS if a not in WORKFLOW_ACTIONS)
_terrain_condition_style = {
	"shape": "line",
	"color_by": "condition_class",
	"colors": {"Good": "#2e7d32", "Fair": "#f9a825", "Poor": "#ef6c00", "Very Poor": "#c62828"},
}
nonsaad_map_layers.append(
	{
		"roads": {
			"label": "Roads",
			"doctype": "Road",
			"method": "nonsaad_smart.smart_terrain.api.road_layer",
			"public": 1,
			"color": "#757575",
			"style": {**_terrain_condition_style, "weight": 5},
			"popup": [
				{"field": "road_name"},
				{"field": "surface"},
				{"field": "length_m"},
				{"field": "paser"},
				{"field": "condition_class"},
			],
			"links": [
				{
					"label": "Report a problem",
					"url": "/report/new?asset_doctype=Road&asset_name={name}",
					"audience": "public",
				}
			],
		}
	}
)
nonsaad_map_layers.append(
	{
		"drains": {
			"label": "Drains",
			"doctype": "Drain",
			"method": "nonsaad_smart.smart_terrain.api.drain_layer",
			"public": 1,
			"color": "#0277bd",
			"style": {**_terrain_condition_style, "weight": 3, "dash": "4 4"},
			"popup": [{"field": "drain_type"}, {"field": "material"}, {"field": "condition_class"}],
			"links": [
				{
					"label": "Report a problem",
					"url": "/report/new?asset_doctype=Drain&asset_name={name}",
					"audience": "public",
				}
			],
		}
	}
)
nonsaad_map_layers.append(
	{
		"culverts": {
			"label": "Culverts",
			"doctype": "Culvert",
			"method": "nonsaad_smart.smart_terrain.api.culvert_layer",
			"public": 1,
			"color": "#1565c0",
			"style": {
				"shape": "square",
				"color_by": "condition_class",
				"colors": _terrain_condition_style["colors"],
			},
			"popup": [{"field": "road"}, {"field": "material"}, {"field": "condition_class"}],
			"links": [
				{
					"label": "Report a problem",
					"url": "/report/new?asset_doctype=Culvert&asset_name={name}",
					"audience": "public",
				}
			],
		}
	}
)
nonsaad_map_layers.append(
	{
		"flood_points": {
			"label": "Flood Points",
			"doctype": "Flood Point",
			"method": "nonsaad_smart.smart_terrain.api.flood_layer",
			"public": 1,
			"color": "#00838f",
			"style": {"shape": "circle", "color": "#00838f"},
			"popup": [{"field": "depth_cm"}, {"field": "cause"}, {"field": "last_seen"}],
		}
	}
)
# a report of a pothole/blocked drain/broken culvert lands on the asset: picked on the map, or snapped to
# the nearest within Terrain Settings' snap distance (`nearest`, read by e_smart_service/assets.py)
nonsaad_asset_registers.extend(
	[
		{
			"doctype": doctype,
			"code_field": "name",
			"label": doctype,
			"map_layer": layer,
			"nearest": f"nonsaad_smart.smart_terrain.api.nearest_{layer[:-1]}",
			"on_report": "nonsaad_smart.smart_terrain.events.on_report",
			"on_request_update": "nonsaad_smart.smart_terrain.events.on_request_update",
		}
		for doctype, layer in (("Road", "roads"), ("Drain", "drains"), ("Culvert", "culverts"))
	]
)
nonsaad_setup_steps.append(
	{
		"name": "smart_terrain",
		"method": "nonsaad_smart.smart_terrain.setup.setup_terrain",
		"on": ["install", "migrate"],
		"before_uninstall": "nonsaad_smart.smart_terrain.setup.remove_terrain_setup",
	}
)
# after E-Smart Service's loader: the demo requests about roads/drains/culverts are linked and repaired
nonsaad_demo_loaders.append(
	{"method": "nonsaad_smart.smart_terrain.demo.load", "after": [_E_SMART_DEMO], "weight": 4.5}
)
# a Repair Technician reads and writes only the works they lead
has_permission["Maintenance Work"] = "nonsaad_smart.smart_terrain.permissions.has_permission"
permission_query_conditions["Maintenance Work"] = "nonsaad_smart.smart_terrain.permissions.query_conditions"
for _child in ("Road Segment", "Road Village", "Condition Survey Photo"):
	permission_query_conditions[_child] = "nonsaad_smart.smart_core.field_access.child_query_conditions"
# executive overview (issue 17) and open data (issue 17)
nonsaad_overview_figures = globals().get("nonsaad_overview_figures", [])
nonsaad_overview_figures.extend(
	[
		{
			"service": "Smart Terrain",
			"label": "Km of road in poor condition",
			"method": "nonsaad_smart.smart_terrain.api.poor_road_km",
			"route": "/app/road?condition_class=%5B%22in%22%2C%5B%22Poor%22%2C%22Very%20Poor%22%5D%5D",
		},
		{
			"service": "Smart Terrain",
			"label": "Maintenance works completed",
			"doctype": "Maintenance Work",
			"date_field": "completed_on",
			"filters": {"docstatus": 1},
			"route": "/app/maintenance-work",
		},
	]
)
nonsaad_open_datasets = globals().get("nonsaad_open_datasets", [])
nonsaad_open_datasets.append(
	{
		"name": "road-condition",
		"title": "Kilometres of road by condition per village",
		"method": "nonsaad_smart.smart_terrain.api.km_by_condition",
		"count_column": "roads",
		"columns": open_data_columns(
			"village",
			("condition", "string", "Condition", "สภาพ"),
			("roads", "integer", "Roads", "จำนวนสายทาง"),
			("km", "number", "Kilometres", "ระยะทาง (กม.)"),
		),
	}
)

# === Smart EMS / issue 13 ==========================================================================
# the 1669 ambulance service: dispatch rule under row locks (smart_ems/dispatch.py), time chain
# (smart_ems/chain.py, timechain.py), crew certificates, vehicle checks, dispatch map, reports
nonsaad_setup_steps.append(
	{
		"name": "smart_ems",
		"method": "nonsaad_smart.smart_ems.setup.setup_ems",
		"on": ["install", "migrate"],
		"before_uninstall": "nonsaad_smart.smart_ems.setup.remove_ems_setup",
	}
)
nonsaad_citizen_links.extend(
	[
		{
			"doctype": "EMS Incident",
			"field": "patient",
			"fields": ["call_received", "triage", "status", "outcome"],
		},
		{
			"doctype": "EMS Crew Member",
			"field": "citizen",
			"fields": ["level", "certificate_expiry", "active"],
		},
	]
)
# after Karupan's: the ambulances are ERPNext Assets (Asset and Asset Movement series Karupan numbers too)
# at the vehicle park Karupan's loader places
nonsaad_demo_loaders.append(
	{"method": "nonsaad_smart.smart_ems.demo.load", "after": [_KARUPAN_DEMO], "weight": 2}
)
# incidents per village over the last 12 months (counts only) on the desk map, for EMS and executive staff
nonsaad_map_layers.append(
	{
		"ems_incidents_by_village": {
			"label": "EMS Incidents per Village",
			"method": "nonsaad_smart.smart_ems.api.village_incident_layer",
			"public": 0,
			"roles": ["EMS Dispatcher", "Executive", "Municipal Admin", "System Manager"],
			"color": "#c62828",
			"style": {"shape": "badge", "text_field": "incidents", "color": "#c62828"},
			"popup": [
				{"field": "incidents", "label": "Incidents", "type": "Int"},
				{"field": "red_cases", "label": "Red Cases", "type": "Int"},
			],
			"depends_on": ["EMS Incident"],
		}
	}
)
# EMS Incident is health data: every read is logged (PDPA)
nonsaad_sensitive_doctypes.extend(["EMS Incident"])
# EMS Crew sees only the incidents they ride on
permission_query_conditions["EMS Incident"] = "nonsaad_smart.smart_ems.permissions.incident_query_conditions"
has_permission["EMS Incident"] = "nonsaad_smart.smart_ems.permissions.incident_has_permission"
for _child in ("EMS Incident Crew", "EMS Time Correction", "EMS Shift Crew", "Vehicle Check Item"):
	permission_query_conditions[_child] = "nonsaad_smart.smart_core.field_access.child_query_conditions"
# crew certificates expiring within 90 days: dispatchers and the crew member are notified
scheduler_events["daily"].append("nonsaad_smart.smart_ems.alerts.send_certificate_alerts")
# executive overview (contract 2): incidents per month, and the 8-minute compliance of red cases
nonsaad_overview_figures = [
	*globals().get("nonsaad_overview_figures", []),
	{
		"service": "Smart EMS",
		"label": "EMS incidents",
		"doctype": "EMS Incident",
		"date_field": "call_received",
		"filters": {"status": ("!=", "Cancelled")},
		"route": "/app/ems-incident",
	},
	{
		"service": "Smart EMS",
		"label": "Red cases reached within 8 minutes (%)",
		"method": "nonsaad_smart.smart_ems.api.eight_minute_compliance",
		"route": "/app/query-report/EMS Eight Minute Compliance",
	},
]

# === Smart Care / issue 14 ===========================================================================
# elderly and disabled people, allowances, ADL, care plans, home visits (smart_care/, docs/smart-care.md)
from nonsaad_smart.smart_care import workflows as care_workflows

WORKFLOWS.extend(care_workflows.WORKFLOWS)
WORKFLOW_STATES.extend(s for s in care_workflows.STATES if s not in WORKFLOW_STATES)
WORKFLOW_ACTIONS.extend(a for a in care_workflows.ACTIONS if a not in WORKFLOW_ACTIONS)
nonsaad_setup_steps.append(
	{
		"name": "smart_care",
		"method": "nonsaad_smart.smart_care.setup.setup_care",
		"on": ["install", "migrate"],
		"before_uninstall": "nonsaad_smart.smart_care.setup.remove_care_setup",
	}
)
nonsaad_map_layers.append(
	{
		# staff only: persons per ADL group per village, counted through each user's row rules
		"care_adl_by_village": {
			"label": "Care Persons by ADL Group",
			"doctype": "Care Person",
			"method": "nonsaad_smart.smart_care.api.adl_village_layer",
			"public": 0,
			"color": "#ad1457",
			"style": {
				"shape": "circle",
				"color_by": "dominant",
				"colors": {"Bedbound": "#c62828", "Homebound": "#ef6c00", "Social": "#2e7d32"},
			},
			"popup": [
				{"field": "bedbound", "label": "Bedbound"},
				{"field": "homebound", "label": "Homebound"},
				{"field": "social", "label": "Social"},
				{"field": "not_assessed", "label": "Not assessed"},
			],
		}
	}
)
nonsaad_map_layers.append(
	{
		# contract 4: Smart EMS's dispatch map; the method checks the roles (minimal data, no ID/phone/health)
		"vulnerable_homes": {
			"label": "Homes of Bedbound and Homebound Persons",
			"doctype": "Care Person",
			"method": "nonsaad_smart.smart_care.api.vulnerable_homes_layer",
			"public": 0,
			"roles": ["EMS Dispatcher", "EMS Crew", "Social Welfare Officer", "Care Manager"],
			"dispatch": 1,
			"color": "#c62828",
			"style": {
				"shape": "circle",
				"color_by": "adl_group",
				"colors": {"Bedbound": "#c62828", "Homebound": "#ef6c00"},
			},
			"popup": [
				{"field": "adl_group", "translate": 1},
				{"field": "village"},
				{"field": "house_no", "label": "House No."},
			],
		}
	}
)
nonsaad_citizen_links.append(
	{"doctype": "Care Person", "field": "citizen", "fields": ["kind", "status", "adl_group", "village"]}
)
nonsaad_demo_loaders.append({"method": "nonsaad_smart.smart_care.demo.load", "weight": 3})
nonsaad_sensitive_doctypes.extend(
	[
		"Care Person",
		"ADL Assessment",
		"Home Visit",
		"Care Plan",
		"Allowance Registration",
		"Allowance Payment Line",
	]
)
for _care_dt in ("Care Person",):
	permission_query_conditions[_care_dt] = "nonsaad_smart.smart_care.permissions.person_query_conditions"
	has_permission[_care_dt] = "nonsaad_smart.smart_care.permissions.person_has_permission"
for _care_dt in ("ADL Assessment", "Care Plan", "Home Visit"):
	permission_query_conditions[_care_dt] = "nonsaad_smart.smart_care.permissions.record_query_conditions"
	has_permission[_care_dt] = "nonsaad_smart.smart_care.permissions.record_has_permission"
# the caregivers table is a child of Care Person and Care Plan: its rows follow their parent's rules
permission_query_conditions["Care Person Caregiver"] = (
	"nonsaad_smart.smart_core.field_access.child_query_conditions"
)
# a caregiver updates the family contact and living situation of their persons, not the care team or bank
nonsaad_role_field_rights.append(
	{
		"Care Person": {
			"Caregiver": [
				"living_situation",
				"family_contact_name",
				"family_contact_relation",
				"family_contact_phone",
			]
		}
	}
)
scheduler_events["daily"].append("nonsaad_smart.smart_care.visits.send_overdue_visit_alerts")
# contract 2 (executive overview) and contract 3 (open data), lists defined by issue 17
nonsaad_overview_figures = [
	*globals().get("nonsaad_overview_figures", []),
	{
		"service": "Smart Care",
		"label": "Home visits",
		"doctype": "Home Visit",
		"date_field": "check_in_time",
		"filters": {},
		"route": "/app/home-visit",
	},
	{
		"service": "Smart Care",
		"label": "Allowance payments",
		"doctype": "Allowance Payment Line",
		"date_field": "month",
		"filters": {},
		"route": "/app/allowance-payment-run",
	},
	{
		"service": "Smart Care",
		"label": "Vulnerable persons visited on time (%)",
		"method": "nonsaad_smart.smart_care.api.overview_visits_on_time",
		"route": "/app/query-report/Overdue Home Visits",
	},
]
nonsaad_open_datasets = [
	*globals().get("nonsaad_open_datasets", []),
	{
		"name": "allowance-counts",
		"title": "Elderly and disability allowances paid by village and month",
		"method": "nonsaad_smart.smart_care.api.allowance_counts",
		"count_column": "persons",
		"columns": open_data_columns(
			"village",
			"month",
			("allowance_kind", "string", "Allowance kind", "ประเภทเบี้ยยังชีพ"),
			("persons", "integer", "Persons paid", "จำนวนผู้รับเบี้ย (คน)"),
			("amount", "number", "Baht paid", "จำนวนเงินที่จ่าย (บาท)"),
		),
	},
]
# a citizen (website user) sees their own allowance status and payments
portal_menu_items.append({"title": "My allowance", "route": "/my-allowance", "role": "Citizen"})
# the payment run's signed summary print (print format "Allowance Payment Summary")
jinja["methods"].append("nonsaad_smart.smart_care.printing.payment_run_summary")

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
nonsaad_demo_loaders.append({"method": "nonsaad_smart.smart_pet.demo.load", "weight": 1})
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
		"columns": open_data_columns(
			"month",
			"village",
			"village_no",
			("dogs", "integer", "Registered living dogs", "สุนัขที่ขึ้นทะเบียนและยังมีชีวิต"),
			("vaccinated", "integer", "Dogs vaccinated in the last 12 months", "สุนัขที่ได้รับวัคซีนในรอบ 12 เดือน"),
			("coverage_percent", "number", "Coverage (%)", "ความครอบคลุม (%)"),
		),
	}
)

# --- line19: the LINE Official Account channel of E-Smart Service (e_smart_service/line, docs/line.md) ---
# a request's state change queues one Flex message per LINE reporter (never blocking the workflow)
_line_request_events = doc_events.setdefault("Service Request", {})
_line_on_update = _line_request_events.get("on_update") or []
_line_request_events["on_update"] = [
	*([_line_on_update] if isinstance(_line_on_update, str) else _line_on_update),
	"nonsaad_smart.e_smart_service.line.outbound.on_request_update",
]
# failed pushes and broadcasts are tried again with back-off (LINE Message Log)
scheduler_events.setdefault("all", []).append("nonsaad_smart.e_smart_service.line.outbound.retry_due")
# a LINE user's conversation (consent, place, photo, linked Citizen): reads are logged like a Citizen's
nonsaad_sensitive_doctypes.extend(["LINE Conversation"])

# --- scale20: many municipalities on one bench (issue 20, docs/multi-site.md) ---
# the municipality's names in pages and print formats: {{ municipality_name() }}, {{ municipality_head() }}
jinja["methods"] = [
	*jinja.get("methods", []),
	"nonsaad_smart.smart_core.municipality.municipality_name",
	"nonsaad_smart.smart_core.municipality.municipality_head",
]
# a second municipality's web forms speak of it, not of Non Sa-at (no-op on Non Sa-at's sites)
nonsaad_setup_steps = [
	*globals().get("nonsaad_setup_steps", []),
	{
		"name": "municipality_web_forms",
		"method": "nonsaad_smart.smart_core.municipality.rebrand_web_forms",
		"on": ["install", "migrate"],
	},
]

# --- onemap17: the weekly summary to the Executive is a Frappe Auto Email Report (report "Executive
# Weekly Summary"), one per enabled Executive, kept in step on install/migrate and when a User is saved ---
nonsaad_setup_steps.append(
	{
		"name": "executive_weekly_summary",
		"method": "nonsaad_smart.smart_core.overview.setup_weekly_reports",
		"on": ["install", "migrate"],
	}
)
_user_events = doc_events.setdefault("User", {})
_user_on_update = _user_events.get("on_update") or []
_user_events["on_update"] = [
	*([_user_on_update] if isinstance(_user_on_update, str) else _user_on_update),
	"nonsaad_smart.smart_core.overview.on_user_update",
]

# --- care14: Smart Care finished (issue 14) ---------------------------------------------------------
# one map/geometry helper for the desk forms (Road, Drain, Culvert, Care Person): public/js/geodata_form.js
app_include_js.append("/assets/nonsaad_smart/js/geodata_form.js")
# live progress and form updates in the desk without nginx: the socketio server's port in the boot
app_include_js.append("/assets/nonsaad_smart/js/realtime_port.js")
_boot_session = globals().get("boot_session", [])
boot_session = [
	*([_boot_session] if isinstance(_boot_session, str) else _boot_session),
	"nonsaad_smart.smart_core.realtime.boot_session",
]

# --- fuzz18: bad input everywhere (issue 18): lone surrogates refused, framework guest forms need a login ---
# a request argument with a lone surrogate cannot be stored (utf8mb4), a whitelisted method called without a
# required argument, a junk doctype or a value of the wrong annotated type answered a 500 (or a 417 without a
# message): a Thai 4xx before anything reads the arguments (text_input.check_request_arguments)
before_request = [
	"nonsaad_smart.smart_core.text_input.check_request_arguments",
	*globals().get("before_request", []),
]
# the framework's published guest web forms (request-data, request-to-delete-data) ask for a login
nonsaad_setup_steps.append(
	{
		"name": "framework_web_forms_need_a_login",
		"method": "nonsaad_smart.e_smart_service.web.require_login_for_framework_forms",
		"on": ["install", "migrate"],
	}
)

# --- lead: breakdowns under a service's figures on the Executive overview (smart_core/overview.py) ---
nonsaad_overview_tables = [
	*globals().get("nonsaad_overview_tables", []),
	{
		"service": "E-Smart Service",
		"label": "Ratings and reopened requests by service type",
		"method": "nonsaad_smart.e_smart_service.performance.ratings_by_service_type",
		"doctype": "Service Request",
		"route": "/performance",
	},
	{
		"service": "E-Smart Service",
		"label": "Ratings and reopened requests by team",
		"method": "nonsaad_smart.e_smart_service.performance.ratings_by_team",
		"doctype": "Service Request",
		"route": "/performance",
	},
]
# LINE Broadcast's approval is a Workflow fixture (e_smart_service/line/workflow.py)
from nonsaad_smart.e_smart_service.line import workflow as line_workflows

WORKFLOWS.extend(line_workflows.WORKFLOWS)
WORKFLOW_STATES.extend(s for s in line_workflows.STATES if s not in WORKFLOW_STATES)
WORKFLOW_ACTIONS.extend(a for a in line_workflows.ACTIONS if a not in WORKFLOW_ACTIONS)

# --- brand20: the brand is data (issue 20): app title, logo and pole-code prefix in Smart Settings ---
# the desk's About dialog reads this site's app title, name and logo from the boot (public/js/brand.js)
boot_session.append("nonsaad_smart.setup.brand.boot_session")
# the app's workspace names another municipality's app title (no-op on Non Sa-at's site)
nonsaad_setup_steps.append(
	{
		"name": "municipality_workspace",
		"method": "nonsaad_smart.setup.brand.rebrand_workspace",
		"on": ["install", "migrate"],
	}
)

# === matrix18: the merged translation dictionary unpickled once per process (smart_core/translation_cache.py)
before_request = [*globals().get("before_request", []), "nonsaad_smart.smart_core.translation_cache.install"]
before_job = [*globals().get("before_job", []), "nonsaad_smart.smart_core.translation_cache.install"]

# "Thai first" on the citizen pages: a static script's __() strings reach the web page that loads it
# (templates/includes/nonsaad_request_loop.html)
jinja["methods"].append("nonsaad_smart.smart_core.translation.script_translations")
