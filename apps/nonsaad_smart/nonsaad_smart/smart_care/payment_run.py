"""The monthly allowance payment run, as a background job (RQ queue "long").

- One run per month and allowance kind: the run's `run_key` (month|kind) has a unique index, and
  `start_run` returns the existing run for the same month and kind instead of a second one.
- The job locks the run row (`SELECT … FOR UPDATE`), refuses a run already Running/Completed, and writes
  one Allowance Payment Line per active registration in windows of 2 000 registrations (keyset on the
  registration name: one `INSERT … SELECT` per window, so the rows never pass through Python and memory
  stays flat), publishing its progress to the desk (`frappe.publish_progress`) after each window.
- All or nothing: the lines are written after a savepoint; a failure or a stop request (`stop_run`, read
  between batches from the cache) rolls back to it, so no line of a failed or stopped run is left; the run
  is then marked Failed/Stopped with the reason. A line's name is run + registration (primary key), so even
  two racing jobs cannot pay a registration twice in one run.
- A worker killed in the middle (issue 18's fault run): its transaction dies with its connection, so no
  line is kept, but the run said "Running" for ever and a retry did nothing. The job holds the run's row
  lock from its first line to its final commit; a Running run whose row is not locked has no live job
  (`mark_interrupted`: opening the run or starting it again marks it Failed, "interrupted", and the
  retry runs it whole).
"""

import frappe
from frappe import _
from frappe.utils import add_days, add_months, cint, flt, now_datetime

from nonsaad_smart.smart_care import workflows as wf
from nonsaad_smart.smart_care.rules import first_of_month
from nonsaad_smart.smart_core.text_input import require_arguments

BATCH_SIZE = 2000
SAVEPOINT = "allowance_payment_run"
LINE_FIELDS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"payment_run",
	"registration",
	"care_person",
	"person_name",
	"village",
	"month",
	"allowance_kind",
	"tier",
	"amount",
	"bank",
	"bank_account_masked",
	"bank_account_no",
)
RUNNING, COMPLETED, FAILED, STOPPED, QUEUED = "Running", "Completed", "Failed", "Stopped", "Queued"


class RunAlreadyDoneError(frappe.ValidationError):
	pass


class RunStoppedError(Exception):
	"""Raised between batches when an officer asked the run to stop."""


def run_key(month, kind: str) -> str:
	return f"{first_of_month(month):%Y-%m}|{kind}"


def _stop_key(run: str) -> str:
	return f"nonsaad_allowance_run_stop:{run}"


@frappe.whitelist(methods=["POST"])
def start_run(month=None, allowance_kind: str | None = None) -> str:
	"""Create (or find) the run of this month and kind and queue its job; returns the run's name.

	Starting the same month and kind twice gives the same run, and a Completed run is not run again."""
	# arguments optional: the right is checked first (a citizen's empty call is a 403, not a 417)
	frappe.has_permission("Allowance Payment Run", "create", throw=True)
	require_arguments(month=month, allowance_kind=allowance_kind)
	key = run_key(month, allowance_kind)
	name = frappe.db.get_value("Allowance Payment Run", {"run_key": key})
	if not name:
		doc = frappe.get_doc(
			{
				"doctype": "Allowance Payment Run",
				"month": first_of_month(month),
				"allowance_kind": allowance_kind,
			}
		)
		try:
			doc.insert()
		except frappe.ValidationError:
			# the same month and kind was created meanwhile (unique run_key): that run is the one
			frappe.db.rollback()
			name = frappe.db.get_value("Allowance Payment Run", {"run_key": key})
			if not name:
				raise
		else:
			name = doc.name
	return queue_run(name)


@frappe.whitelist(methods=["POST"])
def queue_run(name: str | None = None) -> str:
	# the right first: a citizen learns nothing of the runs (a junk name was a 404 before the 403)
	frappe.has_permission("Allowance Payment Run", "write", throw=True)
	require_arguments(name=name)
	doc = frappe.get_doc("Allowance Payment Run", name)
	doc.check_permission("write")
	if mark_interrupted(doc.name):
		doc.reload()
	if doc.status in (RUNNING, COMPLETED, QUEUED):
		return doc.name
	frappe.cache.delete_value(_stop_key(doc.name))
	doc.db_set({"status": QUEUED, "error": None, "progress": 0})
	frappe.enqueue(
		"nonsaad_smart.smart_care.payment_run.execute_run",
		queue="long",
		timeout=3600,
		job_id=f"allowance_payment_run::{doc.name}",
		deduplicate=True,
		enqueue_after_commit=True,
		run=doc.name,
		run_by=frappe.session.user,
	)
	return doc.name


