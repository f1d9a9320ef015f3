"""Work a citizen's request need not wait for, run after its commit as background jobs.

Frappe's own doc_events "*" on_update creates the Workflow Action rows ("what is waiting for me") of the
roles that act next and may queue their e-mails (`process_workflow_actions`): about a third of a citizen's
report (docs/performance.md). A document flagged `doc.flags.defer_workflow_actions` gets that work in a
job queued after the commit instead (`frappe.enqueue(..., enqueue_after_commit=True)`), which reloads the
document and does exactly what Frappe would have done. Installed on every request and job (hooks
`before_request`, `before_job`), like be_calendar.install; tests (frappe.flags.in_test) run it at once.

While the demo data loads (demo/loader.py), each record's Workflow Actions are written once, after its
loader, for the state it ends in, instead of once per workflow step it walks through.
"""

import frappe


def install() -> None:
	from frappe.model.workflow import get_workflow_name
	from frappe.workflow.doctype.workflow_action import workflow_action

	current = workflow_action.process_workflow_actions
	if getattr(current, "nonsaad_deferred", False):
		return

	def process_workflow_actions(doc, state):
		if (
			frappe.flags.in_demo_load
			and state != "on_trash"
			and frappe.flags.nonsaad_workflow_docs is not None
		):
			# a demo record walks many states in a row: its actions are written once, for where it ends
			if get_workflow_name(doc.get("doctype")):
				frappe.flags.nonsaad_workflow_docs[(doc.doctype, doc.name)] = state
			return None
		if doc.flags.get("defer_workflow_actions") and state != "on_trash" and not frappe.flags.in_test:
			doc.flags.defer_workflow_actions = False  # once: a later save of this object runs as usual
			frappe.enqueue(
				"nonsaad_smart.smart_core.deferred.run_workflow_actions",
				queue="short",
				enqueue_after_commit=True,
				doctype=doc.doctype,
				name=doc.name,
				state=state,
			)
			return None
		return current(doc, state)

	process_workflow_actions.nonsaad_deferred = True
	process_workflow_actions.__wrapped__ = current
	workflow_action.process_workflow_actions = process_workflow_actions


def run_workflow_actions(doctype: str, name: str, state: str = "on_update") -> None:
	"""The deferred part: Frappe's process_workflow_actions on the document as it is now."""
	from frappe.workflow.doctype.workflow_action import workflow_action

	if not frappe.db.exists(doctype, name):
		return
	process = workflow_action.process_workflow_actions
	getattr(process, "__wrapped__", process)(frappe.get_doc(doctype, name), state)


def collect_demo_workflow_actions() -> None:
	"""While the demo loads: remember the documents instead of writing their Workflow Actions per step."""
	install()
	frappe.flags.nonsaad_workflow_docs = {}


def flush_demo_workflow_actions() -> int:
	"""The Workflow Actions of every document collected since collect_demo_workflow_actions, for the state
	each ends in (what Frappe leaves open after the last step); how many documents."""
	docs = frappe.flags.nonsaad_workflow_docs or {}
	frappe.flags.nonsaad_workflow_docs = {}
	for (doctype, name), state in docs.items():
		run_workflow_actions(doctype, name, state)
	return len(docs)
