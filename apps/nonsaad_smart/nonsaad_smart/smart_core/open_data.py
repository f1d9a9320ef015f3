"""Open data: the datasets every module registers, published as CSV and JSON at stable URLs, with a data
dictionary in Thai and English, a licence and a DCAT catalogue a national portal (CKAN) can harvest.

A module registers a dataset in the `nonsaad_open_datasets` hook (COMMON contract 3)::

    nonsaad_open_datasets.append(
        {
            "name": "vaccination-coverage",  # the URL slug: /open-data/vaccination-coverage.csv
            "title": "Rabies vaccination coverage by village and month",  # English, Thai through th.csv
            "description": "...",  # optional, English
            "method": "dotted.path",  # fn() -> [ {column: value} ], ALREADY aggregated
            "count_column": "dogs",  # the number of persons/animals behind each row
            "columns": [{"name": "village", "type": "string", "en": "...", "th": "..."}, ...],
            "keywords": ["..."],  # optional
        }
    )

The framework, not the module, guards what leaves the municipality:
- **k-anonymity**: a row whose `count_column` is under `K_ANONYMITY` (5) is suppressed, never published
  (a row of 2 complaints in one village and month can point at a household);
- only the declared columns are published (a method that returns more loses the extra keys), and a
  dataset declaring a personal column (`PERSONAL_COLUMNS`: names, IDs, phones, addresses, exact places)
  is refused as a whole.

URLs (page renderer `OpenDataPage`, hooks `page_renderer`; the listing page is `www/open-data.html`):

    /open-data                        the datasets, their data dictionary (Thai and English), licence
    /open-data/<name>.csv             the rows (UTF-8 with BOM, so Excel shows Thai)
    /open-data/<name>.json            the rows with the dictionary and the licence
    /open-data/<name>.schema.json     the data dictionary (Frictionless Table Schema, Thai and English)
    /open-data/catalog.json           DCAT catalogue (Project Open Data v1.1 "data.json" = DCAT in JSON),
                                      harvested by CKAN's ckanext-dcat `dcat_json` harvester
"""

import csv
import io
import json
import re

import frappe
from frappe import _
from frappe.utils import get_url, now_datetime
from frappe.website.page_renderers.base_renderer import BaseRenderer
from werkzeug.wrappers import Response

# the minimum number of persons (or animals, requests) behind a published row
K_ANONYMITY = 5
PREFIX = "open-data/"
LICENCE = {
	"id": "CC-BY-4.0",
	"title": "Creative Commons Attribution 4.0 International",
	"url": "https://creativecommons.org/licenses/by/4.0/",
	"attribution": "",  # the municipality: licence()
}


def publisher() -> str:
	"""This site's municipality in English (Non Sa-at on the demo site; smart_core/municipality.py)."""
	from nonsaad_smart.smart_core.municipality import name

	return name("en")


def spatial() -> str:
	"""Where the data is: the municipality (Smart Settings, in English), Thailand."""
	return f"{publisher()}, Thailand"


def licence() -> dict:
	return {**LICENCE, "attribution": publisher()}


def contact_email() -> str:
	"""The municipality's e-mail (Smart Settings), else the site's administrator e-mail (hooks app_email)."""
	return frappe.db.get_single_value("Smart Settings", "email") or frappe.get_hooks("app_email")[-1]


TYPES = ("string", "integer", "number", "date", "yearmonth", "boolean")
# column names that are about one person (or locate one): never in a dataset
PERSONAL_COLUMNS = frozenset(
	{
		"name",
		"full_name",
		"first_name",
		"last_name",
		"national_id",
		"citizen",
		"person",
		"requester",
		"requester_name",
		"requester_phone",
		"phone",
		"mobile_no",
		"email",
		"address",
		"house_no",
		"birth_date",
		"date_of_birth",
		"owner",
		"user",
		"latitude",
		"longitude",
		"photo",
	}
)
# Columns several datasets publish, described once: hooks.py builds each dataset's list with `columns`.
STANDARD_COLUMNS = {
	"month": {"type": "yearmonth", "en": "Month (YYYY-MM, Gregorian)", "th": "เดือน (ปี ค.ศ.-เดือน)"},
	"village_no": {"type": "integer", "en": "Village number (Moo)", "th": "หมู่ที่"},
	"village": {"type": "string", "en": "Village name", "th": "ชื่อหมู่บ้าน"},
	"service_type": {"type": "string", "en": "Service type code", "th": "รหัสประเภทบริการ"},
	"service_name": {"type": "string", "en": "Service type name (Thai)", "th": "ชื่อประเภทบริการ"},
	"requests": {"type": "integer", "en": "Number of requests", "th": "จำนวนเรื่อง"},
}


