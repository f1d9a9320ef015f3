"""Every label of the app a Thai desk user reads has a Thai translation (issue 8, "Thai done right").

Why: source strings are English and Thai lives in `translations/th.csv`; a label added without its row
stays English on a Thai screen. The labels are read from the site (DocType meta, workspaces, reports,
cards, charts, workflows, print formats, web forms, roles) and resolved with Frappe's own `_()` for
language th, so framework and ERPNext translations count, and the app's th.csv wins over them.
"""

import re
from importlib import import_module

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.hooks import ROLES

THAI = re.compile(r"[\u0E00-\u0E7F]")
# language-neutral: codes, units, abbreviations and names a Thai user reads as they are
NEUTRAL = re.compile(r"^[\W\d_]*$|^(GeoJSON|QR|QR Code|ID|SLA|GPS|URL|API|PDPA|LED|W|m|km|MB|Open311)$")
NO_LABEL_TYPES = {"Column Break", "HTML", "Fold", "Button"}
SELECT_FREE = {"Link", "Dynamic Link", "Table", "Table MultiSelect"}


def is_thai(label: str) -> bool:
	"""True if a Thai user reads `label` in Thai (or it needs no translation)."""
	label = (label or "").strip()
	if not label or THAI.search(label) or NEUTRAL.match(label):
		return True
	return bool(THAI.search(_(label)))


def app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": "nonsaad_smart"}, pluck="name")


def doctype_labels(modules) -> dict[str, set]:
	labels = {}
	add = labels.setdefault
	doctypes = frappe.get_all("DocType", filters={"module": ["in", modules]}, pluck="name")
	custom = frappe.get_all(
		"Custom Field",
		filters={"module": ["in", modules]},
		fields=["dt", "label", "fieldtype", "options"],
	)
	for doctype in doctypes:
		meta = frappe.get_meta(doctype)
		add(doctype, set()).add(f"DocType name: {doctype}")
		for df in meta.fields:
			if df.fieldtype in NO_LABEL_TYPES and not df.label:
				continue
			if df.label:
				labels[doctype].add(f"{df.fieldtype} label: {df.label}")
			if df.fieldtype == "Select" and df.options:
				for option in df.options.split("\n"):
					labels[doctype].add(f"option of {df.fieldname}: {option}")
	for df in custom:
		bucket = add(f"{df.dt} (custom fields)", set())
		if df.label:
			bucket.add(f"{df.fieldtype} label: {df.label}")
		if df.fieldtype == "Select" and df.options:
			for option in df.options.split("\n"):
				bucket.add(f"option: {option}")
	return labels


def workspace_labels(modules) -> dict[str, set]:
	labels = {}
	for name in frappe.get_all("Workspace", filters={"module": ["in", modules]}, pluck="name"):
		ws = frappe.get_doc("Workspace", name)
		bucket = labels.setdefault(f"Workspace {name}", set())
		bucket.update(f"workspace: {v}" for v in (ws.label, ws.title) if v)
		bucket.update(f"shortcut: {s.label}" for s in ws.shortcuts if s.label)
		bucket.update(
			f"shortcut count: {s.format.replace('{}', '').strip()}" for s in ws.shortcuts if s.format
		)
		bucket.update(f"{link.type}: {link.label}" for link in ws.links if link.label)
		bucket.update(f"chart: {c.label or c.chart_name}" for c in ws.charts)
		bucket.update(f"number card: {c.label or c.number_card_name}" for c in ws.number_cards)
		bucket.update(f"quick list: {q.label}" for q in ws.quick_lists if q.label)
	return labels


def report_labels(modules) -> dict[str, set]:
	labels = {}
	for report in frappe.get_all(
		"Report", filters={"module": ["in", modules]}, fields=["name", "report_type", "module"]
	):
		bucket = labels.setdefault(f"Report {report.name}", set())
		bucket.add(f"report: {report.name}")
		if report.report_type != "Script Report":
			continue
		module = import_module(
			f"nonsaad_smart.{frappe.scrub(report.module)}.report.{frappe.scrub(report.name)}."
			f"{frappe.scrub(report.name)}"
		)
		columns = module.columns() if hasattr(module, "columns") else module.execute(frappe._dict())[0]
		for column in columns:
			label = column.get("label") if isinstance(column, dict) else str(column).split(":")[0]
			# the columns are built with _() at run time: the label read here is already the Thai one
			bucket.add(f"column (as shown): {label}")
	return labels


def other_labels(modules) -> dict[str, set]:
	labels = {"Roles": {f"role: {role}" for role in ROLES}}
	labels["Number Cards"] = {
		f"number card: {label}"
		for label in frappe.get_all("Number Card", filters={"module": ["in", modules]}, pluck="label")
	}
	labels["Dashboard Charts"] = {
		f"chart: {name}"
		for name in frappe.get_all("Dashboard Chart", filters={"module": ["in", modules]}, pluck="chart_name")
	}
	labels["Print Formats"] = {
		f"print format: {name}"
		for name in frappe.get_all("Print Format", filters={"module": ["in", modules]}, pluck="name")
	}
	doctypes = frappe.get_all("DocType", filters={"module": ["in", modules]}, pluck="name")
	for workflow in frappe.get_all("Workflow", filters={"document_type": ["in", doctypes]}, pluck="name"):
		wf = frappe.get_doc("Workflow", workflow)
		bucket = labels.setdefault(f"Workflow {workflow}", set())
		bucket.update(f"state: {s.state}" for s in wf.states)
		bucket.update(f"action: {t.action}" for t in wf.transitions)
	for name in frappe.get_all("Web Form", filters={"module": ["in", modules]}, pluck="name"):
		form = frappe.get_doc("Web Form", name)
		bucket = labels.setdefault(f"Web Form {name}", set())
		bucket.update(
			f"web form: {v}"
			for v in (form.title, form.button_label, form.success_title, form.success_message)
			if v
		)
		for field in form.web_form_fields:
			bucket.update(f"field: {v}" for v in (field.label, field.description) if v)
			if field.fieldtype == "Select" and field.options:
				bucket.update(f"option: {o}" for o in field.options.split("\n"))
	return labels


