"""The merged translation dictionary, unpickled once per process instead of once per request.

Frappe 15 keeps a language's merged dictionary in Redis (`merged_translations`, one pickled hash field per
language: 1.6 MB for Thai, 15 000 strings) and unpickles it in every request that translates a string
(`frappe.translate.get_all_translations`, called by `frappe._`): a quarter of the CPU of a refused API
call of a Thai user (docs/reliability.md, "Matrix run: where the time goes").

Here the Redis value is still read on every such request, as bytes, and compared with the bytes this
process unpickled last: only a different value (a Translation saved, `bench clear-cache`, a migrate) is
unpickled again, so nothing can be stale. Each request gets its own copy of the dictionary (a caller may
change it, as the framework's `import_translations` does), kept for the rest of the request like
Frappe's own request cache. Installed by a `before_request` / `before_job` hook (hooks block "matrix18").
"""

import pickle
import threading

import frappe
from frappe import translate

_original = translate.get_all_translations
_lock = threading.Lock()
# (Redis key of the site's merged dictionary, language) -> (the pickled bytes, the dictionary)
_held: dict[tuple[str, str], tuple[bytes, dict]] = {}


def install():
	"""Frappe's `get_all_translations` (read by `frappe._` at each call) is this module's from now on."""
	if translate.get_all_translations is not get_all_translations:
		translate.get_all_translations = get_all_translations
		translate.get_full_dict = get_all_translations


def get_all_translations(lang: str) -> dict[str, str]:
	if not lang:
		return {}
	name = frappe.cache.make_key(translate.MERGED_TRANSLATION_KEY)
	in_request = frappe.local.cache.setdefault(name, {})  # where frappe.cache.hget keeps it per request
	if lang in in_request:
		return in_request[lang]
	try:
		raw = frappe.cache.execute_command("HGET", name, lang)
	except Exception:
		raw = None
	if raw is None:  # not built yet (or Redis away): Frappe builds and stores it
		return _original(lang)
	with _lock:
		held = _held.get((name, lang))
		if held is None or held[0] != raw:
			held = _held[name, lang] = (raw, pickle.loads(raw))
	in_request[lang] = dict(held[1])
	return in_request[lang]
