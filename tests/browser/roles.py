"""Helpers for browser tests that do a user's task as that role (issue 10): records made over REST as
Administrator, the mouse for every click, the database (REST as Administrator) for every check."""

import json
import os
import re
import subprocess

from conftest import ROOT, Client


def admin_client() -> Client:
	return Client().login("Administrator", os.environ.get("NONSAAD_ADMIN_PASSWORD", "admin"))


def new_request(admin: Client, **values) -> str:
	"""A walk-in Service Request (kind Complaint: no place or after photo required)."""
	doc = {
		"doctype": "Service Request",
		"service_type": "GENERAL",
		"channel": "Walk-in",
		"description": "ทดสอบการทำงานของเจ้าหน้าที่",
		"requester_name": "นายทดสอบ เบราว์เซอร์",
		"requester_phone": "0812345678",
		**values,
	}
	r = admin.post("/api/resource/Service Request", json=doc)
	assert r.status_code == 200, r.text
	return r.json()["data"]["name"]


def get_doc(admin: Client, doctype: str, name: str) -> dict:
	r = admin.get(f"/api/resource/{doctype}/{name}")
	assert r.status_code == 200, r.text
	return r.json()["data"]


def get_list(admin: Client, doctype: str, filters: dict, fields=("name",)) -> list[dict]:
	r = admin.get(
		f"/api/resource/{doctype}",
		params={"filters": json.dumps(filters), "fields": json.dumps(list(fields)), "limit_page_length": 0},
	)
	assert r.status_code == 200, r.text
	return r.json()["data"]


QUEUES = ("short", "default", "long")


def _queue_connection():
	"""This bench's RQ connection and queue names (Frappe's: "<bench id>:<queue>")."""
	import redis

	conf = json.loads((ROOT / "sites" / "common_site_config.json").read_text())
	bench_id = conf.get("bench_id", str(ROOT).strip("/").replace("/", "-"))
	return redis.Redis.from_url(conf["redis_queue"]), [f"{bench_id}:{q}" for q in QUEUES]


def _queues_idle(conn, names) -> bool:
	from rq import Queue, Worker
	from rq.registry import StartedJobRegistry

	for name in names:
		if Queue(name, connection=conn).count or StartedJobRegistry(name, connection=conn).count:
			return False
	return not any(w.get_state() == "busy" for w in Worker.all(connection=conn))


def run_background_jobs(timeout: float = 300) -> None:
	"""Every job queued so far on this bench is run by a real Frappe worker. When a worker listens on the
	default queue (a server started with one), wait until it has drained the queues; otherwise (the test
	server runs a worker for the long queue only, so that no job writes rows while other tests count them)
	a burst worker drains them now."""
	import time

	from rq import Queue, Worker

	conn, names = _queue_connection()
	if not Worker.all(queue=Queue(names[1], connection=conn)):
		subprocess.run(
			[str(ROOT / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", "worker", "--burst"],
			cwd=ROOT / "sites",
			capture_output=True,
			text=True,
			check=True,
			timeout=timeout,
		)
		return
	deadline, idle_since = time.monotonic() + timeout, None
	while time.monotonic() < deadline:
		if not _queues_idle(conn, names):
			idle_since = None
		elif idle_since is None:
			idle_since = time.monotonic()
		elif time.monotonic() - idle_since >= 0.3:  # twice idle in a row: no job between dequeue and start
			return
		time.sleep(0.1)
	raise AssertionError(f"the queues {names} were not drained in {timeout} s")


def no_error_dialog(page, strict: bool = True) -> None:
	"""Fail on a 'Not permitted' page or an error dialog (red indicator); with `strict`, on any dialog."""
	assert page.locator(".page-card-head:visible").count() == 0, f"'Not permitted' page on {page.url}"
	if strict:
		dialogs = page.locator(".modal.show .msgprint, .modal.show .modal-body")
		texts = [t.strip() for t in dialogs.all_text_contents() if t.strip()]
		assert not texts, f"dialog on {page.url}: {texts}"
	red = page.locator(".modal.show .modal-header .indicator.red, .modal.show .modal-title.red")
	assert red.count() == 0, f"error dialog on {page.url}: {page.locator('.modal.show').all_text_contents()}"


def workflow_action(page, action: str) -> None:
	"""Open the form's Actions menu and click the workflow action, with the mouse."""
	label = page.evaluate("(a) => __(a)", action)
	page.locator(".actions-btn-group > button:visible").click()
	page.locator(".actions-btn-group .dropdown-menu a.dropdown-item:visible", has_text=label).first.click()


def open_form(page, base_url: str, doctype_route: str, name: str) -> None:
	page.goto(f"{base_url}/app/{doctype_route}/{name}")
	page.wait_for_function(
		"(n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && !cur_frm.is_dirty()", arg=name
	)
	page.wait_for_selector(".actions-btn-group > button:visible", timeout=30000)


def assert_clickable(page, selector: str) -> None:
	"""The element at the centre of `selector` is the element itself (nothing overlays it)."""
	hit = page.evaluate(
		"""(sel) => { const el = document.querySelector(sel); const r = el.getBoundingClientRect();
		const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
		return el === top || el.contains(top) ? "" : (top ? top.className || top.tagName : "nothing"); }""",
		selector,
	)
	assert hit == "", f"{selector} is covered by {hit}"


def pick_link(page, scope, fieldname: str, text: str, option: str) -> list[str]:
	"""Type into a Link field (of a form or dialog `scope`) and click the dropdown entry whose words include
	`option` exactly (sr.technician@… is not technician@…); return the entries seen."""
	field = scope.locator(f"input[data-fieldname='{fieldname}']:visible").first
	field.click()
	field.type(text)
	page.wait_for_timeout(1200)  # the search answers after the debounce
	items = scope.locator(f"div[data-fieldname='{fieldname}'] ul[role='listbox'] [role='option']")
	items.first.wait_for(state="visible", timeout=15000)
	seen = [t.strip() for t in items.all_inner_texts()]
	for index, label in enumerate(seen):
		if option in re.split(r"[\s,]+", label):
			items.nth(index).click()
			return seen
	raise AssertionError(f"{option} is not offered for {fieldname}: {seen}")