class TestTranslationCoverage(FrappeTestCase):
	"""Lists what stays English for a Thai desk user; the list must be empty."""

	def setUp(self):
		self.lang = frappe.local.lang
		frappe.local.lang = "th"
		frappe.local.lang_full_dict = None
		frappe.translate.clear_cache()

	def tearDown(self):
		frappe.local.lang = self.lang

	def assert_all_thai(self, labels: dict[str, set]):
		missing = {
			where: sorted(item for item in items if not is_thai(item.split(": ", 1)[1]))
			for where, items in labels.items()
		}
		missing = {where: items for where, items in missing.items() if items}
		self.assertFalse(
			missing,
			"No Thai translation (add rows to translations/th.csv):\n"
			+ "\n".join(f"{where}: {items}" for where, items in sorted(missing.items())),
		)

	def test_app_modules_found(self):
		self.assertIn("E-Smart Service", app_modules())

	def test_doctypes(self):
		self.assert_all_thai(doctype_labels(app_modules()))

	def test_workspaces(self):
		self.assert_all_thai(workspace_labels(app_modules()))

	def test_reports(self):
		self.assert_all_thai(report_labels(app_modules()))

	def test_cards_charts_workflows_prints_web_forms_roles(self):
		self.assert_all_thai(other_labels(app_modules()))

	def test_english_source_is_not_thai(self):
		"""A label is English in the source: Thai inside a label cannot be translated back."""
		self.assertTrue(is_thai("ขอบเขต"))
		self.assertFalse(is_thai("Zzz untranslated label"))


class TestSourceStrings(FrappeTestCase):
	"""Every `_()`/`__()` string of the app's code, JSON and templates reads Thai for a Thai user."""

	def test_every_source_string_has_thai(self):
		from frappe.translate import get_messages_for_app

		frappe.local.lang = "th"
		missing = []
		for message in get_messages_for_app("nonsaad_smart"):
			where, text, context = message[0], message[1], message[2] if len(message) > 2 else None
			if re.fullmatch(r"[a-z_]+", text) or is_thai(text):  # a fieldname, or Thai already
				continue
			if not THAI.search(_(text, context=context)):
				missing.append(f"{where}: {text!r}")
		self.assertFalse(missing, "No Thai translation in translations/th.csv:\n" + "\n".join(missing))

	def test_no_thai_inside_source_strings(self):
		"""Source strings are English: Thai inside one shows both languages and cannot be translated."""
		from frappe.translate import get_messages_for_app

		bilingual = [
			f"{m[0]}: {m[1]!r}"
			for m in get_messages_for_app("nonsaad_smart")
			if THAI.search(m[1]) and re.search(r"[A-Za-z]{3,}", m[1])
		]
		self.assertFalse(bilingual, "English and Thai in one source string:\n" + "\n".join(bilingual))


class TestWebHelpers(FrappeTestCase):
	"""smart_core/translation.py: both languages in one helper; a web form's script strings in Thai."""

	def test_th_en_gives_thai_then_english(self):
		from nonsaad_smart.smart_core.translation import th_en

		self.assertEqual(th_en("Tracking number"), "เลขที่เรื่อง (Tracking number)")
		self.assertEqual(th_en("Zzz no translation"), "Zzz no translation")

	def test_web_form_page_gets_its_script_and_framework_messages(self):
		from nonsaad_smart.smart_core.translation import add_web_form_messages

		frappe.local.lang = "th"
		context = frappe._dict(
			translated_messages=frappe.as_json({"Sr": "Sr"}), script='x = __("Selected pole {0}", [1]);'
		)
		add_web_form_messages(context)
		messages = frappe.parse_json(context.translated_messages)
		self.assertEqual(messages["Selected pole {0}"], "เลือกเสา {0}")
		self.assertEqual(messages["Missing Values Required"], "กรุณากรอกข้อมูลให้ครบ")
		other_page = frappe._dict(title="not a web form")
		add_web_form_messages(other_page)
		self.assertNotIn("translated_messages", other_page)

	def test_static_script_translations_for_a_web_page(self):
		from nonsaad_smart.smart_core.translation import script_translations

		self.addCleanup(setattr, frappe.local, "lang", frappe.local.lang)
		frappe.local.lang = "th"
		messages = script_translations("public/js/request_loop.js")
		self.assertEqual(messages["Is it really fixed?"], "แก้ไขเรียบร้อยจริงหรือไม่?")
		# a __() in a template literal's attribute, which Frappe's JavaScript parser alone misses
		self.assertIn("If it is not fixed yet, tell us what the problem still is", messages)
		self.assertTrue(all(THAI.search(thai) for thai in messages.values()), messages)
		frappe.local.lang = "en"
		english = script_translations("public/js/request_loop.js")
		self.assertEqual(english["Is it really fixed?"], "Is it really fixed?")
