"""Open data over HTTP as a guest: every dataset of the catalogue at its stable URLs (CSV, JSON, data
dictionary), the DCAT catalogue a CKAN harvester reads, the /open-data page; the performance page."""

import csv
import io

from conftest import Client

K = 5


def test_catalogue_and_every_dataset_as_guest(guest: Client):
	r = guest.get("/open-data/catalog.json")
	assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
	catalog = r.json()
	assert catalog["@type"] == "dcat:Catalog" and catalog["conformsTo"].endswith("/v1.1/schema")
	names = {d["identifier"].rsplit("/", 1)[1] for d in catalog["dataset"]}
	assert {"service-requests", "street-lights"} <= names
	for entry in catalog["dataset"]:
		name = entry["identifier"].rsplit("/", 1)[1]
		assert entry["license"].startswith("https://creativecommons.org/licenses/by/4.0")
		data = guest.get(f"/open-data/{name}.json")
		assert data.status_code == 200, name
		body = data.json()
		schema = guest.get(f"/open-data/{name}.schema.json").json()
		columns = [f["name"] for f in schema["fields"]]
		assert all(f["title"] and f["title_th"] for f in schema["fields"]), name
		count_column = schema["k_anonymity"]["count_column"]
		assert schema["k_anonymity"]["minimum"] == K
		for row in body["rows"]:
			assert list(row) == columns and row[count_column] >= K, (name, row)
		text = guest.get(f"/open-data/{name}.csv")
		assert text.headers["Content-Type"].startswith("text/csv")
		rows = list(csv.DictReader(io.StringIO(text.content.decode("utf-8-sig"))))
		assert len(rows) == len(body["rows"]), name
		if rows:
			assert list(rows[0]) == columns


def test_street_lights_counts_the_demo_poles(guest: Client):
	rows = guest.get("/open-data/street-lights.json").json()["rows"]
	assert rows, "the demo has 549 poles over 12 villages"
	for row in rows:
		assert row["working"] + row["faulty"] + row["under_repair"] <= row["poles"]


def test_unknown_dataset_and_writes(guest: Client):
	assert guest.get("/open-data/nothing.csv").status_code == 404
	assert guest.post("/open-data/street-lights.json").status_code in (403, 405)


def test_open_data_and_performance_pages(guest: Client):
	page = guest.get("/open-data", headers={"Accept": "text/html"})
	assert page.status_code == 200
	assert "CC-BY-4.0" in page.text and "/open-data/catalog.json" in page.text
	assert 'id="dataset-service-requests"' in page.text and "จำนวนเรื่อง" in page.text
	page = guest.get("/performance", headers={"Accept": "text/html"})
	assert page.status_code == 200
	assert 'id="performance-by-type"' in page.text and 'id="performance-by-team"' in page.text
	assert "มัธยฐาน" in page.text
