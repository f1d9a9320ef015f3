"""Rate limits key on the proxy hop we trust, and a tracking number locks after a few wrong tries (issue 9
item 8).

The test server trusts 127.0.0.1 as its reverse proxy (`nonsaad_trusted_proxies`, bin/lib/site.sh), as
nginx on the same host would be: a proxy appends the address it saw to X-Forwarded-For, so the client is
the right-most hop. Here the tests play that proxy: the left part of the header is what an attacker writes
(rotated on every request), the last hop is the address "our proxy" saw (fixed).
"""

import uuid

from conftest import Client, post_report, report_values

STATUS = "/api/method/nonsaad_smart.e_smart_service.api.request_status"


def address() -> str:
	n = uuid.uuid4().int
	return f"198.51.{n % 250}.{n // 250 % 250 + 1}"


def rotated(real: str) -> dict:
	"""What the attacker sends (a new forged address each time) plus what our proxy appended."""
	return {"X-Forwarded-For": f"{address()}, {real}"}


def status(client: Client, number: str, digits: str, real: str):
	return client.post(STATUS, data={"tracking_number": number, "phone_last4": digits}, headers=rotated(real))


def test_forged_forwarded_for_does_not_escape_the_status_limit(guest):
	real = address()
	codes = [status(guest, f"SR-2570-{90000 + n:05d}", "1234", real).status_code for n in range(12)]
	assert codes[:10] == [200] * 10
	assert codes[10:] == [429, 429], codes


def test_forged_forwarded_for_does_not_escape_the_form_limit():
	real = address()
	codes = [
		Client()
		.post(
			"/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": "report", "data": "{}"},
			headers=rotated(real),
		)
		.status_code
		for _n in range(12)
	]
	assert 429 not in codes[:10], codes
	assert codes[10:] == [429, 429], codes


def test_a_tracking_number_locks_after_five_wrong_tries_from_anywhere(guest):
	data = report_values(requester_phone="0861234567")
	name = post_report(Client(), data, address()).json()["message"]["name"]
	right = data["requester_phone"][-4:]
	assert status(guest, name, right, address()).json()["message"]["found"] is True
	unknown = "SR-2570-99871"
	for n in range(5):  # each wrong try from another address: the per-address limit never bites
		wrong = status(guest, name, f"{n:04d}", address()).json()["message"]
		missing = status(guest, unknown, f"{n:04d}", address()).json()["message"]
		assert wrong == missing == {"found": False, "message": wrong["message"]}
	locked = status(guest, name, right, address()).json()["message"]
	assert locked["found"] is False and locked.get("locked") is True
	# a number that does not exist locks the same way: the lock tells nothing about existence
	assert status(guest, unknown, right, address()).json()["message"] == locked
	assert name not in str(locked)
