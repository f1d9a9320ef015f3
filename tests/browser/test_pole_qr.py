"""The QR flow of a street light: a citizen scans the label (/pole/<code>), taps the big button, the
report form comes pre-filled with the pole, the report gets a tracking number; a second report of the
same pole is counted on the first; when the office accepts it the pole turns Faulty."""

import json
import re

import pytest

pytestmark = pytest.mark.browser


def quiet_pole(admin) -> str:
	"""A working pole nobody has reported yet."""
	poles = admin.get(
		"/api/resource/Street Light Pole",
		params={"filters": '[["status","=","Working"]]', "limit_page_length": 50, "order_by": "name desc"},
	).json()["data"]
	for pole in poles:
		filters = [["asset_doctype", "=", "Street Light Pole"], ["asset_name", "=", pole["name"]]]
		r = admin.get("/api/resource/Service Request", params={"filters": json.dumps(filters)})
		if not r.json()["data"]:
			return pole["name"]
	pytest.fail("no quiet pole in the demo data")


def report_from_qr(phone, base_url, code: str, name: str, mobile: str) -> str:
	phone.goto(f"{base_url}/pole/{code}")
	assert code in phone.inner_text("h1")
	phone.click("text=แจ้งไฟฟ้าส่องสว่างชำรุด")
	phone.wait_for_url(
		re.compile(r".*/report/new\?asset_doctype=Street(%20|\+)Light(%20|\+)Pole&asset_name=.*")
	)
	phone.wait_for_function(
		f"window.frappe && frappe.web_form && frappe.web_form.get_value('asset_name') === '{code}'",
		timeout=30000,
	)
	phone.wait_for_function(
		"document.querySelector(\"select[data-fieldname='service_type']\").value !== ''", timeout=30000
	)
	phone.fill("textarea[data-fieldname='description']", "ไฟฟ้าส่องสว่างดับตั้งแต่เมื่อคืน")
	phone.fill("input[data-fieldname='requester_name']", name)
	phone.fill("input[data-fieldname='requester_phone']", mobile)
	phone.click(".submit-btn")
	phone.wait_for_selector("#tracking-number", timeout=30000)
	return phone.inner_text("#tracking-number").strip()


def test_qr_label_to_report_to_faulty_pole(phone, base_url, admin):
	code = quiet_pole(admin)
	tracking = report_from_qr(phone, base_url, code, "นายสแกน คิวอาร์", "0861112233")
	assert re.fullmatch(r"SR-25\d\d-\d{5}", tracking), tracking
	request = admin.get(f"/api/resource/Service Request/{tracking}").json()["data"]
	assert (request["asset_doctype"], request["asset_name"]) == ("Street Light Pole", code)
	assert request["latitude"] and request["longitude"]  # taken from the pole

	# a neighbour scans the same pole: counted on the open request, not a new one
	again = report_from_qr(phone, base_url, code, "นางเพื่อน บ้าน", "0864445566")
	assert again == tracking
	assert admin.get(f"/api/resource/Service Request/{tracking}").json()["data"]["report_count"] == 2

	# the office accepts the request: the pole is Faulty and its page says it is being handled
	r = admin.post(
		"/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": json.dumps(request), "action": "Accept"},
	)
	assert r.status_code == 200, r.text[:500]
	pole = admin.get(f"/api/resource/Street Light Pole/{code}").json()["data"]
	assert pole["status"] == "Faulty" and pole["faulty_since"]
	phone.goto(f"{base_url}/pole/{code}")
	assert tracking in phone.inner_text(".alert-warning")
	assert "ชำรุด" in phone.inner_text(".indicator-pill")
