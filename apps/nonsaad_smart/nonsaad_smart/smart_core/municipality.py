"""Which municipality this site is (issue 20): one codebase, one site per LAO, everything specific is data.

The municipality's names, codes, boundary, map centre and villages are Smart Settings and Village records.
Before the app is installed (ERPNext's company, the website's brand) they come from the site config key
`nonsaad_municipality` that `bin/nonsaad new-municipality <settings.json>` writes; a site without that key
is Non Sa-at, the app's first municipality (DEFAULT). `apply_settings_file` writes a settings file
(docs/multi-site.md) into a site: Smart Settings, villages, service types, brand, letter head.
"""

import base64
import hashlib
import json
from pathlib import Path

import frappe

# Non Sa-at: the municipality of a site whose config names no other (the demo site and the test site)
DEFAULT = {
	"municipality_name_th": "เทศบาลตำบลโนนสะอาด",
	"municipality_name_en": "Non Sa-at Subdistrict Municipality",
	"short_name_th": "โนนสะอาด",
	"company_abbr": "NSA",
	"district": "ศรีบุญเรือง",
	"province": "หนองบัวลำภู",
	"postcode": "39180",
}

SETTINGS_FIELDS = (
	"municipality_name_th",
	"municipality_name_en",
	"org_code",
	"phone",
	"email",
	"website",
	"subdistrict",
	"district",
	"province",
	"postcode",
	"province_code",
	"district_code",
	"subdistrict_code",
	"map_center_lat",
	"map_center_lng",
	"map_zoom",
	"pole_code_prefix",
	"app_title",
)

APP_LOGO = "/assets/nonsaad_smart/images/nonsaad-logo.svg"


class MunicipalitySettingsError(frappe.ValidationError):
	pass


def profile() -> dict:
	"""The municipality's names and address: Smart Settings once filled, else the site config's
	`nonsaad_municipality`, else Non Sa-at."""
	conf = frappe.conf.get("nonsaad_municipality")
	out = dict(conf) if isinstance(conf, dict) and conf.get("municipality_name_th") else dict(DEFAULT)
	try:
		settings = frappe.get_cached_doc("Smart Settings")
	except Exception:  # before the app's DocTypes exist (install)
		settings = None
	if settings is not None:
		base_name = out["municipality_name_th"]
		for field in ("municipality_name_th", "municipality_name_en", "district", "province", "postcode"):
			if settings.get(field):
				out[field] = settings.get(field)
		if out["municipality_name_th"] != base_name:  # renamed in Smart Settings: its own place name
			out["short_name_th"] = settings.get("subdistrict") or short_name(out["municipality_name_th"])
	out.setdefault("short_name_th", short_name(out["municipality_name_th"]))
	out.setdefault("company_abbr", "LAO")
	return out


def _setting(field: str):
	try:
		return frappe.get_cached_doc("Smart Settings").get(field)
	except Exception:  # before the app's DocTypes exist (install), or a field not migrated yet
		return None


def pole_code_prefix() -> str:
	"""Letters of the street light pole codes (NSA-03-0042): Smart Settings, else the company abbreviation
	of the profile (Non Sa-at: NSA)."""
	prefix = (_setting("pole_code_prefix") or profile().get("company_abbr") or "LAO").strip().upper()
	return prefix


def app_title() -> str:
	"""The app's name in the desk: Smart Settings `app_title`, else "Non Sa-at Smart" on Non Sa-at's site
	(translated by th.csv) and "<place name>สมาร์ท" on another's."""
	title = _setting("app_title")
	if title:
		return title
	p = profile()
	if p["municipality_name_th"] == DEFAULT["municipality_name_th"]:
		return "Non Sa-at Smart"
	return f"{p['short_name_th']}สมาร์ท"


def logo() -> str:
	"""URL of the municipality's logo: Smart Settings `logo`, else the app's."""
	return _setting("logo") or APP_LOGO


def short_name(name_th: str) -> str:
	for prefix in ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร"):
		if name_th.startswith(prefix):
			return name_th[len(prefix) :]
	return name_th


