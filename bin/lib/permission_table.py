"""README's permission table, generated from every `<module>/permission_matrix.json` of the app.

python bin/lib/permission_table.py          # rewrite the table in README.md
python bin/lib/permission_table.py --check  # exit 1 when README's table differs from the files
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "apps/nonsaad_smart/nonsaad_smart"
README = ROOT / "README.md"
START = "<!-- permission-table:start (bin/nonsaad permission-table writes this; do not edit) -->"
END = "<!-- permission-table:end -->"
LETTERS = {
	"read": "r",
	"write": "w",
	"create": "c",
	"delete": "d",
	"submit": "s",
	"cancel": "x",
	"export": "e",
	"print": "p",
	"report": "R",
}


def cell(entry: dict, notes: dict) -> str:
	text = "".join(LETTERS[r] for r in LETTERS if r in entry["rights"])
	extras = []
	if entry.get("rows", "all") != "all":
		texts = notes.setdefault(entry["rows"], [])
		if entry.get("rows_rule", "") not in texts:
			texts.append(entry.get("rows_rule", ""))
		extras.append(entry["rows"])
	if entry.get("fields"):
		extras.append("fields: " + ", ".join(entry["fields"]))
	if entry.get("unmasked"):
		extras.append(f"{len(entry['unmasked'])} personal fields")
	return text + (f" ({'; '.join(extras)})" if extras else "")


def table() -> str:
	lines = [
		"Rights: r read, w write, c create, d delete, s submit, x cancel, e export, p print, R report;",
		"a row rule in brackets; a blank cell: nothing. System Manager and Administrator are not listed.",
		"",
	]
	for path in sorted(APP.glob("*/permission_matrix.json")):
		data = json.loads(path.read_text())
		if not data["doctypes"]:
			continue
		roles = sorted({role for entry in data["doctypes"].values() for role in entry})
		notes: dict[str, list[str]] = {}
		lines.append(f"**{path.parent.name}** (`{path.relative_to(ROOT)}`)")
		lines.append("")
		lines.append("| DocType | " + " | ".join(roles) + " |")
		lines.append("|---|" + "---|" * len(roles))
		for dt in sorted(data["doctypes"]):
			entry = data["doctypes"][dt]
			cells = [cell(entry[role], notes) if role in entry else "" for role in roles]
			lines.append(f"| {dt} | " + " | ".join(cells) + " |")
		children = data.get("child_tables", {})
		if children:
			lines.append("")
			lines.append(
				"Child tables follow their parent: "
				+ "; ".join(f"{c} ({', '.join(p)})" for c, p in sorted(children.items()))
				+ "."
			)
		if notes:
			lines.append("")
			lines.append(
				"Row rules: " + "; ".join(f"*{k}*: {' / '.join(v)}" for k, v in sorted(notes.items())) + "."
			)
		lines.append("")
	return "\n".join(lines).rstrip() + "\n"


def main() -> int:
	text = README.read_text()
	if START not in text or END not in text:
		print(f"README.md has no {START} … {END} block", file=sys.stderr)
		return 1
	head, rest = text.split(START, 1)
	current, tail = rest.split(END, 1)
	wanted = "\n" + table()
	if "--check" in sys.argv:
		if current != wanted:
			print("README's permission table differs from the matrix files: run bin/nonsaad permission-table")
			return 1
		return 0
	README.write_text(head + START + wanted + END + tail)
	return 0


if __name__ == "__main__":
	sys.exit(main())
