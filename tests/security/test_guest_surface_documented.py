"""The README's "Guest surface" lists every guest method of the app (so a new one cannot slip in
unreviewed): each `@frappe.whitelist(allow_guest=True)` function and each `www/` page."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "apps/nonsaad_smart/nonsaad_smart"


def guest_surface() -> str:
	readme = (ROOT / "README.md").read_text()
	start = readme.index("### Guest surface")
	end = readme.find("\n## ", start)
	return readme[start : end if end > 0 else None]


def guest_methods() -> list[str]:
	found = []
	for path in APP.rglob("*.py"):
		if "test" in path.name:
			continue
		text = path.read_text()
		for match in re.finditer(
			r"@frappe\.whitelist\([^)]*allow_guest=True[^)]*\)\n(?:@.*\n)*def (\w+)", text
		):
			module = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
			found.append(f"{module}.{match.group(1)}")
	return found


def test_every_guest_method_is_documented():
	surface = guest_surface()
	methods = guest_methods()
	assert len(methods) >= 6, methods
	for method in methods:
		short = method.removeprefix("nonsaad_smart.")
		assert method in surface or short in surface, f"{method} is not in README's Guest surface"


def test_every_www_page_is_documented():
	surface = guest_surface()
	for page in (APP / "www").glob("*.html"):
		assert f"/{page.stem}" in surface, f"/{page.stem} is not in README's Guest surface"
