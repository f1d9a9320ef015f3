"""Browser-side protections Frappe 15 leaves to the deployment: CSRF for citizens, security headers, no
public uploads by citizens.

- **CSRF for website users** (`before_request`): Frappe checks the CSRF token only when the session has
  one, and only the desk (`/app`) creates it – so a citizen's session (a Website User never opens the desk)
  accepted any cross-site POST. Here a website user's session always gets a token (website pages then
  carry it as `frappe.csrf_token`, which `frappe.call` sends), and a state-changing request of such a
  session without the right token is refused (`frappe.CSRFTokenError`, HTTP 400). Staff sessions keep
  Frappe's own check (the desk creates their token); API keys (`Authorization` header) need no token.
- **Security headers** (`after_request`, and `wsgi.py` for static files and public `/files/` which do not
  pass through Frappe): no framing by other sites, no MIME sniffing, no full URLs in the Referer.
- **No public files from citizens or guests** (`File` validate): a file they upload is private or refused.
- **A Single DocType over REST** (`GET /api/resource/Smart Settings`) is a 404 with a message, not a 500.
"""

from urllib.parse import unquote

import frappe
from frappe import _

# also used by wsgi.py for what gunicorn serves without Frappe (assets, public files)
SECURITY_HEADERS = {
	"X-Frame-Options": "SAMEORIGIN",
	"Content-Security-Policy": "frame-ancestors 'self'",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy": "strict-origin-when-cross-origin",
}
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# the login form itself has no session yet; logging out must always work
CSRF_EXEMPT_PATHS = ("/api/method/login", "/api/method/logout")


class PublicUploadNotAllowedError(frappe.PermissionError):
	pass


def _is_website_user(user: str) -> bool:
	return user != "Guest" and frappe.get_cached_value("User", user, "user_type") == "Website User"


def require_csrf_for_website_users():
	"""before_request: a citizen's session has a CSRF token, and its writes must carry it."""
	request = getattr(frappe.local, "request", None)
	session = getattr(frappe.local, "session", None)
	if request is None or not session or not _is_website_user(frappe.session.user):
		return
	if frappe.get_request_header("Authorization"):
		return
	token = frappe.sessions.get_csrf_token()  # created (and saved) on the citizen's first request
	if request.method not in UNSAFE_METHODS or request.path in CSRF_EXEMPT_PATHS:
		return
	login_manager = getattr(frappe.local, "login_manager", None)
	if login_manager is not None and getattr(login_manager, "resume", True) is False:
		return  # this request is the login itself (the login page posts cmd=login to /login)
	sent = frappe.get_request_header("X-Frappe-CSRF-Token") or frappe.form_dict.pop("csrf_token", None)
	if sent != token:
		frappe.flags.disable_traceback = True
		frappe.throw(_("Invalid request: reload the page and try again"), frappe.CSRFTokenError)


def add_security_headers(response, request=None):
	"""after_request: the headers on every response Frappe builds (desk, website, API, private files)."""
	if response is None:
		return
	for header, value in SECURITY_HEADERS.items():
		if header not in response.headers:
			response.headers[header] = value


def refuse_public_upload(doc, method=None):
	"""File validate: guests and website users may only store private files."""
	user = frappe.session.user
	if doc.is_private or doc.is_folder or not (user == "Guest" or _is_website_user(user)):
		return
	if not doc.is_new() and not doc.has_value_changed("is_private"):
		return
	frappe.throw(
		_("Files you upload are kept private: send them with is_private=1"),
		PublicUploadNotAllowedError,
		title=_("Not allowed"),
	)


REST_LIST_PREFIXES = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")


def refuse_rest_list_of_single():
	"""before_request: `GET /api/resource/<Single DocType>` is a list of a table that does not exist (a
	500 in Frappe 15); answer with a 404 that says where the one record is."""
	request = getattr(frappe.local, "request", None)
	if request is None or request.method != "GET":
		return
	for prefix in REST_LIST_PREFIXES:
		if request.path.startswith(prefix):
			parts = [p for p in request.path[len(prefix) :].split("/") if p]
			break
	else:
		return
	if len(parts) != 1:
		return
	doctype = unquote(parts[0])
	if frappe.db.get_value("DocType", doctype, "issingle", cache=True):
		frappe.throw(
			_("{0} is a single record: read it at {1}").format(doctype, f"{prefix}{parts[0]}/{parts[0]}"),
			frappe.DoesNotExistError,
		)