def name(lang: str | None = None) -> str:
	"""The municipality's name in the reader's language (Thai unless the reader reads English)."""
	p = profile()
	if (lang or getattr(frappe.local, "lang", None) or "th") == "en":
		return p.get("municipality_name_en") or p["municipality_name_th"]
	return p["municipality_name_th"]


def municipality_name() -> str:
	"""Jinja `municipality_name()`: the name in Thai, for pages and prints."""
	return profile()["municipality_name_th"]


def municipality_head() -> str:
	"""Jinja `municipality_head()`: the title of the LAO's executive (นายกเทศมนตรีตำบล… / นายกองค์การ…)."""
	name_th = profile()["municipality_name_th"]
	if name_th.startswith("เทศบาลตำบล"):
		return "นายกเทศมนตรีตำบล" + short_name(name_th)
	if name_th.startswith("เทศบาล"):
		return "นายกเทศมนตรี" + name_th[len("เทศบาล") :]
	return "นายก" + name_th


def address() -> str:
	p = profile()
	return f"{p['municipality_name_th']} อำเภอ{p.get('district', '')} จังหวัด{p.get('province', '')} {p.get('postcode', '')}".strip()


# --- a settings file (bin/nonsaad new-municipality) -------------------------------------------------------
def read_settings_file(path: str) -> dict:
	data = json.loads(Path(path).read_text(encoding="utf-8"))
	missing = [
		k for k in ("site", "municipality_name_th", "municipality_name_en", "boundary") if not data.get(k)
	]
	if missing:
		raise MunicipalitySettingsError(f"{path}: missing {', '.join(missing)}")
	return data


def boundary_of(data: dict, base: Path) -> dict:
	"""The boundary: GeoJSON inline, or a file name beside the settings file; a Feature(Collection) is
	reduced to its geometry."""
	boundary = data["boundary"]
	if isinstance(boundary, str):
		boundary = json.loads((base / boundary).read_text(encoding="utf-8"))
	if boundary.get("type") == "FeatureCollection":
		boundary = boundary["features"][0]
	if boundary.get("type") == "Feature":
		boundary = boundary["geometry"]
	if boundary.get("type") not in ("Polygon", "MultiPolygon"):
		raise MunicipalitySettingsError("the boundary must be a GeoJSON Polygon or MultiPolygon")
	return boundary


def apply_settings_file(path: str) -> dict:
	"""Write a settings file into this site (idempotent): Smart Settings, villages, service types, the
	website's brand and the letter head. Returns what it wrote (counts)."""
	from nonsaad_smart.setup.brand import rebrand_workspace, setup_brand

	data = read_settings_file(path)
	boundary = boundary_of(data, Path(path).parent)
	settings = frappe.get_single("Smart Settings")
	if data.get("logo"):
		settings.logo = logo_file(Path(path).parent / data["logo"])
	for field in SETTINGS_FIELDS:
		if data.get(field) not in (None, ""):
			settings.set(field, data[field])
	settings.boundary_geojson = json.dumps(boundary, ensure_ascii=False)
	if data.get("tracking_prefix") and settings.meta.has_field("tracking_prefix"):
		settings.tracking_prefix = data["tracking_prefix"]
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.clear_document_cache("Smart Settings", "Smart Settings")
	villages = apply_villages(data.get("villages") or [])
	service_types = apply_service_types(data.get("service_types") or [])
	setup_brand()
	rebrand_workspace()
	rebrand_web_forms()
	apply_website()
	letter_head = apply_letter_head()
	frappe.db.commit()
	return {"villages": villages, "service_types": service_types, "letter_head": letter_head}