def columns(*specs) -> list[dict]:
	"""A dataset's `columns` list. Each spec is the name of a standard column ("village"), a standard
	column with changes ``("month", {"en": "Month of submission ..."})``, or a column of this dataset
	only ``("km", "number", "Kilometres", "ระยะทาง (กม.)")`` (name, type, English, Thai)."""
	built = []
	for spec in specs:
		if isinstance(spec, str):
			built.append({"name": spec, **STANDARD_COLUMNS[spec]})
		elif len(spec) == 2:
			built.append({"name": spec[0], **STANDARD_COLUMNS[spec[0]], **spec[1]})
		else:
			name, type_, en, th = spec
			built.append({"name": name, "type": type_, "en": en, "th": th})
	return built


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,60}$")


class InvalidDatasetError(frappe.ValidationError):
	pass


class UnknownDatasetError(frappe.DoesNotExistError):
	pass


def _registered() -> list[frappe._dict]:
	return [frappe._dict(e) for e in frappe.get_hooks("nonsaad_open_datasets") or [] if isinstance(e, dict)]


def dataset_errors() -> dict[str, str]:
	"""Registered entries that break the rules (name -> message): never served; the test fails on any."""
	errors = {}
	for spec in _registered():
		try:
			validate_spec(spec)
		except frappe.ValidationError as e:
			frappe.clear_last_message()
			errors[str(spec.get("name"))] = str(e)
	return errors


def datasets() -> dict[str, frappe._dict]:
	"""The registered datasets that keep the rules, by name, in hook order (one broken entry does not take
	the catalogue down with it: it is left out, and `dataset_errors` names it)."""
	found = {}
	for spec in _registered():
		try:
			validate_spec(spec)
		except frappe.ValidationError:
			frappe.clear_last_message()
			continue
		found[spec.name] = spec
	return found


def validate_spec(spec) -> None:
	if not SLUG.match(spec.get("name") or ""):
		frappe.throw(
			_("Open dataset {0}: the name must be a lower-case slug").format(spec.get("name")),
			InvalidDatasetError,
		)
	columns = [c.get("name") for c in spec.get("columns") or []]
	personal = sorted(set(columns) & PERSONAL_COLUMNS)
	if personal:
		frappe.throw(
			_("Open dataset {0} has personal columns: {1}").format(spec.name, ", ".join(personal)),
			InvalidDatasetError,
		)
	if spec.get("count_column") not in columns:
		frappe.throw(
			_("Open dataset {0}: its count column must be one of its columns").format(spec.name),
			InvalidDatasetError,
		)
	for column in spec.columns:
		if column.get("type") not in TYPES or not column.get("en") or not column.get("th"):
			frappe.throw(
				_("Open dataset {0}: column {1} needs a type and a Thai and English description").format(
					spec.name, column.get("name")
				),
				InvalidDatasetError,
			)


def dataset(name: str) -> frappe._dict:
	spec = datasets().get(name)
	if not spec:
		raise UnknownDatasetError(_("No open dataset {0}").format(name))
	return spec


def publishable(spec, rows: list[dict]) -> tuple[list[dict], int]:
	"""(rows as published, number of rows suppressed): declared columns only, rows under K_ANONYMITY out."""
	columns = [c["name"] for c in spec.columns]
	published, suppressed = [], 0
	for row in rows or []:
		count = row.get(spec.count_column)
		if not isinstance(count, int | float) or count < K_ANONYMITY:
			suppressed += 1
			continue
		published.append({column: row.get(column) for column in columns})
	return published, suppressed


def rows_of(name: str) -> tuple[frappe._dict, list[dict], int]:
	"""(spec, published rows, suppressed count) of a dataset, computed now."""
	spec = dataset(name)
	return (spec, *publishable(spec, frappe.get_attr(spec.method)()))


# --- the data dictionary, the licence and the catalogue ------------------------------------------
def dictionary(spec) -> dict:
	"""Frictionless Table Schema with Thai and English titles (the data dictionary)."""
	return {
		"name": spec.name,
		"title": spec.title,
		"title_th": _(spec.title, lang="th"),
		"fields": [
			{
				"name": c["name"],
				"type": c["type"],
				"title": c["en"],
				"title_th": c["th"],
				"description": c.get("description") or c["en"],
			}
			for c in spec.columns
		],
		"k_anonymity": {
			"count_column": spec.count_column,
			"minimum": K_ANONYMITY,
			"rule": f"rows with {spec.count_column} < {K_ANONYMITY} are not published",
		},
		"licence": licence(),
	}


