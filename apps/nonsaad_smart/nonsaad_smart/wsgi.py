"""WSGI entry for gunicorn (Procfile): Frappe's application with static files, where a request for a host
that is not a site (http://localhost:8000) goes to `default_site` when `serve_default_site` is set in
common_site_config.json – what nginx does in production with `X-Frappe-Site-Name`.

Static files (`/assets/`, public `/files/`) are served here without Frappe, so its `after_request` hooks
never see them: the security headers of smart_core/web_security.py are added to those responses here,
and a missing public file is a 404 (werkzeug's NotFound raised outside Frappe's handler was a 500).
"""

import os

import frappe
import frappe.app
from werkzeug.exceptions import HTTPException

from nonsaad_smart.smart_core.web_security import SECURITY_HEADERS

_application = frappe.app.application_with_statics()


def _default_site(sites_path: str) -> str | None:
	conf = frappe.get_file_json(os.path.join(sites_path, "common_site_config.json"))
	return conf.get("default_site") if conf.get("serve_default_site") else None


SITES_PATH = os.path.abspath(".")
DEFAULT_SITE = _default_site(SITES_PATH)


def application(environ, start_response):
	host = (environ.get("HTTP_HOST") or "").split(":")[0]
	if DEFAULT_SITE and "HTTP_X_FRAPPE_SITE_NAME" not in environ:
		if not host or not os.path.isfile(os.path.join(SITES_PATH, host, "site_config.json")):
			environ["HTTP_X_FRAPPE_SITE_NAME"] = DEFAULT_SITE

	def start_with_headers(status, headers, exc_info=None):
		present = {name.lower() for name, _value in headers}
		headers = list(headers) + [(k, v) for k, v in SECURITY_HEADERS.items() if k.lower() not in present]
		return start_response(status, headers, exc_info)

	try:
		return _application(environ, start_with_headers)
	except HTTPException as e:  # a public file in the database but not on disk: 404, not a 500
		return e(environ, start_with_headers)