def logo_file(path: Path) -> str:
	"""The URL of a public File of the logo file beside a settings file (once: the same file name attached
	to Smart Settings' logo is reused)."""
	if path.suffix.lower().lstrip(".") not in LOGO_TYPES or not path.is_file():
		raise MunicipalitySettingsError(
			f"{path}: the logo must be a PNG, JPEG or SVG file beside the settings"
		)
	attached = {"attached_to_doctype": "Smart Settings", "attached_to_field": "logo", "file_name": path.name}
	name = frappe.db.get_value("File", attached)
	if name:
		file = frappe.get_doc("File", name)
		on_disk = Path(file.get_full_path())
		if not on_disk.is_file():  # a site restored from its database dump: its files folder is empty
			on_disk.parent.mkdir(parents=True, exist_ok=True)
			on_disk.write_bytes(path.read_bytes())
		return file.file_url
	file = frappe.get_doc(
		{
			"doctype": "File",
			**attached,
			"attached_to_name": "Smart Settings",
			"content": path.read_bytes(),
			"is_private": 0,
		}
	)
	return file.insert(ignore_permissions=True).file_url


def apply_villages(rows: list[dict]) -> int:
	for row in rows:
		name = f"VIL-{int(row['village_no'])}"
		doc = (
			frappe.get_doc("Village", name)
			if frappe.db.exists("Village", name)
			else frappe.new_doc("Village")
		)
		doc.update({k: v for k, v in row.items() if k != "doctype"})
		doc.save(ignore_permissions=True)
	return len(rows)


def apply_service_types(rows: list[dict]) -> int:
	"""Service types of the settings file, or (none given) the app's standard list without Non Sa-at's
	officers (fixtures/service_types.json is demo data: its department heads are demo users)."""
	meta = frappe.get_meta("Service Type")
	for row in rows:
		code = row["code"]
		doc = frappe.get_doc("Service Type", code) if frappe.db.exists("Service Type", code) else None
		doc = doc or frappe.new_doc("Service Type")
		doc.update({k: v for k, v in row.items() if meta.has_field(k) and k != "required_documents"})
		doc.flags.ignore_mandatory = True
		doc.save(ignore_permissions=True)
	return len(rows)


def apply_website():
	p = profile()
	settings = frappe.get_single("Website Settings")
	settings.copyright = address()
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	return p