@frappe.whitelist(methods=["POST"])
def stop_run(name: str | None = None) -> None:
	frappe.has_permission("Allowance Payment Run", "write", throw=True)
	require_arguments(name=name)
	frappe.get_doc("Allowance Payment Run", name).check_permission("write")
	frappe.cache.set_value(_stop_key(name), 1, expires_in_sec=3600)


# the registrations paid in a run's month (shared by the keyset window and the INSERT … SELECT)
PAID_WHERE = """
	r.docstatus = 1 and r.workflow_state in %(states)s and r.allowance_kind = %(kind)s
	and r.fiscal_year = %(fy)s and (r.active_from is null or r.active_from <= %(month_end)s)
	and p.status = 'Active'
"""
PAID_FROM = "`tabAllowance Registration` r join `tabCare Person` p on p.name = r.care_person"


def _paid_params(run: frappe._dict) -> dict:
	return {
		"states": wf.PAID_STATES,
		"kind": run.allowance_kind,
		"fy": run.fiscal_year,
		"month_end": add_days(add_months(run.month, 1), -1),
	}


def next_window(run: frappe._dict, after: str, limit: int) -> list[str]:
	"""The names of the next `limit` registrations paid in the run's month, after `after` (keyset)."""
	return frappe.db.sql(
		f"select r.name from {PAID_FROM} where {PAID_WHERE} and r.name > %(after)s order by r.name limit %(limit)s",
		{**_paid_params(run), "after": after, "limit": limit},
		pluck=True,
	)


def insert_window(run: frappe._dict, after: str, last: str, user: str) -> None:
	"""One INSERT … SELECT of the lines of the registrations in (after, last]: the rows never leave the
	database (no per-row Python work), the window keeps each statement and the progress small."""
	frappe.db.sql(
		f"""insert into `tabAllowance Payment Line` ({", ".join(f"`{f}`" for f in LINE_FIELDS)})
		select concat(%(run)s, '-', r.name), %(now)s, %(now)s, %(user)s, %(user)s, 0, %(run)s, r.name,
			r.care_person, p.full_name, p.village, %(month)s, r.allowance_kind, r.tier, r.monthly_amount,
			p.bank, p.bank_account_masked, p.bank_account_no
		from {PAID_FROM}
		where {PAID_WHERE} and r.name > %(after)s and r.name <= %(last)s""",
		{
			**_paid_params(run),
			"run": run.name,
			"now": now_datetime(),
			"user": user,
			"month": run.month,
			"after": after,
			"last": last,
		},
	)


def count_registrations(run: frappe._dict) -> int:
	"""How many lines the run will write (the same rule as the windows: the progress ends at 100 %)."""
	return frappe.db.sql(f"select count(*) from {PAID_FROM} where {PAID_WHERE}", _paid_params(run))[0][0]


def job_is_alive(run: str) -> bool:
	"""Whether a job holds the run's row lock (execute_run does from its first line to its commit)."""
	free = frappe.db.sql(
		"select name from `tabAllowance Payment Run` where name = %s for update skip locked", run
	)
	return not free


def mark_interrupted(run: str) -> bool:
	"""A Running run without a live job (its worker was killed): Failed, no line kept; True if marked."""
	if frappe.db.get_value("Allowance Payment Run", run, "status") != RUNNING or job_is_alive(run):
		return False
	frappe.db.delete("Allowance Payment Line", {"payment_run": run})
	frappe.db.set_value(
		"Allowance Payment Run",
		run,
		{
			"status": FAILED,
			"finished_on": now_datetime(),
			"line_count": 0,
			"total_amount": 0,
			"progress": 0,
			"error": _(
				"Interrupted: the background worker stopped; no payment of this run was kept. Start it again."
			),
		},
	)
	frappe.db.commit()
	return True


