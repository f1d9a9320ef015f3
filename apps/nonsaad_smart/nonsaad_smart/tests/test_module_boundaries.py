"""Seams between modules, checked on the source: a service module imports only its own code, Smart Core
and other modules' public `api.py`; Service Request's state names live only in E-Smart Service.

These walk every Python and JavaScript file of the app, so a new module is checked without being listed.
"""

import ast
import re
import tempfile
from pathlib import Path

from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.e_smart_service.api import STATES

APP = Path(__file__).resolve().parent.parent
PACKAGE = APP.name
# app-level packages that are not service modules (the core around the modules)
CORE_PACKAGES = {
	"smart_core",
	"setup",
	"demo",
	"tests",
	"utils",
	"www",
	"templates",
	"config",
	"public",
	"wsgi",
}
# hooks.py reads the workflows' names from each module's constants module (and Smart Core's method tables)
HOOKS_IMPORTS = {
	"nonsaad_smart.e_smart_service.states",
	"nonsaad_smart.e_smart_service.line.workflow",
	"nonsaad_smart.smart_karupan.workflows",
	"nonsaad_smart.smart_terrain.workflows",
	"nonsaad_smart.smart_care.workflows",
	"nonsaad_smart.smart_pet.workflows",
}
# the owner of the Service Request workflow; fixtures/ holds its definition (the workflow JSON)
STATE_OWNER = "e_smart_service"
STATE_EXEMPT = {STATE_OWNER, "fixtures", "translations"}


def service_modules() -> set[str]:
	return {
		line.strip().lower().replace(" ", "_").replace("-", "_")
		for line in (APP / "modules.txt").read_text().splitlines()
		if line.strip()
	} - {"smart_core"}


def app_files(*suffixes: str):
	for path in sorted(APP.rglob("*")):
		if path.suffix in suffixes and "node_modules" not in path.parts and "__pycache__" not in path.parts:
			yield path


def imported_modules(path: Path) -> list[tuple[int, str]]:
	tree = ast.parse(path.read_text(), filename=str(path))
	found = []
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			found += [(node.lineno, alias.name) for alias in node.names]
		elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
			found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
	return [(line, name) for line, name in found if name.startswith(PACKAGE + ".")]


def import_allowed(owner: str, name: str) -> bool:
	"""`owner` is the top folder of the importing file (a service module or a core package)."""
	parts = name.split(".")[1:]
	target = parts[0]
	if target == owner or target in CORE_PACKAGES or target == "hooks":
		return True
	# another service module: only its public api (nonsaad_smart.<module>.api[.<name>])
	return target in service_modules() and len(parts) >= 2 and parts[1] == "api"


def is_test_code(rel: Path) -> bool:
	"""Tests and test factories (`test_*.py`, a `tests/` folder, a module's `testing.py`)."""
	return rel.name.startswith("test_") or "tests" in rel.parts[:-1] or rel.name == "testing.py"


def state_literals(path: Path) -> list[tuple[int, str]]:
	"""String literals that are exactly a Service Request state."""
	text = path.read_text()
	if path.suffix == ".py":
		return [
			(node.lineno, node.value)
			for node in ast.walk(ast.parse(text))
			if isinstance(node, ast.Constant) and node.value in STATES
		]
	found = []
	for number, line in enumerate(text.splitlines(), start=1):
		found += [
			(number, m.group(2)) for m in re.finditer(r"([\"'`])([^\"'`\n]+)\1", line) if m.group(2) in STATES
		]
	return found


class TestModuleBoundaries(FrappeTestCase):
	def test_modules_import_only_core_and_public_apis(self):
		bad = []
		for path in app_files(".py"):
			rel = path.relative_to(APP)
			owner = rel.parts[0] if len(rel.parts) > 1 else rel.stem
			if is_test_code(rel):
				continue  # tests drive any module and use each module's factories (no factory is copied)
			for line, name in imported_modules(path):
				if rel.name == "hooks.py":
					ok = (
						name.rsplit(".", 1)[0] in HOOKS_IMPORTS
						or name in HOOKS_IMPORTS
						or name.split(".")[1] == "smart_core"
					)
				else:
					ok = import_allowed(owner, name)
				if not ok:
					bad.append(f"{rel}:{line} imports {name}")
		self.assertEqual(
			bad, [], "a module may import only its own code, smart_core and other modules' api.py"
		)

	def test_service_request_states_only_in_e_smart_service(self):
		bad = []
		for path in app_files(".py", ".js", ".html", ".json"):
			rel = path.relative_to(APP)
			if rel.parts[0] in STATE_EXEMPT or rel.name == Path(__file__).name:
				continue
			text = path.read_text()
			if "Service Request" not in text and "service_request" not in text:
				continue  # other workflows share some names (Rejected, Submitted): only files about requests
			bad += [f"{rel}:{line} {value!r}" for line, value in state_literals(path)]
		self.assertEqual(bad, [], "use e_smart_service.api (or frappe.boot.nonsaad_service_request in JS)")

	def test_the_checks_catch_what_they_forbid(self):
		# the rules above are real: a controller import and a state literal are both seen
		self.assertFalse(
			import_allowed(
				"smart_i_pole", "nonsaad_smart.e_smart_service.doctype.service_request.service_request"
			)
		)
		self.assertTrue(import_allowed("smart_i_pole", "nonsaad_smart.e_smart_service.api.is_open"))
		self.assertTrue(import_allowed("www", "nonsaad_smart.smart_i_pole.api.public_pole_info"))
		self.assertFalse(import_allowed("www", "nonsaad_smart.smart_i_pole.events.on_request_update"))
		with tempfile.TemporaryDirectory() as folder:
			sample = Path(folder) / "sample.js"
			sample.write_text('const open = ["Submitted", "Accepted"].includes(state); // Service Request\n')
			self.assertEqual([v for _l, v in state_literals(sample)], ["Submitted", "Accepted"])