LOGO_TYPES = {"svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def logo_content(url: str | None = None) -> tuple[bytes, str] | None:
	"""The bytes and MIME type of the logo (Smart Settings `logo`, else the app's): an /assets/ file of an
	app or a File of the site."""
	url = url or logo()
	ext = url.rsplit(".", 1)[-1].lower()
	if ext not in LOGO_TYPES:
		return None
	if url.startswith("/assets/"):
		_empty, _assets, app, rest = url.split("/", 3)
		path = Path(frappe.get_app_path(app, "public", *rest.split("/")))
		return (path.read_bytes(), LOGO_TYPES[ext]) if path.is_file() else None
	name = frappe.db.get_value("File", {"file_url": url})
	if not name:
		return None
	file = frappe.get_doc("File", name)
	if not Path(file.get_full_path()).is_file():
		return None
	return file.get_content(), LOGO_TYPES[ext]


def logo_data_uri() -> str:
	"""The logo as a data: URI (a print: wkhtmltopdf reads no URL of the site, whatever its host name)."""
	found = logo_content()
	if not found:
		return logo()
	content, mime = found
	if isinstance(content, str):
		content = content.encode()
	return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def letter_head_html() -> tuple[str, str]:
	"""(header, footer) HTML of the municipality's letter head: its logo and names, from Smart Settings."""
	esc = frappe.utils.escape_html
	p = profile()
	place = " ".join(
		part
		for part in (
			f"อำเภอ{p['district']}" if p.get("district") else "",
			f"จังหวัด{p['province']}" if p.get("province") else "",
			p.get("postcode") or "",
		)
		if part
	)
	header = (
		'<div style=\'text-align:center;font-family:"Loma","Garuda",sans-serif;\'>'
		f'<img src="{esc(logo_data_uri())}" alt="" style="height:56px;margin-bottom:4px;">'
		f'<div style="font-size:18pt;font-weight:bold;">{esc(p["municipality_name_th"])}</div>'
		f'<div style="font-size:11pt;">{esc(place)}</div>'
		f'<div style="font-size:9pt;color:#555;">{esc(p.get("municipality_name_en") or "")}</div>'
		'<hr style="margin:6px 0;"></div>'
	)
	contact = [_setting(f) for f in ("phone", "email", "website")]
	footer = (
		"<div style='text-align:center;font-size:8pt;color:#666;font-family:\"Loma\",sans-serif;'>"
		f"{esc(' · '.join([p['municipality_name_th'], *[c for c in contact if c]]))}</div>"
	)
	return header, footer


def letter_head_name() -> str:
	return profile()["municipality_name_en"] or profile()["municipality_name_th"]


def apply_letter_head() -> str:
	"""The municipality's Letter Head (named by its English name), the site's default: its logo and names
	from Smart Settings. Run on install and migrate, when Smart Settings' names, address, contact or logo
	change, and by a settings file. Returns its name."""
	name = letter_head_name()
	header, footer = letter_head_html()
	if frappe.db.exists("Letter Head", name):
		doc = frappe.get_doc("Letter Head", name)
	else:
		doc = frappe.new_doc("Letter Head")
		doc.letter_head_name = name
	if doc.is_new() or (doc.is_default, doc.disabled) != (1, 0):
		doc.update({"source": "HTML", "footer_source": "HTML", "is_default": 1, "disabled": 0})
		doc.flags.ignore_permissions = True
		messages = list(frappe.local.message_log or [])
		doc.save()
		# a new one is an "Image" letter head until set back below: not the "attach an image" alert
		frappe.local.message_log = messages
	values = {"source": "HTML", "footer_source": "HTML", "content": header, "footer": footer}
	if any(doc.get(k) != v for k, v in values.items()):
		# written as made here (escaped values): the HTML sanitizer of a save drops the logo's data: URI;
		# Letter Head.before_insert makes every new one an "Image" letter head
		frappe.db.set_value("Letter Head", doc.name, values, update_modified=False)
		frappe.clear_cache()  # the desk's boot carries the letter heads (report prints)
	LetterHead = frappe.qb.DocType("Letter Head")
	frappe.qb.update(LetterHead).set(LetterHead.is_default, 0).where(LetterHead.name != doc.name).run()
	return doc.name


def site_fingerprint() -> dict:
	"""The municipality of this site and how much it holds (tests/api/test_multi_site.py compares the first
	site before and after a second one is made); `bench execute` prints it as JSON."""
	settings = frappe.get_single("Smart Settings")
	return dict(
		{
			"name": settings.municipality_name_th,
			"boundary": hashlib.sha256((settings.boundary_geojson or "").encode()).hexdigest()[:16],
			"company": frappe.db.get_value("Company", {}, "company_name"),
			"villages": frappe.db.count("Village"),
			"citizens": frappe.db.count("Citizen"),
			"requests": frappe.db.count("Service Request"),
			"letter_head": frappe.db.get_value("Letter Head", {"is_default": 1}, "name"),
		}
	)


WEB_FORM_TEXTS = ("title", "introduction_text", "success_title", "success_message", "meta_description")


def rebrand_web_forms() -> list[str]:
	"""The app's web forms name Non Sa-at in their texts (standard JSON): on another municipality's site,
	their texts in Thai with its own name (guests read Thai). Kept without touching `modified`, so `bench
	migrate` does not import the JSON over them; run on install and migrate (hooks nonsaad_setup_steps)."""
	p = profile()
	new_th = p["municipality_name_th"]
	if new_th == DEFAULT["municipality_name_th"]:
		return []
	changed = []
	for form in frappe.get_all("Web Form", fields=["name", *WEB_FORM_TEXTS]):
		values = {}
		for field in WEB_FORM_TEXTS:
			text = form.get(field) or ""
			if "Non Sa-at" in text:
				text = frappe._(text, lang="th")
			if DEFAULT["short_name_th"] in text or "Non Sa-at" in text:
				text = (
					text.replace(DEFAULT["municipality_name_th"], new_th)
					.replace(DEFAULT["short_name_th"], p["short_name_th"])
					.replace("Non Sa-at Municipality", p["municipality_name_en"])
					.replace("Non Sa-at", p["municipality_name_en"])
				)
				values[field] = text
		if values:
			frappe.db.set_value("Web Form", form.name, values, update_modified=False)
			changed.append(form.name)
	return changed
