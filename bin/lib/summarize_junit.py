"""Print one closing line for all JUnit XML reports given: "N passed, N failed, N skipped".

Exit 1 when anything failed or nothing passed (a run that ran no test is not a green run).
"""

import sys
import xml.etree.ElementTree as ET


def count(paths: list[str]) -> tuple[int, int, int]:
	passed = failed = skipped = 0
	for path in paths:
		root = ET.parse(path).getroot()
		for case in root.iter("testcase"):
			tags = {child.tag for child in case}
			if tags & {"failure", "error"}:
				failed += 1
			elif "skipped" in tags:
				skipped += 1
			else:
				passed += 1
		# an error outside any test case (import error, broken setUpClass) is a failure too
		for suite in root.iter("testsuite"):
			failed += sum(1 for child in suite if child.tag == "error")
	return passed, failed, skipped


if __name__ == "__main__":
	passed, failed, skipped = count(sys.argv[1:])
	print(f"{passed} passed, {failed} failed, {skipped} skipped")
	sys.exit(1 if failed or not passed else 0)