def _lock(run: str) -> frappe._dict | None:
	rows = frappe.db.sql(
		"""select name, status, month, allowance_kind, fiscal_year from `tabAllowance Payment Run`
		where name = %s for update""",
		run,
		as_dict=True,
	)
	return rows[0] if rows else None


def execute_run(
	run: str, run_by: str | None = None, batch_size: int | None = None, commit: bool = True
) -> dict:
	"""The job: write the run's lines, all or nothing. `commit=False` (tests) leaves the outer
	transaction to the caller; the savepoint still makes a failed run leave no line. The window size is
	`batch_size`, else the site config `nonsaad_payment_run_batch_size`, else BATCH_SIZE."""
	batch_size = batch_size or cint(frappe.conf.get("nonsaad_payment_run_batch_size")) or BATCH_SIZE
	doc = _lock(run)
	if not doc:
		return {"status": "missing"}
	if doc.status in (RUNNING, COMPLETED):
		return {"status": doc.status, "lines": 0}
	frappe.db.set_value(
		"Allowance Payment Run",
		run,
		{
			"status": RUNNING,
			"started_on": now_datetime(),
			"run_by": run_by or frappe.session.user,
			"error": None,
		},
	)
	if commit:
		frappe.db.commit()
		_lock(run)  # held until the final commit: a Running run without this lock has no live job
	tell_desk(run, commit)
	frappe.db.savepoint(SAVEPOINT)
	try:
		lines, total = write_lines(doc, batch_size)
	except Exception as error:
		frappe.db.rollback(save_point=SAVEPOINT)
		stopped = isinstance(error, RunStoppedError)
		frappe.db.set_value(
			"Allowance Payment Run",
			run,
			{
				"status": STOPPED if stopped else FAILED,
				"finished_on": now_datetime(),
				"line_count": 0,
				"total_amount": 0,
				"progress": 0,
				"error": _("Stopped by an officer") if stopped else str(error)[:1000],
			},
		)
		if not stopped:
			frappe.log_error(title=f"Allowance payment run {run} failed")
		if commit:
			frappe.db.commit()
		tell_desk(run, commit)
		frappe.cache.delete_value(_stop_key(run))
		return {"status": STOPPED if stopped else FAILED, "lines": 0}
	frappe.db.set_value(
		"Allowance Payment Run",
		run,
		{
			"status": COMPLETED,
			"finished_on": now_datetime(),
			"line_count": lines,
			"total_amount": total,
			"progress": 100,
		},
	)
	if commit:
		frappe.db.commit()
	tell_desk(run, commit)
	return {"status": COMPLETED, "lines": lines, "total": total}


def tell_desk(run: str, committed: bool) -> None:
	"""The run's status changed: an open form reloads itself (Frappe's `doc_update` with the new
	`modified`), a list of runs refreshes (`list_update`)."""
	modified = frappe.db.get_value("Allowance Payment Run", run, "modified")
	message = {"doctype": "Allowance Payment Run", "name": run}
	after_commit = not committed
	frappe.publish_realtime(
		"doc_update",
		{**message, "modified": str(modified)},
		doctype="Allowance Payment Run",
		docname=run,
		after_commit=after_commit,
	)
	frappe.publish_realtime("list_update", message, after_commit=after_commit)


def write_lines(run: frappe._dict, batch_size: int) -> tuple[int, float]:
	expected = count_registrations(run) or 1
	user = frappe.session.user
	after, lines = "", 0
	while True:
		if frappe.cache.get_value(_stop_key(run.name)):
			raise RunStoppedError
		window = next_window(run, after, batch_size)
		if not window:
			break
		insert_window(run, after, window[-1], user)
		lines += len(window)
		after = window[-1]
		after_batch(run, lines)
		frappe.publish_progress(
			min(cint(lines * 100 / expected), 100),
			title=_("Allowance payment run"),
			doctype="Allowance Payment Run",
			docname=run.name,
			description=_("{0} of {1} payments").format(lines, expected),
		)
	line = frappe.qb.DocType("Allowance Payment Line")
	from frappe.query_builder.functions import Sum

	total = frappe.qb.from_(line).select(Sum(line.amount)).where(line.payment_run == run.name).run()[0][0]
	return lines, flt(total)


def after_batch(run: frappe._dict, lines: int) -> None:
	"""Called after each batch is written (a test raises here to force a failure in the middle)."""
