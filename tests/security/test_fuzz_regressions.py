"""Issue 18: the fuzzer's findings, one request each over real HTTP (status, exception class, a message the
caller reads, and nothing written: every app DocType, File, Comment and Error Log counted before and after).

Each was a 500 (or a 4xx without a message) before the fix named beside it."""

import json
import re

import pytest
from conftest import Client, error_of

from security.test_fuzz_public_endpoints import CITIZEN, RowCounter, with_csrf

THAI = re.compile(r"[\u0E00-\u0E7F]")
M = "/api/method/nonsaad_smart."

# (who, method, arguments, status, exception class)
CASES = {
	# a junk DocType reached Frappe's get_doc/get_meta (ImportError 500): text_input.known_doctype
	"insert of an unknown doctype": (
		"citizen",
		"smart_core.write_rights.insert",
		{"doc": json.dumps({"doctype": "<b>x</b>"})},
		404,
		"UnknownDocTypeError",
	),
	"insert of a child row of an unknown parent": (
		"citizen",
		"smart_core.write_rights.insert",
		{
			"doc": json.dumps(
				{"doctype": "Has Role", "parenttype": "' OR 1", "parent": "x", "parentfield": "x"}
			)
		},
		404,
		"UnknownDocTypeError",
	),
	"link query with a junk doctype": (
		"citizen",
		"e_smart_service.doctype.service_request.service_request.assignee_query",
		{"doctype": "{}", "txt": "x", "searchfield": "name", "start": "0", "page_len": "x", "filters": "x"},
		404,
		"UnknownDocTypeError",
	),
	"technician query with a junk doctype": (
		"citizen",
		"smart_terrain.doctype.maintenance_work.maintenance_work.technician_query",
		{
			"doctype": "x",
			"txt": "' OR",
			"searchfield": "name",
			"start": "0",
			"page_len": "5",
			"filters": "[1]",
		},
		404,
		"UnknownDocTypeError",
	),
	# reportview's export read form_dict["doctype"] (KeyError 500): field_access.check_form_dict
	"list export without a doctype": (
		"citizen",
		"smart_core.field_access.export_query",
		{"value": "x"},
		417,
		"MissingFieldError",
	),
	"list export of an unknown doctype": (
		"citizen",
		"smart_core.field_access.export_query",
		{"doctype": "../../etc/passwd", "file_format_type": "CSV"},
		404,
		"UnknownDocTypeError",
	),
	# a chart sent whole that is not a JSON object, or no chart at all (ValueError/KeyError/TypeError)
	"dashboard chart that is not an object": (
		"citizen",
		"smart_core.field_access.dashboard_chart_get",
		{"chart": "[]"},
		417,
		"InvalidInputError",
	),
	"dashboard chart on an unknown doctype": (
		"citizen",
		"smart_core.field_access.dashboard_chart_get",
		{"chart": json.dumps({"document_type": "x", "chart_type": "Count"})},
		404,
		"UnknownDocTypeError",
	),
	"dashboard chart without a chart": (
		"citizen",
		"smart_core.field_access.dashboard_chart_get",
		{"filters": "x"},
		417,
		"MissingFieldError",
	),
	# the rights before the arguments: a citizen's call is a 403 (it was a 417 naming the arguments,
	# or a 404 telling that no run has this name)
	"payment run queued by a citizen": (
		"citizen",
		"smart_care.payment_run.queue_run",
		{"name": "no-such-run"},
		403,
		"PermissionError",
	),
	"payment run stopped by a citizen (no name)": (
		"citizen",
		"smart_care.payment_run.stop_run",
		{},
		403,
		"PermissionError",
	),
	"payment run started by a citizen (no arguments)": (
		"citizen",
		"smart_care.payment_run.start_run",
		{},
		403,
		"PermissionError",
	),
	"citizens merged by a citizen": (
		"citizen",
		"smart_core.citizen360.merge_citizens",
		{"source": "x"},
		403,
		"PermissionError",
	),
	# guest methods: a print of a junk doctype (ImportError/AttributeError 500), refusals without a message
	"guest print of an unknown doctype": (
		"guest",
		"smart_core.audit.download_pdf",
		{"doctype": "<script>", "name": "' OR", "doc": "{}", "no_letterhead": "x"},
		404,
		"UnknownDocTypeError",
	),
	"guest resolution photo of an unknown request": (
		"guest",
		"e_smart_service.api.resolution_photo",
		{"tracking_number": "SR-0000-00000", "phone_last4": "1234"},
		403,
		"PermissionError",
	),
	"guest LINE photo link with a bad signature": (
		"guest",
		"e_smart_service.line.outbound.after_photo",
		{"request": "SR-2569-00001", "sig": "x"},
		403,
		"PermissionError",
	),
}


@pytest.fixture(scope="module")
def counts():
	return RowCounter()


@pytest.fixture(scope="module")
def clients():
	return {"guest": Client(), "citizen": with_csrf(Client().login(CITIZEN))}


@pytest.mark.parametrize("case", list(CASES))
def test_fuzzer_finding_is_a_clear_refusal(case, clients, counts):
	who, method, args, status, exc_type = CASES[case]
	before = counts()
	client = clients[who]
	if method.endswith(("resolution_photo", "after_photo")):  # GET only
		r = client.get(M + method, params=args)
	else:
		r = client.post(M + method, data=args)
	assert r.status_code == status, (case, r.status_code, r.text[:400])
	body = r.json()
	assert body.get("exc_type") == exc_type, (case, r.text[:400])
	assert "Traceback" not in r.text and "exc" not in body, (case, r.text[:400])
	assert THAI.search(error_of(r)[1]), (case, r.text[:400])
	assert counts() == before, case