def urls(name: str) -> dict[str, str]:
	base = get_url(f"/{PREFIX}{name}")
	return {"csv": base + ".csv", "json": base + ".json", "schema": base + ".schema.json"}


def catalog() -> dict:
	"""DCAT catalogue in JSON (Project Open Data v1.1 `data.json`, the format CKAN's dcat_json harvester
	reads); every registered dataset with its CSV and JSON distributions and its data dictionary."""
	modified = now_datetime().date().isoformat()
	entries = []
	for spec in datasets().values():
		link = urls(spec.name)
		entries.append(
			{
				"@type": "dcat:Dataset",
				"identifier": get_url(f"/{PREFIX}{spec.name}"),
				"title": spec.title,
				"description": spec.get("description") or spec.title,
				"keyword": list(spec.get("keywords") or [publisher(), "open data"]),
				"modified": modified,
				"publisher": {"@type": "org:Organization", "name": publisher()},
				"contactPoint": {
					"@type": "vcard:Contact",
					"fn": publisher(),
					"hasEmail": f"mailto:{contact_email()}",
				},
				"accessLevel": "public",
				"license": LICENCE["url"],
				"spatial": spatial(),
				"accrualPeriodicity": "R/P1D",
				"language": ["th", "en"],
				"describedBy": link["schema"],
				"describedByType": "application/json",
				"distribution": [
					{
						"@type": "dcat:Distribution",
						"title": f"{spec.title} (CSV)",
						"downloadURL": link["csv"],
						"mediaType": "text/csv",
						"format": "CSV",
					},
					{
						"@type": "dcat:Distribution",
						"title": f"{spec.title} (JSON)",
						"downloadURL": link["json"],
						"mediaType": "application/json",
						"format": "JSON",
					},
				],
			}
		)
	return {
		"@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
		"@id": get_url(f"/{PREFIX}catalog.json"),
		"@type": "dcat:Catalog",
		"conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
		"describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
		"title": f"{publisher()} open data",
		"dataset": entries,
	}


def as_csv(spec, rows: list[dict]) -> str:
	out = io.StringIO()
	writer = csv.DictWriter(out, fieldnames=[c["name"] for c in spec.columns], lineterminator="\r\n")
	writer.writeheader()
	writer.writerows(rows)
	return "\ufeff" + out.getvalue()


def as_json(spec, rows: list[dict], suppressed: int) -> dict:
	return {
		"dataset": spec.name,
		"title": spec.title,
		"generated": now_datetime().isoformat(timespec="seconds"),
		"licence": licence(),
		"dictionary": dictionary(spec),
		"suppressed_rows": suppressed,
		"rows": rows,
	}


def listing() -> list[dict]:
	"""What the /open-data page shows: each dataset with its dictionary and URLs."""
	return [
		{"spec": spec, "title_th": _(spec.title, lang="th"), "urls": urls(spec.name)}
		for spec in datasets().values()
	]


# --- the stable URLs ----------------------------------------------------------------------------------
class OpenDataPage(BaseRenderer):
	"""/open-data/<name>.csv|.json|.schema.json and /open-data/catalog.json (guests may read them)."""

	def can_render(self):
		return self.path.startswith(PREFIX)

	def render(self):
		target = self.path[len(PREFIX) :]
		headers = {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=600"}
		if frappe.request.method not in ("GET", "HEAD"):
			return Response("", status=405, headers=headers)
		try:
			if target == "catalog.json":
				return self.json(catalog(), headers)
			for suffix in (".schema.json", ".json", ".csv"):
				if target.endswith(suffix):
					name = target[: -len(suffix)]
					break
			else:
				raise UnknownDatasetError(target)
			if suffix == ".schema.json":
				return self.json(dictionary(dataset(name)), headers)
			spec, rows, suppressed = rows_of(name)
			if suffix == ".json":
				return self.json(as_json(spec, rows, suppressed), headers)
			headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
			return Response(as_csv(spec, rows), mimetype="text/csv", headers=headers)
		except UnknownDatasetError:
			return self.json(
				{"error": "not found", "catalog": get_url(f"/{PREFIX}catalog.json")}, headers, 404
			)

	@staticmethod
	def json(payload, headers, status=200):
		body = json.dumps(payload, ensure_ascii=False, default=str, indent=1)
		return Response(body, status=status, mimetype="application/json", headers=headers)
