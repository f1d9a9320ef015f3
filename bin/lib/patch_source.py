"""Make a Frappe/ERPNext source tree installable from PyPI and the npm registry alone.

Frappe 15 pins two dependencies to GitHub (gunicorn and air-datepicker) and its yarn.lock asks for a
frappe-charts release the registry no longer serves. Replace them with registry releases (see
docs/offline-install.md). Safe to run twice; does nothing to a tree that does not need it.
"""

import json
import re
import sys
from pathlib import Path

PY_REPLACEMENTS = {r'"gunicorn @ git\+[^"]*"': '"gunicorn~=23.0.0"'}
NPM_PINS = {"air-datepicker": "2.2.3", "frappe-charts": "2.0.0-rc27"}


def patch_pyproject(app: Path) -> None:
	path = app / "pyproject.toml"
	text = path.read_text()
	for pattern, replacement in PY_REPLACEMENTS.items():
		text = re.sub(pattern, replacement, text)
	path.write_text(text)


def patch_package_json(app: Path) -> set[str]:
	path = app / "package.json"
	if not path.exists():
		return set()
	data = json.loads(path.read_text())
	changed = set()
	for section in ("dependencies", "devDependencies"):
		deps = data.get(section) or {}
		for name, version in NPM_PINS.items():
			if name in deps and deps[name] != version:
				deps[name] = version
				changed.add(name)
	if changed:
		path.write_text(json.dumps(data, indent=2) + "\n")
	return changed


def drop_lock_entries(app: Path, names: set[str]) -> None:
	"""Remove the yarn.lock blocks of the given packages so yarn resolves them again."""
	path = app / "yarn.lock"
	if not names or not path.exists():
		return
	blocks = path.read_text().split("\n\n")

	def is_pinned(block: str) -> bool:
		header = block.lstrip().split("\n", 1)[0].strip('"')
		return any(header.startswith(f"{name}@") for name in names)

	path.write_text("\n\n".join(b for b in blocks if not is_pinned(b)))


def main(app_dir: str) -> None:
	app = Path(app_dir)
	patch_pyproject(app)
	drop_lock_entries(app, patch_package_json(app) | set(NPM_PINS))


if __name__ == "__main__":
	main(sys.argv[1])
