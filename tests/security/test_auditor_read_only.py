"""Issue 17: the Auditor reads everything of the trail and changes nothing. Over REST, for EVERY DocType
of the app (a module added later is covered without a new test): create, write and delete are refused
and leave the record as it was; the Audit Trail report and the evidence pack answer the Auditor (and
not a front-desk clerk), and the pack's manifest hashes verify."""

import hashlib
import io
import json
import zipfile
from urllib.parse import quote

from conftest import error_of

REFUSED = (403, 417)


def app_doctypes(admin) -> list[dict]:
	modules = admin.get(
		"/api/resource/Module Def",
		params={"filters": json.dumps([["app_name", "=", "nonsaad_smart"]]), "limit_page_length": 0},
	).json()["data"]
	return admin.get(
		"/api/resource/DocType",
		params={
			"filters": json.dumps([["module", "in", [m["name"] for m in modules]], ["istable", "=", 0]]),
			"fields": json.dumps(["name", "issingle"]),
			"limit_page_length": 0,
		},
	).json()["data"]


def csrf(client):
	"""Logged-in writes carry the session's CSRF token (as the desk sends it), so a refusal is the
	permission's, not the token's."""
	if "X-Frappe-CSRF-Token" not in client.headers:
		page = client.get("/app").text
		marker = 'frappe.csrf_token = "'
		if marker in page:
			client.headers["X-Frappe-CSRF-Token"] = page.split(marker, 1)[1].split('"', 1)[0]
	return client


def test_auditor_writes_nothing_over_rest(login, admin):
	client = csrf(login("auditor"))
	doctypes = app_doctypes(admin)
	assert len(doctypes) >= 15, doctypes
	checked = 0
	for dt in doctypes:
		name = dt["name"]
		path = f"/api/resource/{quote(name)}"
		if dt["issingle"]:
			before = admin.get(f"{path}/{quote(name)}").json().get("data", {})
			r = client.put(f"{path}/{quote(name)}", json={})
			assert r.status_code in REFUSED, (name, r.status_code, r.text[:200])
			after = admin.get(f"{path}/{quote(name)}").json().get("data", {})
			assert before.get("modified") == after.get("modified"), name
			continue
		before_count = admin.get("/api/method/frappe.client.get_count", params={"doctype": name}).json()[
			"message"
		]
		r = client.post(path, json={})
		assert r.status_code in REFUSED, (name, r.status_code, r.text[:200])
		rows = admin.get(
			path, params={"fields": json.dumps(["name", "modified"]), "limit_page_length": 1}
		).json()["data"]
		after_count = admin.get("/api/method/frappe.client.get_count", params={"doctype": name}).json()[
			"message"
		]
		assert after_count == before_count, name
		if not rows:
			continue
		record, modified = rows[0]["name"], rows[0]["modified"]
		r = client.put(f"{path}/{quote(str(record))}", json={})
		assert r.status_code in REFUSED, (name, "write", r.status_code, r.text[:200])
		r = client.delete(f"{path}/{quote(str(record))}")
		assert r.status_code in REFUSED, (name, "delete", r.status_code, r.text[:200])
		row = admin.get(f"{path}/{quote(str(record))}").json()["data"]
		assert row["modified"] == modified, name
		checked += 1
	assert checked >= 10


def test_the_auditor_reads_the_trail_and_a_clerk_does_not(login, admin):
	params = {"report_name": "Audit Trail", "filters": json.dumps({"doctype": "Service Request"})}
	r = login("auditor").get("/api/method/frappe.desk.query_report.run", params=params)
	assert r.status_code == 200, r.text[:300]
	result = r.json()["message"]["result"]
	assert result and {"timestamp", "user", "action_label", "details"} <= set(result[0])
	r = login("frontdesk").get("/api/method/frappe.desk.query_report.run", params=params)
	assert r.status_code == 403, r.text[:300]


def test_evidence_pack_over_http_verifies(login, admin):
	name = admin.get(
		"/api/resource/Service Request", params={"limit_page_length": 1, "order_by": "modified desc"}
	).json()["data"][0]["name"]
	r = login("auditor").get(
		"/api/method/nonsaad_smart.smart_core.evidence.evidence_pack",
		params={"doctype": "Service Request", "name": name},
	)
	assert r.status_code == 200, r.text[:300]
	pack = zipfile.ZipFile(io.BytesIO(r.content))
	manifest = json.loads(pack.read("manifest.json"))
	assert manifest["subject"] == {"doctype": "Service Request", "name": name}
	assert len(manifest["files"]) == 5
	for entry in manifest["files"]:
		assert hashlib.sha256(pack.read(entry["name"])).hexdigest() == entry["sha256"], entry["name"]
	assert pack.read(f"{name}.pdf").startswith(b"%PDF")
	r = login("frontdesk").get(
		"/api/method/nonsaad_smart.smart_core.evidence.evidence_pack",
		params={"doctype": "Service Request", "name": name},
	)
	assert r.status_code == 403
	assert error_of(r)[0] == "AuditAccessError"


STANDARD = {"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "doctype"}


def test_auditor_changes_nothing_through_the_other_write_methods(login, admin):
	"""Besides POST/PUT/DELETE on /api/resource: set_value, rename, submit, cancel, delete and workflow
	actions over /api/method, for one record of every DocType of the app – refused, the record unchanged."""
	client = csrf(login("auditor"))
	checked = 0
	for dt in app_doctypes(admin):
		name = dt["name"]
		if dt["issingle"]:
			continue
		rows = admin.get(
			f"/api/resource/{quote(name)}",
			params={"fields": json.dumps(["name", "modified"]), "limit_page_length": 1},
		).json()["data"]
		if not rows:
			continue
		record, modified = str(rows[0]["name"]), rows[0]["modified"]
		doc = admin.get(f"/api/resource/{quote(name)}/{quote(record)}").json()["data"]
		field = next((k for k, v in doc.items() if k not in STANDARD and isinstance(v, str)), None)
		calls = [
			("frappe.client.rename_doc", {"doctype": name, "old_name": record, "new_name": f"{record}-x"}),
			("frappe.client.delete", {"doctype": name, "name": record}),
			("frappe.client.submit", {"doc": json.dumps(doc)}),
			("frappe.client.cancel", {"doctype": name, "name": record}),
			("frappe.model.workflow.apply_workflow", {"doc": json.dumps(doc), "action": "Approve"}),
		]
		if field:
			calls.append(
				(
					"frappe.client.set_value",
					{"doctype": name, "name": record, "fieldname": field, "value": "x"},
				)
			)
		for method, data in calls:
			r = client.post(f"/api/method/{method}", data=data)
			assert r.status_code in REFUSED, (name, method, r.status_code, r.text[:200])
		after = admin.get(f"/api/resource/{quote(name)}/{quote(record)}")
		assert after.status_code == 200, (name, "gone")
		assert after.json()["data"]["modified"] == modified, name
		checked += 1
	assert checked >= 10
